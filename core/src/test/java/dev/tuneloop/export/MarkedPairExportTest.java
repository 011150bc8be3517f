package dev.tuneloop.export;

import static dev.tuneloop.testsupport.Fixtures.NOW;
import static dev.tuneloop.testsupport.Fixtures.approved;
import static dev.tuneloop.testsupport.Fixtures.firstRevision;
import static dev.tuneloop.testsupport.Fixtures.interaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuneloop.Tuneloop;
import dev.tuneloop.curate.ExampleId;
import dev.tuneloop.curate.ExampleStatus;
import dev.tuneloop.curate.PairMarker;
import dev.tuneloop.curate.PreferencePair;
import dev.tuneloop.curate.Review;
import dev.tuneloop.curate.Split;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.store.Store;
import dev.tuneloop.testing.TestClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pairs a reviewer marked, exported by the preference presets: each written once beside the edit pairs, with the
 * example's prompt, its chosen and rejected answers in their places, and the holdout kept out.
 */
class MarkedPairExportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] TOPICS = {
        "revenue",
        "gross margin",
        "operating income",
        "free cash flow",
        "buybacks",
        "dividends",
        "guidance",
        "inventory"
    };

    private final Store store = Store.inMemory();
    private final JsonlExporter exporter =
            JsonlExporter.create(store.examples(), store.interactions(), store.preferencePairs());
    private final PairMarker marker =
            PairMarker.create(store.interactions(), store.examples(), store.preferencePairs(), TestClock.at(NOW));

    private static String question(int n) {
        String topic = TOPICS[n % TOPICS.length];
        return "Question " + n + ": what happened to " + topic + " in fiscal year " + (2000 + n) + "?";
    }

    private Interaction record(int n, String answer, String user) {
        Interaction i = interaction(user, NOW.minusSeconds(1000 - n))
                .userMessage(question(n))
                .assistantResponse(answer)
                .build();
        store.interactions().append(List.of(i), List.of());
        return i;
    }

    private static String gold(int n) {
        String topic = TOPICS[n % TOPICS.length];
        return "Answer " + n + " says " + topic + " moved by " + (n * 7 % 90) + " percent in " + (2000 + n)
                + ", per filing number " + (1000 + n * 13) + ".";
    }

    private TrainingExample approve(Interaction i, Split split, @Nullable String edit) {
        TrainingExample fixture = approved(i, NOW);
        TrainingExample e = TrainingExample.builder(fixture.id(), i.id(), ExampleStatus.APPROVED, split)
                .userId(i.userId())
                .interactionCreatedAt(i.createdAt())
                .systemPrompt(i.systemPrompt())
                .userMessage(i.userMessage())
                .originalResponse(i.assistantResponse())
                .userEditedResponse(edit)
                .modelUsed(i.modelUsed())
                .category(fixture.category())
                .quality(fixture.quality())
                .reviewer("reviewer-1")
                .createdAt(NOW)
                .reviewedAt(NOW)
                .build();
        store.examples().insert(e, firstRevision(e));
        return e;
    }

    private ExportReport export(ExportOptions options, List<JsonNode> lines) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportReport r = exporter.export(options, out);
        for (String line : out.toString(StandardCharsets.UTF_8).lines().toList()) {
            lines.add(JSON.readTree(line));
        }
        return r;
    }

    private static ExportOptions.Builder dpo(ExportFormat f) {
        return ExportOptions.builder().format(f).minExamples(1).includeMarkedPairs(true);
    }

    private static String content(JsonNode messages) {
        return messages.get(messages.size() - 1).get("content").asText();
    }

    @Test
    void trlDpoWritesEveryMarkedPairOnceWithItsExamplesPromptBesideTheEditPairs() throws IOException {
        // examples 0-3 approved unchanged (no edit pair), 4-5 edited; 0, 1, 4 get marked pairs, 2 gets two
        Map<ExampleId, TrainingExample> examples = new HashMap<>();
        List<PreferencePair> marked = new ArrayList<>();
        for (int n = 0; n < 6; n++) {
            Interaction source = record(n, gold(n), "user-" + n);
            TrainingExample e = approve(source, Split.TRAIN, n >= 4 ? gold(n) + " Edited by the user." : null);
            examples.put(e.id(), e);
            if (n == 0 || n == 1 || n == 4) {
                marked.add(marker.mark(
                        e.id(),
                        record(n, "Worse answer " + n + ".", "other-" + n).id(),
                        "ann",
                        null));
            }
            if (n == 2) {
                marked.add(marker.mark(
                        e.id(), record(n, "Worse answer 2a.", "other-2a").id(), "ann", null));
                marked.add(marker.mark(
                        e.id(), record(n, "Worse answer 2b.", "other-2b").id(), "bob", null));
            }
        }
        Map<ExampleId, Integer> notified = new HashMap<>();
        List<JsonNode> lines = new ArrayList<>();
        ExportReport r = export(
                dpo(ExportFormat.TRL_DPO)
                        .onWritten((id, validation) -> notified.merge(id, 1, Integer::sum))
                        .build(),
                lines);

        assertThat(r.validation().errors())
                .as(r.validation().problems().toString())
                .isZero();
        // 5 marked + 2 edit pairs; example 3 has neither
        assertThat(lines).hasSize(7);
        assertThat(r.written()).isEqualTo(7);
        assertThat(r.marked()).isEqualTo(new ExportReport.MarkedPairs(5, 0, 0));
        assertThat(r.skipped(SkipReason.NO_PREFERENCE_PAIR)).isEqualTo(1);
        Map<List<String>, Integer> seen = new HashMap<>();
        for (JsonNode line : lines) {
            TrainingExample e =
                    examples.get(ExampleId.parse(line.get("example_id").asText()));
            assertThat(content(line.get("prompt"))).isEqualTo(e.userMessage());
            assertThat(line.get("prompt").get(0).get("role").asText()).isEqualTo("system");
            assertThat(line.get("chosen").get(0).get("role").asText()).isEqualTo("assistant");
            seen.merge(
                    List.of(e.id().toString(), content(line.get("chosen")), content(line.get("rejected"))),
                    1,
                    Integer::sum);
        }
        for (PreferencePair p : marked) {
            assertThat(seen.get(List.of(p.exampleId().toString(), p.chosen(), p.rejected())))
                    .as("lines for pair %s", p.id())
                    .isEqualTo(1);
        }
        for (TrainingExample e : examples.values()) {
            if (e.hasPreferencePair()) {
                assertThat(seen.get(List.of(e.id().toString(), e.trainingResponse(), e.originalResponse())))
                        .isEqualTo(1);
            }
        }
        assertThat(seen.values()).allMatch(n -> n == 1);
        // lineage: once per example written, whatever its number of lines
        assertThat(notified).hasSize(5).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
        // the same bytes when the lines are made on worker threads
        ByteArrayOutputStream one = new ByteArrayOutputStream();
        ByteArrayOutputStream four = new ByteArrayOutputStream();
        exporter.export(dpo(ExportFormat.TRL_DPO).parallelism(1).build(), one);
        exporter.export(dpo(ExportFormat.TRL_DPO).parallelism(4).build(), four);
        assertThat(four.toByteArray()).isEqualTo(one.toByteArray());
    }

    @Test
    void withoutTheOptionOnlyEditsArePairedAsBefore() throws IOException {
        TrainingExample plain = approve(record(0, gold(0), "u0"), Split.TRAIN, null);
        marker.mark(plain.id(), record(0, "Worse.", "u9").id(), "ann", null);
        TrainingExample edited = approve(record(1, gold(1), "u1"), Split.TRAIN, "Edited 1.");
        marker.mark(edited.id(), record(1, "Worse 1.", "u8").id(), "ann", null);
        List<JsonNode> lines = new ArrayList<>();
        ExportReport r = export(
                ExportOptions.builder()
                        .format(ExportFormat.TRL_DPO)
                        .minExamples(1)
                        .build(),
                lines);
        assertThat(lines).hasSize(1);
        assertThat(content(lines.get(0).get("rejected"))).isEqualTo(gold(1));
        assertThat(r.marked()).isEqualTo(ExportReport.MarkedPairs.NONE);
        assertThat(r.skipped(SkipReason.NO_PREFERENCE_PAIR)).isEqualTo(1);
    }

    @Test
    void aHeldOutExampleAndAPairRejectingAHoldoutInteractionAreLeftOut() throws IOException {
        TrainingExample held = approve(record(0, gold(0), "u0"), Split.HOLDOUT, null);
        marker.mark(held.id(), record(0, "Worse 0.", "u9").id(), "ann", null);
        TrainingExample train = approve(record(3, gold(3), "u3"), Split.TRAIN, null);
        // another interaction with the same question, approved as a holdout example after an edit: its original
        // answer may be marked as worse, but writing that pair would put a holdout prompt into training
        Interaction heldSameQuestion = record(3, "Original answer of a held-out case.", "u7");
        approve(heldSameQuestion, Split.HOLDOUT, "Edited held-out answer.");
        marker.mark(train.id(), heldSameQuestion.id(), "ann", null);
        PreferencePair kept =
                marker.mark(train.id(), record(3, "Worse 3.", "u6").id(), "ann", null);

        List<JsonNode> lines = new ArrayList<>();
        ExportReport r = export(dpo(ExportFormat.TRL_DPO).build(), lines);

        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).get("example_id").asText()).isEqualTo(train.id().toString());
        assertThat(content(lines.get(0).get("rejected"))).isEqualTo(kept.rejected());
        assertThat(r.skipped(SkipReason.HOLDOUT)).isEqualTo(2);
        assertThat(r.marked()).isEqualTo(new ExportReport.MarkedPairs(1, 1, 0));
        assertThat(r.skipped(SkipReason.HOLDOUT_NEAR_DUPLICATE)).isEqualTo(1);
    }

    @Test
    void aMarkedPairEqualToTheEditPairIsWrittenOnce() throws IOException {
        TrainingExample edited = approve(record(0, gold(0), "u0"), Split.TRAIN, "The user's better answer.");
        // the same original answer, given again to the same question
        marker.mark(edited.id(), record(0, gold(0), "u1").id(), "ann", null);
        List<JsonNode> lines = new ArrayList<>();
        ExportReport r = export(dpo(ExportFormat.TRL_DPO).build(), lines);
        assertThat(lines).hasSize(1);
        assertThat(r.marked()).isEqualTo(new ExportReport.MarkedPairs(0, 0, 1));
    }

    @Test
    void everyPreferencePresetCarriesMarkedPairsRedactedAndValid() throws IOException {
        TrainingExample e = approve(record(0, "Write to ir@example.com for the filing.", "u0"), Split.TRAIN, null);
        PreferencePair p = marker.mark(
                e.id(),
                record(0, "Ask jane.doe@example.com, she might know.", "u1").id(),
                "ann",
                null);
        for (ExportFormat f : ExportFormat.values()) {
            if (!f.needsPreferencePair()) {
                assertThatThrownBy(() -> dpo(f).build())
                        .isInstanceOf(ValidationException.class)
                        .hasMessageContaining("includeMarkedPairs needs a preference format");
                continue;
            }
            List<JsonNode> lines = new ArrayList<>();
            ExportReport r = export(dpo(f).build(), lines);
            assertThat(r.validation().errors())
                    .as(f + " " + r.validation().problems())
                    .isZero();
            assertThat(lines).as(f.name()).hasSize(1);
            assertThat(r.marked().written()).isEqualTo(1);
            String text = lines.get(0).toString();
            assertThat(text).doesNotContain("ir@example.com").doesNotContain("jane.doe@example.com");
            JsonNode line = lines.get(0);
            String chosen;
            String rejected;
            switch (f) {
                case PREFERENCE -> {
                    chosen = content(line.get("preferred_output"));
                    rejected = content(line.get("non_preferred_output"));
                }
                case TRL_DPO -> {
                    chosen = content(line.get("chosen"));
                    rejected = content(line.get("rejected"));
                }
                case CHAT_PREFERENCE -> {
                    chosen = line.get("chosen").get("content").asText();
                    rejected = line.get("rejected").get("content").asText();
                }
                case GEMINI_PREFERENCE -> {
                    JsonNode completions = line.get("completions");
                    assertThat(completions.get(0).get("score").asInt()).isEqualTo(1);
                    assertThat(completions.get(1).get("score").asInt()).isZero();
                    chosen = completions
                            .get(0)
                            .get("completion")
                            .get("parts")
                            .get(0)
                            .get("text")
                            .asText();
                    rejected = completions
                            .get(1)
                            .get("completion")
                            .get("parts")
                            .get(0)
                            .get("text")
                            .asText();
                }
                default -> throw new AssertionError(f);
            }
            assertThat(chosen).startsWith("Write to ").endsWith(" for the filing.");
            assertThat(rejected).startsWith("Ask ").endsWith(", she might know.");
            assertThat(p.chosen()).contains("ir@example.com"); // the store keeps the text; the export redacts it
        }
    }

    @Test
    void guideExampleMarksAPairOnAThumbsUpExampleAndExportsIt(@TempDir Path dir) throws IOException {
        try (Tuneloop tuneloop =
                Tuneloop.builder().store(store).synchronousRecorder().build()) {
            // approved answers land in the holdout by a hash of their id: approve until one is a training example
            TrainingExample example = null;
            String question = null;
            for (int k = 0; example == null || example.split() != Split.TRAIN; k++) {
                question = question(k); // distinct questions and answers: no near-duplicate of a held-out one
                InteractionId good = tuneloop.recorder()
                        .log(tuneloop.interaction()
                                .userId("u1")
                                .userMessage(question)
                                .assistantResponse(gold(k))
                                .modelUsed("ft:gpt-4o-mini:v2"));
                example = tuneloop.curator()
                        .approve(
                                good,
                                Review.by("alice")
                                        .category("sbc_breakdown")
                                        .quality(9)
                                        .build());
            }
            InteractionId vague = tuneloop.recorder()
                    .log(tuneloop.interaction()
                            .userId("u2")
                            .userMessage(question)
                            .assistantResponse("Roughly a billion dollars.")
                            .modelUsed("gpt-4o-mini"));
            Path file = dir.resolve("trl-dpo.jsonl");
            // snippet:mark-pair
            // on the review screen of an approved example: another recorded answer to the same question is worse
            PreferencePair pair = tuneloop.pairMarker().mark(example.id(), vague, "alice", "vague, no source");

            ExportReport report = tuneloop.exporter()
                    .export(
                            ExportOptions.builder()
                                    .format(ExportFormat.TRL_DPO)
                                    .includeMarkedPairs(true) // edit pairs, then the marked ones
                                    .minExamples(1)
                                    .build(),
                            file);
            long marked = report.marked().written(); // also counted in report.written()
            // end-snippet:mark-pair
            assertThat(pair.rejected()).isEqualTo("Roughly a billion dollars.");
            assertThat(marked).isEqualTo(1);
            // examples approved before are in the holdout, and approved unchanged: no line of their own
            List<String> lines = Files.readAllLines(file);
            assertThat(lines).hasSize(1);
            JsonNode line = JSON.readTree(lines.get(0));
            assertThat(content(line.get("prompt"))).isEqualTo(question);
            assertThat(content(line.get("chosen"))).isEqualTo(example.trainingResponse());
            assertThat(content(line.get("rejected"))).isEqualTo("Roughly a billion dollars.");
            assertThat(line.get("example_id").asText()).isEqualTo(example.id().toString());
        }
    }

    @Test
    void anExporterWithoutAPairStoreRefusesTheOption() {
        JsonlExporter plain = JsonlExporter.create(store.examples(), store.interactions());
        assertThatThrownBy(() -> plain.export(dpo(ExportFormat.TRL_DPO).build(), new ByteArrayOutputStream()))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("includeMarkedPairs needs an exporter made with a preference-pair store");
    }
}
