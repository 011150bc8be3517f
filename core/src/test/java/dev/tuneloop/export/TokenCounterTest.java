package dev.tuneloop.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Token counts checked against official tiktoken output published in OpenAI's cookbook ("How to count tokens with
 * tiktoken"): the o200k_base token ids of three strings, and the 124 prompt tokens that both the cookbook's
 * {@code num_tokens_from_messages} and the OpenAI API report for its {@code example_messages} on gpt-4o and
 * gpt-4o-mini.
 */
class TokenCounterTest {

    private static final com.knuddels.jtokkit.api.Encoding O200K =
            Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    @Test
    void o200kTokenIdsEqualTiktokens() {
        assertThat(O200K.encodeOrdinary("antidisestablishmentarianism").toArray())
                .containsExactly(493, 129901, 376, 160388, 21203, 2367);
        assertThat(O200K.encodeOrdinary("2 + 2 = 4").toArray()).containsExactly(17, 659, 220, 17, 314, 220, 19);
        assertThat(O200K.encodeOrdinary("お誕生日おめでとう").toArray())
                .containsExactly(8930, 9697, 243, 128225, 8930, 17693, 4344, 48669);
    }

    @Test
    void countsMatchTheCookbookStrings() {
        TokenCounter c = TokenCounter.forModel("gpt-4o-mini-2024-07-18");
        assertThat(c.encodingName()).isEqualTo("o200k_base");
        assertThat(c.count("antidisestablishmentarianism")).isEqualTo(6);
        assertThat(c.count("2 + 2 = 4")).isEqualTo(7);
        assertThat(c.count("お誕生日おめでとう")).isEqualTo(8);
        assertThat(c.count("")).isZero();
        TokenCounter cl = TokenCounter.forModel("gpt-4-0613");
        assertThat(cl.encodingName()).isEqualTo("cl100k_base");
        assertThat(cl.count("tiktoken is great!")).isEqualTo(6);
        assertThat(cl.count("お誕生日おめでとう")).isEqualTo(9);
    }

    @Test
    void modelFamiliesGetTheRightEncoding() {
        for (String m : List.of(
                "gpt-4o",
                "gpt-4o-mini-2024-07-18",
                "gpt-4.1",
                "gpt-4.1-mini-2025-04-14",
                "gpt-4.1-nano",
                "ft:gpt-4o-mini-2024-07-18:acme::abc123",
                "o4-mini",
                "something-new")) {
            assertThat(TokenCounter.forModel(m).encodingName()).as(m).isEqualTo("o200k_base");
        }
        for (String m : List.of("gpt-4", "gpt-4-0613", "gpt-3.5-turbo-0125", "ft:gpt-3.5-turbo-0125:acme::x")) {
            assertThat(TokenCounter.forModel(m).encodingName()).as(m).isEqualTo("cl100k_base");
        }
        assertThat(TokenCounter.forModel("gpt-4o")).isSameAs(TokenCounter.forModel("gpt-4.1"));
    }

    @Test
    void cookbookExampleMessagesCount124TokensOnGpt4oMini() {
        // the cookbook's example_messages, as one line; 124 is what the OpenAI API reported for gpt-4o-mini
        String messages = "[{\"role\":\"system\",\"content\":\"You are a helpful, pattern-following assistant that "
                + "translates corporate jargon into plain English.\"},"
                + "{\"role\":\"system\",\"name\":\"example_user\",\"content\":\"New synergies will help drive top-line growth.\"},"
                + "{\"role\":\"system\",\"name\":\"example_assistant\",\"content\":\"Things working well together will increase revenue.\"},"
                + "{\"role\":\"system\",\"name\":\"example_user\",\"content\":\"Let's circle back when we have more bandwidth to "
                + "touch base on opportunities for increased leverage.\"},"
                + "{\"role\":\"system\",\"name\":\"example_assistant\",\"content\":\"Let's talk later when we're less busy "
                + "about how to do better.\"},"
                + "{\"role\":\"user\",\"content\":\"This late pivot means we don't have time to boil the ocean for the "
                + "client deliverable.\"}]";
        // a training example needs an assistant message: add one, count the line, and take its tokens off again
        String line = "{\"messages\":" + messages.substring(0, messages.length() - 1)
                + ",{\"role\":\"assistant\",\"content\":\"ok\"}]}\n";
        ValidationResult r = JsonlValidator.builder()
                .minExamples(0)
                .build()
                .validate(new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)));
        TokenCounter c = TokenCounter.forModel("gpt-4o-mini");
        int assistant = TokenCounter.TOKENS_PER_MESSAGE + c.count("assistant") + c.count("ok");
        assertThat(r.errors()).isZero();
        assertThat(r.tokens().total() - assistant).isEqualTo(124);
    }
}
