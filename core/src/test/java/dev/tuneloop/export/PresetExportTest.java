package dev.tuneloop.export;

import static dev.tuneloop.export.Examples.example;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.RetrievedDocument;
import dev.tuneloop.store.Store;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The TRL and Gemini presets: shapes, validation of what is written, the prompt/completion split, KTO labels. */
class PresetExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Store store = Store.inMemory();
    private final JsonlExporter exporter = JsonlExporter.create(store.examples());

    private static ExportOptions.Builder options(ExportFormat f) {
        return ExportOptions.builder().minExamples(0).format(f);
    }

    private String export(ExportFormat f) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportReport r = exporter.export(options(f).build(), out);
        assertThat(r.validation().errors())
                .as(f + " " + r.validation().problems())
                .isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<JsonNode> lines(String text) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : text.lines().toList()) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    /** A mixed store: plain, edited, improved, multi-turn, with context, unicode, and one holdout. */
    private void mixedStore() {
        example(1).into(store.examples());
        example(2).edited("Edited answer 2 — révisé ✓").into(store.examples());
        example(3)
                .prior(List.of(ChatMessage.user("Earlier question?"), ChatMessage.assistant("Earlier answer.")))
                .improved("Improved answer 3 with 日本語 and 🙂")
                .into(store.examples());
        example(4)
                .context(List.of(new RetrievedDocument("d1", "10-K", "Revenue grew 12%.")))
                .into(store.examples());
        example(5).system(null).into(store.examples());
        example(6).holdout().into(store.examples());
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void everyPresetsValidatorAcceptsWhatTheExporterWrites(ExportFormat f, @TempDir Path dir) throws IOException {
        mixedStore();
        Path file = dir.resolve(f.fileStem() + ".jsonl");
        ExportReport r =
                exporter.export(options(f).includeRetrievedContext(true).build(), file);
        assertThat(r.validation().errors())
                .as(r.validation().problems().toString())
                .isZero();
        assertThat(r.written()).isPositive();
        ValidationResult again =
                JsonlValidator.builder().format(f).minExamples(0).build().validate(file);
        assertThat(again.errors()).as(again.problems().toString()).isZero();
        assertThat(again.format()).isEqualTo(f);
        assertThat(again.lines()).isEqualTo(r.written());
        String text = Files.readString(file);
        assertThat(text).doesNotContain("\"weight\"").doesNotContain("Question number 6 ");
        if (!f.isOpenAi()) {
            // a preset's file fails the other presets' validators
            for (ExportFormat other : ExportFormat.values()) {
                if (other != f && !other.isOpenAi()) {
                    ValidationResult wrong = JsonlValidator.builder()
                            .format(other)
                            .minExamples(0)
                            .build()
                            .validate(file);
                    assertThat(wrong.ok()).as(f + " read as " + other).isFalse();
                }
            }
        }
    }

    @Test
    void trlSftSeparatesPromptFromCompletionExactly() throws IOException {
        mixedStore();
        List<JsonNode> openAi = lines(export(ExportFormat.SUPERVISED));
        List<JsonNode> trl = lines(export(ExportFormat.TRL_SFT));
        assertThat(trl).hasSameSizeAs(openAi);
        for (int i = 0; i < trl.size(); i++) {
            JsonNode row = trl.get(i);
            List<JsonNode> joined = new ArrayList<>();
            row.get("prompt").forEach(joined::add);
            row.get("completion").forEach(joined::add);
            List<JsonNode> messages = new ArrayList<>();
            openAi.get(i).get("messages").forEach(messages::add);
            assertThat(joined).isEqualTo(messages);
            assertThat(row.get("completion")).hasSize(1);
            assertThat(row.get("completion").get(0).get("role").asText()).isEqualTo("assistant");
            assertThat(row.get("prompt")
                            .get(row.get("prompt").size() - 1)
                            .get("role")
                            .asText())
                    .isEqualTo("user");
        }
    }

    @Test
    void trlLinesCarryTheExampleIdInTheirOwnColumn() throws IOException {
        List<String> ids = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            ids.add(example(n).edited("edit " + n).into(store.examples()).id().toString());
        }
        for (ExportFormat f : List.of(ExportFormat.TRL_SFT, ExportFormat.TRL_DPO)) {
            assertThat(lines(export(f)))
                    .extracting(l -> l.get(ExportFormat.EXAMPLE_ID_COLUMN).asText())
                    .as(f.name())
                    .containsExactlyElementsOf(ids);
        }
        for (ExportFormat f : List.of(ExportFormat.GEMINI_SFT, ExportFormat.GEMINI_PREFERENCE)) {
            assertThat(export(f)).doesNotContain(ExportFormat.EXAMPLE_ID_COLUMN);
        }
    }

    @Test
    void ktoLabelsGoldAnswersTrueAndReplacedOriginalsFalse() throws IOException {
        TrainingExample kept = example(1).into(store.examples());
        TrainingExample edited = example(2).edited("Better answer 2.").into(store.examples());
        TrainingExample improved = example(3).improved("Reviewer's answer 3.").into(store.examples());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportReport r = exporter.export(options(ExportFormat.TRL_KTO).build(), out);
        List<JsonNode> rows = lines(out.toString(StandardCharsets.UTF_8));

        assertThat(rows).extracting(l -> l.get("label").isBoolean()).containsOnly(true);
        assertThat(rows)
                .extracting(
                        l -> l.get(ExportFormat.EXAMPLE_ID_COLUMN).asText(),
                        l -> l.get("completion").get(0).get("content").asText(),
                        l -> l.get("label").booleanValue())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(kept.id().toString(), kept.originalResponse(), true),
                        org.assertj.core.groups.Tuple.tuple(edited.id().toString(), "Better answer 2.", true),
                        org.assertj.core.groups.Tuple.tuple(edited.id().toString(), edited.originalResponse(), false),
                        org.assertj.core.groups.Tuple.tuple(improved.id().toString(), "Reviewer's answer 3.", true),
                        org.assertj.core.groups.Tuple.tuple(
                                improved.id().toString(), improved.originalResponse(), false));
        // both lines of an example have the same prompt
        assertThat(rows.get(1).get("prompt")).isEqualTo(rows.get(2).get("prompt"));
        assertThat(r.validation().desirable()).isEqualTo(3);
        assertThat(r.validation().undesirable()).isEqualTo(2);
        assertThat(r.written()).isEqualTo(5);
        assertThat(r.validation().count(ProblemCode.KTO_UNBALANCED)).isZero();
    }

    @Test
    void ktoWithOnlyDesirableLinesIsReportedUnbalanced() {
        example(1).into(store.examples());
        ExportReport r = exporter.export(options(ExportFormat.TRL_KTO).build(), new ByteArrayOutputStream());
        assertThat(r.validation().count(ProblemCode.KTO_UNBALANCED)).isEqualTo(1);
        assertThat(r.validation().ok()).isTrue(); // a warning
    }

    @Test
    void pairPresetsSkipExamplesWithoutAPair() {
        example(1).into(store.examples());
        example(2).edited("Edited.").into(store.examples());
        for (ExportFormat f : List.of(ExportFormat.TRL_DPO, ExportFormat.GEMINI_PREFERENCE)) {
            ExportReport r = exporter.export(options(f).build(), new ByteArrayOutputStream());
            assertThat(r.written()).as(f.name()).isEqualTo(1);
            assertThat(r.skipped(SkipReason.NO_PREFERENCE_PAIR)).isEqualTo(1);
        }
    }

    @Test
    void geminiLinesHaveGooglesDocumentedShape() {
        example(1)
                .prior(List.of(ChatMessage.user("Hi"), ChatMessage.assistant("Hello.")))
                .user("Q?")
                .original("Old.")
                .edited("New.")
                .into(store.examples());
        String sys = "{\"parts\":[{\"text\":\"" + Examples.SYSTEM + "\"}]}";
        String contents = "{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]},"
                + "{\"role\":\"model\",\"parts\":[{\"text\":\"Hello.\"}]},"
                + "{\"role\":\"user\",\"parts\":[{\"text\":\"Q?\"}]}";
        assertThat(export(ExportFormat.GEMINI_SFT))
                .isEqualTo("{\"systemInstruction\":" + sys + ",\"contents\":[" + contents
                        + ",{\"role\":\"model\",\"parts\":[{\"text\":\"New.\"}]}]}\n");
        assertThat(export(ExportFormat.GEMINI_PREFERENCE))
                .isEqualTo("{\"system_instruction\":" + sys + ",\"contents\":[" + contents + "],\"completions\":["
                        + "{\"score\":1,\"completion\":{\"role\":\"model\",\"parts\":[{\"text\":\"New.\"}]}},"
                        + "{\"score\":0,\"completion\":{\"role\":\"model\",\"parts\":[{\"text\":\"Old.\"}]}}]}\n");
    }

    @Test
    void trlLinesHaveTheDocumentedShape() {
        TrainingExample e =
                example(1).user("Q?").original("Old.").edited("New.").into(store.examples());
        String prompt = "\"prompt\":[{\"role\":\"system\",\"content\":\"" + Examples.SYSTEM + "\"},"
                + "{\"role\":\"user\",\"content\":\"Q?\"}]";
        String id = ",\"example_id\":\"" + e.id() + "\"}\n";
        assertThat(export(ExportFormat.TRL_SFT))
                .isEqualTo("{" + prompt + ",\"completion\":[{\"role\":\"assistant\",\"content\":\"New.\"}]" + id);
        assertThat(export(ExportFormat.TRL_DPO))
                .isEqualTo("{" + prompt + ",\"chosen\":[{\"role\":\"assistant\",\"content\":\"New.\"}],"
                        + "\"rejected\":[{\"role\":\"assistant\",\"content\":\"Old.\"}]" + id);
    }

    @Test
    void presetsAreRedactedWithCountsOncePerText() {
        example(1)
                .user("Mail me at jane.doe@example.com please")
                .edited("Sure, I wrote to jane.doe@example.com.")
                .into(store.examples());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportReport r = exporter.export(options(ExportFormat.TRL_KTO).build(), out);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("jane.doe@example.com");
        // the prompt is written on both lines but redacted once: user message and edited answer
        assertThat(r.redactions().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(2);
    }

    @Test
    void publicWriterMatchesTheExporterByteForByte() {
        TrainingExample e = example(1)
                .prior(List.of(ChatMessage.user("Hi"), ChatMessage.assistant("Hello.")))
                .edited("New.")
                .into(store.examples());
        PresetWriter.Conversation c = new PresetWriter.Conversation(
                Examples.SYSTEM,
                List.of(
                        new PresetWriter.Turn(dev.tuneloop.record.Role.USER, "Hi"),
                        new PresetWriter.Turn(dev.tuneloop.record.Role.ASSISTANT, "Hello."),
                        new PresetWriter.Turn(dev.tuneloop.record.Role.USER, e.userMessage())));
        String id = e.id().toString();
        assertThat(export(ExportFormat.TRL_SFT)).isEqualTo(PresetWriter.trlSft(c, "New.", id) + "\n");
        assertThat(export(ExportFormat.TRL_DPO))
                .isEqualTo(PresetWriter.trlDpo(c, "New.", e.originalResponse(), id) + "\n");
        assertThat(export(ExportFormat.TRL_KTO))
                .isEqualTo(PresetWriter.trlKto(c, "New.", true, id) + "\n"
                        + PresetWriter.trlKto(c, e.originalResponse(), false, id) + "\n");
        assertThat(export(ExportFormat.GEMINI_SFT)).isEqualTo(PresetWriter.geminiSft(c, "New.") + "\n");
        assertThat(export(ExportFormat.GEMINI_PREFERENCE))
                .isEqualTo(PresetWriter.geminiPreference(c, "New.", e.originalResponse()) + "\n");
        ValidationResult v = JsonlValidator.builder()
                .format(ExportFormat.GEMINI_SFT)
                .minExamples(0)
                .build()
                .validate(new ByteArrayInputStream(
                        PresetWriter.geminiSft(c, "New.").getBytes(StandardCharsets.UTF_8)));
        assertThat(v.ok()).isTrue();
    }

    @Test
    void guideSnippetWritesEveryTrlPresetAndItsCard(@TempDir Path dir) throws Exception {
        for (int n = 1; n <= 12; n++) {
            (n % 2 == 0 ? example(n).edited("Edited " + n) : example(n)).into(store.examples());
        }
        // snippet:trl-export
        JsonlExporter exporter = JsonlExporter.create(store.examples());
        for (ExportFormat preset : List.of(ExportFormat.TRL_SFT, ExportFormat.TRL_DPO, ExportFormat.TRL_KTO)) {
            Path file = dir.resolve(preset.fileStem() + ".jsonl"); // trl-sft.jsonl, trl-dpo.jsonl, trl-kto.jsonl
            ExportReport report = exporter.export(
                    ExportOptions.builder().format(preset).minExamples(1).build(), file);
            if (!report.validation().ok()) {
                throw new IllegalStateException(
                        preset + ": " + report.validation().problems());
            }
            String sha256 = java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
            Files.writeString(
                    dir.resolve(preset.fileStem() + ".README.md"),
                    TrainerSidecars.datasetCard(report, "0.1.0", "en", sha256));
        }
        // end-snippet:trl-export
        assertThat(lines(Files.readString(dir.resolve("trl-sft.jsonl")))).hasSize(12);
        assertThat(lines(Files.readString(dir.resolve("trl-dpo.jsonl")))).hasSize(6);
        assertThat(lines(Files.readString(dir.resolve("trl-kto.jsonl")))).hasSize(18);
        assertThat(Files.readString(dir.resolve("trl-kto.README.md")))
                .contains("| KTO desirable / undesirable | 12 / 6 |");
    }
}
