package dev.tuneloop.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.record.ChatMessage;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.NumericChars;
import org.junit.jupiter.api.Test;

class ChatRequestTest {

    @Test
    void invalidRequestsNameEveryProblem() {
        assertThatThrownBy(() -> new ChatRequest(" ", List.of(), 2.5, 0))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "model must not be blank, but was ' '", "messages must not be empty",
                                        "temperature must be between 0 and 2, but was 2.5",
                                                "maxTokens must be > 0, but was 0"));
    }

    @Test
    void thePromptHashDependsOnEverythingButTheModel() {
        ChatRequest r = ChatRequest.of("m", List.of(ChatMessage.system("s"), ChatMessage.user("u")));
        assertThat(r.promptHash()).hasSize(64).isEqualTo(r.withModel("other").promptHash());
        assertThat(r.promptHash())
                .isNotEqualTo(r.withTemperature(0.0).promptHash())
                .isNotEqualTo(r.withMaxTokens(100).promptHash())
                .isNotEqualTo(ChatRequest.of("m", List.of(ChatMessage.user("s"), ChatMessage.user("u")))
                        .promptHash())
                .isNotEqualTo(ChatRequest.of("m", List.of(ChatMessage.system("su"), ChatMessage.user("")))
                        .promptHash());
    }

    @Property(tries = 200)
    void differentSplitsOfTheSameTextHashDifferently(
            @ForAll @AlphaChars @NumericChars @Chars({' ', '\n'}) String a,
            @ForAll @AlphaChars @NumericChars String b) {
        String joined = a + b;
        ChatRequest two = ChatRequest.of("m", List.of(ChatMessage.user(a), ChatMessage.user(b)));
        ChatRequest one = ChatRequest.of("m", List.of(ChatMessage.user(joined), ChatMessage.user("")));
        if (!b.isEmpty()) {
            assertThat(two.promptHash()).isNotEqualTo(one.promptHash());
        } else {
            assertThat(two.promptHash()).isEqualTo(one.promptHash());
        }
    }

    @Test
    void cosineOfVectors() {
        assertThat(Embedder.cosine(new float[] {1, 0}, new float[] {0, 1})).isEqualTo(0.0);
        assertThat(Embedder.cosine(new float[] {3, 4}, new float[] {6, 8})).isEqualTo(1.0);
        assertThat(Embedder.cosine(new float[] {0, 0}, new float[] {6, 8})).isEqualTo(0.0);
        assertThatThrownBy(() -> Embedder.cosine(new float[2], new float[3]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
