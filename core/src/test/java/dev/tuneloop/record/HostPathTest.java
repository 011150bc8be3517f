package dev.tuneloop.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuneloop.store.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A host logs unbuilt builders and never sees an exception for their content: the invalid ones are counted by rule
 * and never stored, the valid ones are all stored.
 */
// Error Prone 2.x's StringConcatToTextBlock throws NoSuchElementException on one of this class's literals
@SuppressWarnings("StringConcatToTextBlock")
class HostPathTest {
    private static final String OVER_1_MIB = "x".repeat(Limits.DEFAULT_MAX_TEXT_BYTES + 1);

    /** The ways a host's data can be invalid, each with the rule it must be counted under. */
    private static final Map<String, UnaryOperator<Interaction.Builder>> INVALID = Map.of(
            "assistantResponse must not be empty or blank", b -> b.assistantResponse(""),
            "assistantResponse must be at most 1048576 UTF-8 bytes", b -> b.assistantResponse(OVER_1_MIB),
            "userMessage must not contain U+0000 (NUL)", b -> b.userMessage("a\u0000b"),
            "systemPrompt must be valid Unicode, but has an unpaired surrogate", b -> b.systemPrompt("a\uD800b"),
            "userId is required", b -> b.userId(null),
            "retrievedContext.text must not contain U+0000 (NUL)", b -> b.addRetrievedDocument("d", null, "\u0000"),
            "metadata['k'] must be at most 8192 UTF-8 bytes", b -> b.putMetadata("k", "v".repeat(9000)),
            "steps must answer every tool call with a tool message",
                    b -> b.addToolCalls("", List.of(new ToolCall("call_1", "get_filing", "{}"))),
            "steps.toolCalls.name must not be empty or blank",
                    b -> b.addToolCalls("", List.of(new ToolCall("call_1", " ", "{}")))
                            .addToolResult("call_1", "ok"),
            "userMessageParts must have at most 64 parts",
                    b -> b.userMessageParts(java.util.Collections.nCopies(65, ContentPart.text("Question"))));

    private static Interaction.Builder valid(int k) {
        return Interaction.builder()
                .userId("user-" + (k % 50))
                .systemPrompt("You are a financial analyst assistant.")
                .userMessage("Question " + k)
                .assistantResponse("Answer " + k)
                .modelUsed("gpt-4o-mini")
                .addRetrievedDocument("doc-" + k, null, "context " + k)
                .putMetadata("feature", "chat");
    }

    @Test
    void tenThousandCallsWithTenPercentInvalidNeverThrowAndNothingInvalidIsStored() {
        Store store = Store.inMemory();
        List<String> rules = new ArrayList<>(INVALID.keySet());
        Set<InteractionId> validIds = new HashSet<>();
        Set<InteractionId> invalidIds = new HashSet<>();
        try (InteractionRecorder recorder = InteractionRecorder.async(
                store.interactions(), AsyncInteractionRecorderTest.fast().build())) {
            for (int k = 0; k < 10_000; k++) {
                Interaction.Builder b = valid(k);
                if (k % 10 == 0) {
                    String rule = rules.get((k / 10) % rules.size());
                    invalidIds.add(recorder.log(INVALID.get(rule).apply(b))); // a throw here fails the test
                } else {
                    validIds.add(recorder.log(b));
                }
            }
            assertThat(recorder.flush(Duration.ofSeconds(60))).isTrue();
            RecorderStats stats = recorder.stats();
            assertThat(stats.enqueued()).isEqualTo(10_000);
            assertThat(stats.persisted()).isEqualTo(9_000);
            assertThat(stats.rejected()).isEqualTo(1_000);
            assertThat(stats.dropped()).isZero();
            int perRule = 1_000 / rules.size();
            for (String rule : rules) {
                assertThat(stats.rejectedByRule().get(rule)).as(rule).isBetween((long) perRule, (long) perRule + 1);
            }
            assertThat(stats.rejectedByRule().values().stream()
                            .mapToLong(Long::longValue)
                            .sum())
                    .isEqualTo(1_000);
        }
        for (InteractionId id : validIds) {
            assertThat(store.interactions().find(id)).isPresent();
        }
        for (InteractionId id : invalidIds) {
            assertThat(store.interactions().find(id)).isEmpty();
        }
        assertThat(validIds).hasSize(9_000);
        assertThat(invalidIds).hasSize(1_000);
    }

    @Test
    void theSyncRecorderCountsInvalidBuildersInsteadOfThrowing() {
        Store store = Store.inMemory();
        InteractionRecorder recorder = InteractionRecorder.sync(store.interactions());
        InteractionId bad = recorder.log(valid(1).assistantResponse(" "));
        InteractionId good = recorder.log(valid(2));
        assertThat(store.interactions().find(bad)).isEmpty();
        assertThat(store.interactions().find(good)).isPresent();
        assertThat(recorder.stats().rejectedByRule())
                .containsExactly(Map.entry("assistantResponse must not be empty or blank", 1L));
    }

    @Test
    void aLoggedBuilderBelongsToTheRecorderAndTheStrictPathStillThrows() {
        InteractionRecorder recorder = InteractionRecorder.sync(Store.inMemory().interactions());
        Interaction.Builder b = valid(3);
        InteractionId id = recorder.log(b);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.userMessage("changed"))
                .isInstanceOf(IllegalStateException.class);
        assertThat(id).isNotNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> valid(4).assistantResponse("").build())
                .isInstanceOf(dev.tuneloop.errors.ValidationException.class)
                .hasMessageContaining("assistantResponse must not be empty or blank");
    }

    @Test
    void guideExamples() {
        Store store = Store.inMemory();
        InteractionRecorder recorder = InteractionRecorder.sync(store.interactions());
        String answer = "";
        // snippet:host-path
        InteractionId id = recorder.log(Interaction.builder() // no build(): checked off the caller's thread
                .userId("user-42")
                .userMessage("What was NVDA's SBC in Q3?")
                .assistantResponse(answer) // empty: counted, never thrown
                .modelUsed("gpt-4o-mini"));
        Map<String, Long> byRule = recorder.stats().rejectedByRule();
        // byRule: {"assistantResponse must not be empty or blank" = 1}
        // end-snippet:host-path
        assertThat(id).isNotNull();
        assertThat(byRule).containsExactly(Map.entry("assistantResponse must not be empty or blank", 1L));

        // snippet:tool-calls
        InteractionId withTools = recorder.log(Interaction.builder()
                .userId("user-42")
                .systemPrompt("You are a financial analyst assistant.")
                .userMessage("What were NVDA's and AMD's revenues last quarter?")
                .addTool(new ToolDefinition(
                        "get_filing",
                        "Fetch a company's latest filing",
                        "{\"type\":\"object\",\"properties\":{\"ticker\":{\"type\":\"string\"},"
                                + "\"form\":{\"type\":\"string\"}},\"required\":[\"ticker\",\"form\"]}"))
                .addToolCalls(
                        "", // two parallel calls in one assistant message
                        List.of(
                                new ToolCall("call_1", "get_filing", "{\"ticker\":\"NVDA\",\"form\":\"10-Q\"}"),
                                new ToolCall("call_2", "get_filing", "{\"ticker\":\"AMD\",\"form\":\"10-Q\"}")))
                .addToolResult("call_1", "{\"revenue\":\"$35.1B\"}")
                .addToolResult("call_2", "{\"revenue\":\"$6.8B\"}")
                .assistantResponse("NVIDIA: $35.1B; AMD: $6.8B.")
                .modelUsed("gpt-4o-mini"));
        // end-snippet:tool-calls
        Interaction stored = store.interactions().find(withTools).orElseThrow().interaction();
        assertThat(stored.messages()).hasSize(6);
        assertThat(stored.steps().get(0).toolCalls()).hasSize(2);
    }

    @Test
    void rulesAreNamedWithoutTheirValues() {
        assertThat(Rejections.ruleOf("assistantResponse must be at most 1048576 UTF-8 bytes, but has at least 1048577"))
                .isEqualTo("assistantResponse must be at most 1048576 UTF-8 bytes");
        assertThat(Rejections.ruleOf("userMessage must not contain U+0000 (NUL), found at index 3"))
                .isEqualTo("userMessage must not contain U+0000 (NUL)");
        assertThat(Rejections.ruleOf("x must be valid Unicode, but has an unpaired surrogate at index 9"))
                .isEqualTo("x must be valid Unicode, but has an unpaired surrogate");
        assertThat(Rejections.ruleOf("steps must answer every tool call with a tool message, but has 2 unanswered"))
                .isEqualTo("steps must answer every tool call with a tool message");
    }
}
