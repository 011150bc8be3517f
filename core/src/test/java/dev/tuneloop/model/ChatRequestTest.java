package dev.tuneloop.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.ToolCall;
import dev.tuneloop.record.ToolDefinition;
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

    @Test
    void aTextOnlyRequestKeepsTheHashItHadBeforeToolCalling() {
        // the length-prefixed SHA-256 of t=0.3, max=default, system, s, user, u (computed outside Java)
        assertThat(ChatRequest.of("m", List.of(ChatMessage.system("s"), ChatMessage.user("u")))
                        .promptHash())
                .isEqualTo("c2c559ac779d21be1b29197f48f648518957d93829b1ace8c7fb57759c57a60a");
    }

    @Test
    void toolsToolCallsAndCallIdsChangeTheHash() {
        ToolDefinition filing = new ToolDefinition("get_filing", "Fetches a filing", "{\"type\":\"object\"}");
        ChatRequest plain = ChatRequest.of("m", List.of(ChatMessage.user("u")));
        ChatRequest offered = plain.withTools(List.of(filing));
        ChatRequest called = offered.withMessagesAppended(List.of(
                ChatMessage.assistant("", List.of(new ToolCall("c1", "get_filing", "{\"ticker\":\"NVDA\"}"))),
                ChatMessage.toolResult("c1", "{}")));
        ChatRequest otherArgs = offered.withMessagesAppended(List.of(
                ChatMessage.assistant("", List.of(new ToolCall("c1", "get_filing", "{\"ticker\":\"AAPL\"}"))),
                ChatMessage.toolResult("c1", "{}")));
        ChatRequest otherId = offered.withMessagesAppended(List.of(
                ChatMessage.assistant("", List.of(new ToolCall("c1", "get_filing", "{\"ticker\":\"NVDA\"}"))),
                ChatMessage.toolResult("c2", "{}")));
        assertThat(offered.tools()).containsExactly(filing);
        assertThat(called.messages()).hasSize(3);
        assertThat(called.tools()).containsExactly(filing);
        assertThat(List.of(plain, offered, called, otherArgs, otherId))
                .extracting(ChatRequest::promptHash)
                .doesNotHaveDuplicates();
        assertThat(offered.withTools(List.of(new ToolDefinition("get_filing", null, "{\"type\":\"object\"}")))
                        .promptHash())
                .isNotEqualTo(offered.promptHash());
        assertThat(called.withModel("x").withTemperature(1).tools()).containsExactly(filing);
        assertThat(offered.toString()).contains("tools=1").doesNotContain("Fetches");
    }

    @Test
    void toolsMustBeNonNullWithUniqueNonBlankNames() {
        ToolDefinition a = new ToolDefinition("a", null, "{}");
        assertThatThrownBy(() -> new ChatRequest(
                        "m",
                        List.of(ChatMessage.user("u")),
                        0.3,
                        null,
                        java.util.Arrays.asList(a, a, null, new ToolDefinition(" ", null, "{}"))))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "tools[1].name must be unique, but 'a' appears twice",
                                        "tools[2] must not be null",
                                        "tools[3].name must not be blank"));
    }

    @Test
    void aResponseCarriesToolCallsAndHidesTheirArguments() {
        ToolCall call = new ToolCall("c1", "get_filing", "{\"ticker\":\"NVDA\"}");
        ChatResponse r = new ChatResponse("", "m", TokenUsage.ZERO, java.time.Duration.ZERO, List.of(call));
        assertThat(r.hasToolCalls()).isTrue();
        assertThat(r.toolCalls()).containsExactly(call);
        assertThat(r.toString()).contains("toolCalls=1").doesNotContain("NVDA");
        ChatResponse text = new ChatResponse("hi", "m", TokenUsage.ZERO, java.time.Duration.ZERO);
        assertThat(text.hasToolCalls()).isFalse();
        assertThat(text.toolCalls()).isEmpty();
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
