package dev.tuneloop.export;

import static dev.tuneloop.export.Examples.example;
import static dev.tuneloop.testsupport.Fixtures.NOW;
import static dev.tuneloop.testsupport.Fixtures.firstRevision;
import static dev.tuneloop.testsupport.Fixtures.interaction;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.FeedbackEvent;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.Rating;
import dev.tuneloop.record.ToolCall;
import dev.tuneloop.record.ToolDefinition;
import dev.tuneloop.store.Store;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Tool-calling examples in the TRL and Gemini presets: written with their exchange, or skipped and counted. */
class PresetToolCallsTest {

    private static final String FETCHED = "Revenue was 391.0 billion dollars per the filing tool";

    private final Store store = Store.inMemory();

    /** A call to {@code lookup} and its result, as steps or prior turns. */
    private static List<ChatMessage> exchange(String id) {
        return List.of(
                ChatMessage.assistant("", List.of(new ToolCall(id, "lookup", "{\"ticker\":\"AAPL\"}"))),
                ChatMessage.toolResult(id, FETCHED));
    }

    private void toolStore() {
        example(1).into(store.examples());
        TrainingExample withSteps = example(2).original("Revenue was $391.0B.").build().toBuilder()
                .steps(exchange("call_2"))
                .tools(List.of(new ToolDefinition("lookup", "Looks up a filing", "{\"type\":\"object\"}")))
                .build();
        store.examples().insert(withSteps, firstRevision(withSteps));
        List<ChatMessage> prior = new ArrayList<>();
        prior.add(ChatMessage.user("What was revenue?"));
        prior.addAll(exchange("call_3"));
        prior.add(ChatMessage.assistant("It was $391.0B."));
        example(3).prior(prior).into(store.examples());
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void aPresetThatCannotCarryTheExchangeSkipsTheExampleAndCountsIt(ExportFormat f) {
        toolStore();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportReport r = JsonlExporter.create(store.examples())
                .export(ExportOptions.builder().format(f).minExamples(0).build(), out);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(r.validation().errors())
                .as(r.validation().problems().toString())
                .isZero();
        if (f.needsPreferencePair()) {
            // no example has an edit: nothing to pair, the pair rule decides first
            assertThat(r.skipped(SkipReason.NO_PREFERENCE_PAIR)).isEqualTo(3);
            return;
        }
        if (f == ExportFormat.GEMINI_SFT) {
            // example 3 calls "lookup" in a prior turn but offers no tools: Vertex AI needs the declaration
            assertThat(r.skipped(SkipReason.TOOL_CALLS_NOT_SUPPORTED)).isEqualTo(1);
            assertThat(r.written()).isEqualTo(2);
            assertThat(text).contains(FETCHED).contains("\"functionCall\":{\"name\":\"lookup\"");
        } else if (StoreJsonlExporter.carriesToolCalls(f)) {
            assertThat(r.skipped(SkipReason.TOOL_CALLS_NOT_SUPPORTED)).isZero();
            assertThat(text).contains(FETCHED).contains("lookup");
        } else {
            assertThat(r.skipped(SkipReason.TOOL_CALLS_NOT_SUPPORTED)).isEqualTo(2);
            assertThat(r.written()).isEqualTo(1);
            assertThat(text).doesNotContain(FETCHED).doesNotContain("391.0").doesNotContain("lookup");
            assertThat(TrainerSidecars.datasetCard(r, "test", "en", "0".repeat(64)))
                    .contains("skipped: tool_calls_not_supported | 2");
        }
    }

    @Test
    void ratedInteractionsWithToolCallsAreSkippedFromKtoWhenItCannotCarryThem() {
        Interaction plain = interaction("u1", NOW)
                .userMessage("What is a 10-K?")
                .assistantResponse("An annual report.")
                .build();
        Interaction tools = interaction("u2", NOW.plusSeconds(1))
                .userMessage("What was Apple's revenue in fiscal 2024?")
                .assistantResponse("Revenue was $391.0B.")
                .steps(exchange("call_9"))
                .build();
        store.interactions()
                .append(
                        List.of(plain, tools),
                        List.of(
                                FeedbackEvent.of(plain.id(), NOW.plusSeconds(60), new Rating(Rating.Value.UP, null)),
                                FeedbackEvent.of(
                                        tools.id(), NOW.plusSeconds(60), new Rating(Rating.Value.DOWN, null))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportReport r = JsonlExporter.create(store.examples(), store.interactions())
                .export(
                        ExportOptions.builder()
                                .format(ExportFormat.TRL_KTO)
                                .includeRatedInteractions(true)
                                .minExamples(0)
                                .build(),
                        out);
        assertThat(StoreJsonlExporter.carriesToolCalls(ExportFormat.TRL_KTO)).isFalse();
        assertThat(r.skipped(SkipReason.TOOL_CALLS_NOT_SUPPORTED)).isEqualTo(1);
        assertThat(r.rated().desirable()).isEqualTo(1);
        assertThat(r.rated().undesirable()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("391.0");
    }
}
