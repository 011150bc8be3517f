package dev.tuneloop.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tuneloop.curate.Category;
import dev.tuneloop.curate.CurationOptions;
import dev.tuneloop.curate.ExampleId;
import dev.tuneloop.curate.ExampleQuery;
import dev.tuneloop.curate.ExampleRevision;
import dev.tuneloop.curate.ExampleStatus;
import dev.tuneloop.curate.ExampleStore;
import dev.tuneloop.curate.HoldoutSettings;
import dev.tuneloop.curate.ImportProvenance;
import dev.tuneloop.curate.QualityScore;
import dev.tuneloop.curate.Split;
import dev.tuneloop.curate.Taxonomy;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.export.ImportProblem.Rule;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.redact.Redactor;
import dev.tuneloop.store.Store;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExampleImporterTest {
    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    /** The smallest holdout (one bucket in 10 000); the holdout test sets its own. */
    private static final HoldoutSettings NO_HOLDOUT = HoldoutSettings.builder()
            .share(0.0001)
            .bootstrapShare(0.0001)
            .minHoldout(0)
            .build();

    private final Store store = Store.inMemory();

    private ExampleImporter importer(CurationOptions.Builder b) {
        return ExampleImporter.create(store.examples(), b.clock(CLOCK).build());
    }

    private ExampleImporter importer() {
        return importer(CurationOptions.builder().holdout(NO_HOLDOUT));
    }

    private static ImportOptions.Builder csv() {
        return ImportOptions.builder(ImportFormat.CSV, "expert-ana", "/tmp/upload/golden.csv");
    }

    private List<TrainingExample> stored() {
        List<TrainingExample> out = new ArrayList<>();
        store.examples().scan(ExampleQuery.all(), out::add);
        return out;
    }

    private static final String GOOD_CSV = "\uFEFFQuestion,Answer,Category,Quality,System Prompt,notes\r\n"
            + "What was Apple's revenue in fiscal 2023?,\"Apple reported $383.3 billion, down 3% from 2022.\","
            + "sec_10k,9,You are an analyst.,checked against the 10-K\r\n"
            + "\"How is \"\"adjusted EBITDA\"\" reconciled?\",\"Start from net income,\nadd back interest, taxes,\n"
            + "depreciation and amortization.\",gaap_reconciliation,8,,\r\n"
            + "\r\n"
            + "Which metric shows stock compensation?,'=SBC expense in the cash flow statement,sbc_breakdown,7\r\n";

    @Test
    void csvRowsBecomeApprovedExamplesMarkedImportedWithTheirLines() {
        ImportReport r = importer().importFrom(new StringReader(GOOD_CSV), csv().build());

        assertThat(r.ok()).isTrue();
        assertThat(r.committed()).isTrue();
        assertThat(r.rows()).isEqualTo(3);
        assertThat(r.imported()).hasSize(3);
        assertThat(r.sourceName()).isEqualTo("golden.csv");
        List<TrainingExample> all = stored();
        assertThat(all).extracting(TrainingExample::id).containsExactlyElementsOf(r.imported());
        TrainingExample first = all.get(0);
        assertThat(first.status()).isEqualTo(ExampleStatus.APPROVED);
        assertThat(first.userMessage()).isEqualTo("What was Apple's revenue in fiscal 2023?");
        assertThat(first.trainingResponse()).isEqualTo("Apple reported $383.3 billion, down 3% from 2022.");
        assertThat(first.hasPreferencePair()).isFalse();
        assertThat(first.systemPrompt()).isEqualTo("You are an analyst.");
        assertThat(first.category()).isEqualTo(Category.SEC_10K);
        assertThat(first.quality()).isEqualTo(QualityScore.of(9));
        assertThat(first.notes()).isEqualTo("checked against the 10-K");
        assertThat(first.reviewer()).isEqualTo("expert-ana");
        assertThat(first.userId()).isEqualTo(ExampleImporter.IMPORT_USER_ID);
        assertThat(first.modelUsed()).isEqualTo(ExampleImporter.IMPORT_MODEL);
        assertThat(first.isImported()).isTrue();
        assertThat(first.provenance()).isEqualTo(new ImportProvenance("expert-ana", "golden.csv", 2));
        assertThat(first.createdAt()).isEqualTo(NOW);
        // the second row spans lines 3-5 (quoted line breaks); the third starts on line 7 after a blank line
        TrainingExample second = all.get(1);
        assertThat(second.userMessage()).isEqualTo("How is \"adjusted EBITDA\" reconciled?");
        assertThat(second.trainingResponse())
                .isEqualTo("Start from net income,\nadd back interest, taxes,\ndepreciation and amortization.");
        assertThat(second.systemPrompt()).isNull();
        assertThat(second.notes()).isNull();
        assertThat(second.provenance().sourceLine()).isEqualTo(3);
        TrainingExample third = all.get(2);
        assertThat(third.provenance().sourceLine()).isEqualTo(7);
        assertThat(third.trainingResponse()).isEqualTo("=SBC expense in the cash flow statement");
        // each source id is new and names no recorded interaction
        assertThat(all).extracting(TrainingExample::sourceInteractionId).doesNotHaveDuplicates();
        assertThat(store.interactions().find(first.sourceInteractionId())).isEmpty();
        List<ExampleRevision> history = store.examples().history(first.id());
        assertThat(history).hasSize(1);
        assertThat(history.get(0).reviewer()).isEqualTo("expert-ana");
        assertThat(history.get(0).changedFields())
                .containsExactly("imported", "status", "split", "category", "quality", "notes");
        assertThat(history.get(0).note()).isEqualTo("imported from golden.csv line 2");
    }

    private static final String BAD_CSV = "question,answer,category,quality\n"
            + "What drove gross margin in Q3?,Services mix rose to 26% of revenue.,sec_10q,8\n" // 2: fine
            + "   ,An answer without a question.,sec_10q,8\n" // 3: blank question
            + "What is diluted EPS?,Net income over diluted shares.,sec_10q,11\n" // 4: quality out of range
            + "What is free cash flow?,Operating cash flow minus capex.,crypto_tips,7\n" // 5: not in the taxonomy
            + "What did the 8-K announce?,A new CFO.,,6\n" // 6: no category and no default
            + "Which segment grew fastest?,Wearables grew 14%.,Bad Category!,x\n" // 7: category no slug, quality
            + "Too,many,cells,5,here\n"; // 8: more cells than the header

    @Test
    void aFileWithAnyBadRowStoresNothingAndReportsEachProblemWithLineFieldAndRule() {
        ExampleImporter imp =
                importer(CurationOptions.builder().holdout(NO_HOLDOUT).taxonomy(Taxonomy.SEED));
        ImportReport r = imp.importFrom(new StringReader(BAD_CSV), csv().build());

        assertThat(r.committed()).isFalse();
        assertThat(r.ok()).isFalse();
        assertThat(r.imported()).isEmpty();
        assertThat(stored()).isEmpty();
        assertThat(r.rows()).isEqualTo(7);
        assertThat(r.invalidRows()).isEqualTo(6);
        assertThat(r.problems())
                .extracting(ImportProblem::line, ImportProblem::field, ImportProblem::rule)
                .containsExactly(
                        tuple(3L, "question", Rule.INVALID_VALUE),
                        tuple(4L, "quality", Rule.INVALID_VALUE),
                        tuple(5L, "category", Rule.NOT_IN_TAXONOMY),
                        tuple(6L, "category", Rule.MISSING_FIELD),
                        tuple(7L, "category", Rule.INVALID_VALUE),
                        tuple(7L, "quality", Rule.INVALID_VALUE),
                        tuple(8L, "row", Rule.INVALID_CSV));
        assertThat(r.problems().get(0).message()).contains("question").contains("blank");
        assertThat(r.problems().get(1).message()).contains("1 to 10").contains("'11'");
        // messages never quote a question or an answer
        assertThat(r.problems())
                .allSatisfy(p -> assertThat(p.message())
                        .doesNotContain("diluted shares")
                        .doesNotContain("free cash flow")
                        .doesNotContain("Wearables"));
    }

    @Test
    void skipInvalidStoresTheValidRowsAndReportsTheRest() {
        ExampleImporter imp =
                importer(CurationOptions.builder().holdout(NO_HOLDOUT).taxonomy(Taxonomy.SEED));
        ImportReport r = imp.importFrom(
                new StringReader(BAD_CSV), csv().skipInvalid(true).build());

        assertThat(r.committed()).isTrue();
        assertThat(r.ok()).isFalse();
        assertThat(r.imported()).hasSize(1);
        assertThat(r.invalidRows()).isEqualTo(6);
        assertThat(stored()).singleElement().satisfies(e -> {
            assertThat(e.userMessage()).isEqualTo("What drove gross margin in Q3?");
            assertThat(e.provenance().sourceLine()).isEqualTo(2);
        });
    }

    @Test
    void defaultsFillMissingCategoryAndQuality() {
        String file = "question,answer\nWhat is working capital?,Current assets minus current liabilities.\n";
        ImportReport r = importer()
                .importFrom(
                        new StringReader(file),
                        csv().defaultCategory(Category.FINANCIAL_METRICS)
                                .defaultQuality(QualityScore.of(7))
                                .build());
        assertThat(r.ok()).isTrue();
        assertThat(stored()).singleElement().satisfies(e -> {
            assertThat(e.category()).isEqualTo(Category.FINANCIAL_METRICS);
            assertThat(e.quality()).isEqualTo(QualityScore.of(7));
        });
    }

    @Test
    void nearDuplicatesOfStoredExamplesAndOfEarlierRowsAreRejected() {
        String question =
                "What was Microsoft's operating income for fiscal year 2024 as reported in its annual report?";
        String answer =
                "Microsoft reported operating income of $109.4 billion for fiscal year 2024, up 24% year over year.";
        ImportReport first = importer()
                .importFrom(
                        new StringReader("question,answer,category,quality\n\"" + question + "\",\"" + answer
                                + "\",sec_10k,9\n"),
                        csv().build());
        assertThat(first.ok()).isTrue();
        ExampleId stored = first.imported().get(0);

        String again = "question,answer,category,quality\n"
                + "What is a 10-Q?,A quarterly report filed with the SEC.,sec_10q,7\n" // 2: new
                + "\"" + question + "\",\"" + answer.replace("24%", "24 %") + "\",sec_10k,8\n" // 3: near the stored one
                + "\"What is a 10-Q ?\",A quarterly report filed with the SEC.,sec_10q,7\n"; // 4: near line 2
        ImportReport r = importer()
                .importFrom(new StringReader(again), csv().skipInvalid(true).build());

        assertThat(r.problems())
                .extracting(ImportProblem::line, ImportProblem::rule)
                .containsExactly(tuple(3L, Rule.DUPLICATE), tuple(4L, Rule.DUPLICATE));
        assertThat(r.problems().get(0).message()).contains("approved example " + stored);
        assertThat(r.problems().get(1).message()).contains("line 2");
        assertThat(r.imported()).hasSize(1);
        assertThat(stored()).hasSize(2);
    }

    @Test
    void holdoutIsAssignedAsForReviewedExamples() {
        // the bootstrap share holds out most examples until two are held out, then few are
        HoldoutSettings settings = HoldoutSettings.builder()
                .bootstrapShare(0.99)
                .share(0.01)
                .minHoldout(2)
                .build();
        StringBuilder file = new StringBuilder("question,answer,category,quality\n");
        String[] topics = {"revenue", "margins", "buybacks", "dividends", "guidance"};
        for (int k = 0; k < topics.length; k++) {
            file.append("Tell me about ")
                    .append(topics[k])
                    .append(" in report ")
                    .append(k)
                    .append("?,A distinct answer on ")
                    .append(topics[k])
                    .append(".,comparison,8\n");
        }
        ImportReport r = importer(CurationOptions.builder().holdout(settings))
                .importFrom(new StringReader(file.toString()), csv().build());

        assertThat(r.ok()).isTrue();
        // the documented rule, applied in file order: bootstrap share while fewer than minHoldout are held out
        long heldOut = 0;
        List<Split> expected = new ArrayList<>();
        for (TrainingExample e : stored()) {
            Split s = dev.tuneloop.curate.Holdout.assign(e.id(), settings, heldOut);
            heldOut += s == Split.HOLDOUT ? 1 : 0;
            expected.add(s);
        }
        assertThat(stored()).extracting(TrainingExample::split).containsExactlyElementsOf(expected);
        assertThat(r.heldOut()).isEqualTo(heldOut).isGreaterThanOrEqualTo(1);
    }

    @Test
    void theRecordTimeRedactorMasksImportedTexts() {
        String file = "question,answer,category,quality\n"
                + "Who should I email about the filing?,Write to ir@example.com for the filing.,sec_8k,8\n";
        ImportReport r = importer(CurationOptions.builder().holdout(NO_HOLDOUT).redactor(Redactor.standard()))
                .importFrom(new StringReader(file), csv().build());
        assertThat(r.ok()).isTrue();
        TrainingExample e = stored().get(0);
        assertThat(e.trainingResponse()).doesNotContain("ir@example.com").contains("[EMAIL]");
        assertThat(store.examples().history(e.id()).get(0).changedFields()).contains("redacted");
    }

    @Test
    void malformedCsvIsReportedAtTheLineTheBrokenRowStarts() {
        String unterminated = "question,answer,category,quality\nQ one?,A one.,sec_10k,8\n\"Q two?,A two,sec_10k,8\n";
        ImportReport r = importer().importFrom(new StringReader(unterminated), csv().build());
        assertThat(r.problems())
                .extracting(ImportProblem::line, ImportProblem::rule)
                .containsExactly(tuple(3L, Rule.INVALID_CSV));
        assertThat(stored()).isEmpty();

        String badHeader = "question,reply,category\nQ?,A.,sec_10k\n";
        ImportReport h = importer().importFrom(new StringReader(badHeader), csv().build());
        assertThat(h.problems())
                .extracting(ImportProblem::line, ImportProblem::field, ImportProblem::rule)
                .containsExactly(tuple(1L, "header", Rule.UNRECOGNIZED_FIELD), tuple(1L, "header", Rule.MISSING_FIELD));

        ImportReport empty = importer().importFrom(new StringReader(""), csv().build());
        assertThat(empty.problems()).extracting(ImportProblem::rule).containsExactly(Rule.MISSING_FIELD);
    }

    @Test
    void rowsPastTheMaximumAreRefused() {
        String file = "question,answer,category,quality\nFirst question?,First answer.,sec_10k,8\n"
                + "Second, different question?,Another answer entirely.,sec_10k,8\n";
        ImportReport r =
                importer().importFrom(new StringReader(file), csv().maxRows(1).build());
        assertThat(r.problems())
                .extracting(ImportProblem::line, ImportProblem::rule)
                .containsExactly(tuple(3L, Rule.TOO_MANY_ROWS));
        assertThat(r.committed()).isFalse();
        assertThat(stored()).isEmpty();
    }

    // ------------------------------------------------------------------------------------------ JSONL

    /** Distinct golden examples: multi-turn, with and without a system prompt, unicode. */
    private static List<TrainingExample> golden() {
        List<TrainingExample> out = new ArrayList<>();
        String[][] qa = {
            {"What was NVIDIA's data-center revenue last quarter?", "Data-center revenue was $30.8 billion."},
            {"Explique la marge brute d'Airbus en 2023 — en bref.", "Elle a progressé grâce aux livraisons ✓."},
            {"比較してください: Toyota と Honda の営業利益率", "トヨタは約11%、ホンダは約6%でした。"},
            {"How are restricted stock units expensed?", "Over the vesting period at grant-date fair value."},
        };
        for (int k = 0; k < qa.length; k++) {
            TrainingExample.Builder b = TrainingExample.builder(
                            ExampleId.next(NOW.toEpochMilli()),
                            InteractionId.next(CLOCK),
                            ExampleStatus.APPROVED,
                            Split.TRAIN)
                    .userId("u" + k)
                    .interactionCreatedAt(NOW)
                    .systemPrompt(k % 2 == 0 ? "You are a careful analyst." : null)
                    .userMessage(qa[k][0])
                    .originalResponse("draft " + k)
                    .improvedResponse(qa[k][1])
                    .modelUsed("m")
                    .category(Category.COMPARISON)
                    .quality(QualityScore.of(8))
                    .reviewer("r")
                    .createdAt(NOW)
                    .reviewedAt(NOW);
            if (k == 3) {
                b.priorTurns(List.of(
                        ChatMessage.user("We talked about SBC before."), ChatMessage.assistant("Yes, in the 10-K.")));
            }
            out.add(b.build());
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(
            value = ExportFormat.class,
            names = {"SUPERVISED", "TRL_SFT", "GEMINI_SFT"})
    void anExportedFileImportsBackToTheSameConversations(ExportFormat preset, @TempDir Path dir) {
        Store source = Store.inMemory();
        List<TrainingExample> golden = golden();
        for (TrainingExample e : golden) {
            source.examples().insert(e, new ExampleRevision(e.id(), 1, NOW, "r", List.of("quality"), null));
        }
        Path file = dir.resolve(preset.fileStem() + ".jsonl");
        ExportReport exported = JsonlExporter.create(source.examples())
                .export(ExportOptions.builder().format(preset).minExamples(1).build(), file);
        assertThat(exported.validation().ok()).isTrue();

        ImportReport r = importer()
                .importFile(
                        file,
                        ImportOptions.builder(ImportFormat.of(preset), "expert-ana", file.toString())
                                .defaultCategory(Category.COMPARISON)
                                .defaultQuality(QualityScore.of(9))
                                .build());

        assertThat(r.problems()).isEmpty();
        assertThat(r.imported()).hasSize(golden.size());
        assertThat(stored())
                .extracting(
                        TrainingExample::systemPrompt,
                        TrainingExample::priorTurns,
                        TrainingExample::userMessage,
                        TrainingExample::trainingResponse)
                .containsExactlyElementsOf(golden.stream()
                        .map(e -> tuple(e.systemPrompt(), e.priorTurns(), e.userMessage(), e.trainingResponse()))
                        .toList());
        assertThat(stored())
                .allSatisfy(e -> assertThat(e.provenance().sourceName()).isEqualTo(preset.fileStem() + ".jsonl"));

        // importing the same file again finds every row a duplicate of what it stored
        ImportReport again = importer()
                .importFile(
                        file,
                        ImportOptions.builder(ImportFormat.of(preset), "expert-ana", "again.jsonl")
                                .defaultCategory(Category.COMPARISON)
                                .defaultQuality(QualityScore.of(9))
                                .build());
        assertThat(again.committed()).isFalse();
        assertThat(again.problems())
                .extracting(ImportProblem::rule)
                .containsOnly(Rule.DUPLICATE)
                .hasSize(4);
    }

    @Test
    void jsonlShapeProblemsAreReportedPerLine() {
        String file = String.join(
                "\n",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"What is EBIT?\"},"
                        + "{\"role\":\"assistant\",\"content\":\"Earnings before interest and taxes.\"}],"
                        + "\"category\":\"financial_metrics\",\"quality\":9,\"notes\":\"from the glossary\"}",
                "not json",
                "",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"Q?\"}],\"quality\":8}",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"},{\"role\":\"assistant\",\"content\":\"\","
                        + "\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"w\","
                        + "\"arguments\":\"{}\"}}]},{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"sun\"},"
                        + "{\"role\":\"assistant\",\"content\":\"Sunny.\"}]}",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"Q2?\"},{\"role\":\"assistant\",\"content\":\"A2.\"}],"
                        + "\"extra\":1}",
                "{\"messages\":[{\"role\":\"robot\",\"content\":\"Q3?\"},{\"role\":\"assistant\",\"content\":\"A3\"}]}",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"What is EBITDA margin?\"},"
                        + "{\"role\":\"assistant\",\"content\":\"EBITDA divided by revenue.\"}],\"quality\":\"7\"}");
        ImportReport r = importer()
                .importFrom(
                        new StringReader(file),
                        ImportOptions.builder(ImportFormat.SUPERVISED, "ana", "x.jsonl")
                                .defaultCategory(Category.FINANCIAL_METRICS)
                                .skipInvalid(true)
                                .build());

        assertThat(r.problems())
                .extracting(ImportProblem::line, ImportProblem::field, ImportProblem::rule)
                .containsExactly(
                        tuple(2L, "line", Rule.INVALID_JSON),
                        tuple(4L, "messages", Rule.INVALID_SHAPE),
                        // the tool-calling row's shape is fine; it lacks a quality
                        tuple(5L, "quality", Rule.MISSING_FIELD),
                        tuple(6L, "extra", Rule.UNRECOGNIZED_FIELD),
                        tuple(7L, "messages[0].role", Rule.INVALID_SHAPE));
        assertThat(r.rows()).isEqualTo(7);
        assertThat(stored())
                .extracting(e -> e.provenance().sourceLine(), TrainingExample::quality, TrainingExample::notes)
                .containsExactly(
                        tuple(1L, QualityScore.of(9), "from the glossary"), tuple(8L, QualityScore.of(7), null));
    }

    @Test
    void trlPlainAndConversationalAndGeminiLinesAreRead() {
        String trl = String.join(
                "\n",
                "{\"prompt\":\"What is a 10-K?\",\"completion\":\"The annual report.\",\"example_id\":\"x\"}",
                "{\"prompt\":[{\"role\":\"user\",\"content\":\"Q?\"}],\"completion\":\"plain\"}",
                "{\"prompt\":[{\"role\":\"user\",\"content\":\"Define ROE.\"}],"
                        + "\"completion\":[{\"role\":\"user\",\"content\":\"wrong role\"}]}");
        ImportReport t = importer()
                .importFrom(
                        new StringReader(trl),
                        ImportOptions.builder(ImportFormat.TRL_SFT, "ana", "t.jsonl")
                                .defaultCategory(Category.SEC_10K)
                                .defaultQuality(QualityScore.of(8))
                                .skipInvalid(true)
                                .build());
        assertThat(t.problems())
                .extracting(ImportProblem::line, ImportProblem::rule)
                .containsExactly(tuple(2L, Rule.MISSING_FIELD), tuple(3L, Rule.INVALID_SHAPE));
        assertThat(t.imported()).hasSize(1);

        String gemini = String.join(
                "\n",
                "{\"systemInstruction\":{\"parts\":[{\"text\":\"Be brief.\"}]},\"contents\":[{\"role\":\"user\","
                        + "\"parts\":[{\"text\":\"What is capex?\"}]},{\"role\":\"model\",\"parts\":[{\"text\":"
                        + "\"Capital expenditure.\"}]}]}",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Q?\"}]},{\"role\":\"model\",\"parts\":"
                        + "[{\"functionCall\":{\"name\":\"f\",\"args\":{}}}]}]}",
                "{\"contents\":[{\"role\":\"model\",\"parts\":[{\"text\":\"A?\"}]},{\"role\":\"user\",\"parts\":"
                        + "[{\"text\":\"Q\"}]}]}");
        ImportReport g = importer()
                .importFrom(
                        new StringReader(gemini),
                        ImportOptions.builder(ImportFormat.GEMINI_SFT, "ana", "g.jsonl")
                                .defaultCategory(Category.SEC_10K)
                                .defaultQuality(QualityScore.of(8))
                                .skipInvalid(true)
                                .build());
        assertThat(g.problems())
                .extracting(ImportProblem::line, ImportProblem::field, ImportProblem::rule)
                .containsExactly(
                        tuple(2L, "contents[1].parts", Rule.UNSUPPORTED), tuple(3L, "contents", Rule.INVALID_SHAPE));
        Category sec10k = Category.SEC_10K;
        assertThat(stored())
                .filteredOn(e -> e.category().equals(sec10k))
                .extracting(
                        TrainingExample::systemPrompt, TrainingExample::userMessage, TrainingExample::trainingResponse)
                .containsExactlyInAnyOrder(
                        tuple(null, "What is a 10-K?", "The annual report."),
                        tuple("Be brief.", "What is capex?", "Capital expenditure."));
    }

    @Test
    void guideSnippet(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("golden.csv");
        Files.writeString(file, BAD_CSV);
        CurationOptions curationOptions = CurationOptions.builder()
                .taxonomy(Taxonomy.SEED)
                .holdout(NO_HOLDOUT)
                .clock(CLOCK)
                .build();
        List<String> printed = new ArrayList<>();
        // snippet:import-golden
        ExampleImporter importer = ExampleImporter.create(store.examples(), curationOptions);
        ImportReport report = importer.importFile(
                file,
                ImportOptions.builder(ImportFormat.CSV, "expert-ana", file.toString())
                        .skipInvalid(false) // the default: a file with any bad row stores nothing
                        .build());
        if (!report.ok()) {
            report.problems().forEach(p -> printed.add(p.toString())); // "line 4: quality: invalid_value: …"
        }
        // end-snippet:import-golden
        assertThat(printed).hasSize(7);
        assertThat(printed.get(1))
                .isEqualTo("line 4: quality: invalid_value: quality must be an integer from 1 to 10, but was '11'");
        assertThat(stored()).isEmpty();
    }

    @Test
    void pairAndLabelPresetsCannotBeImported() {
        for (ExportFormat f : List.of(
                ExportFormat.PREFERENCE, ExportFormat.TRL_DPO, ExportFormat.TRL_KTO, ExportFormat.GEMINI_PREFERENCE)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ImportFormat.of(f))
                    .isInstanceOf(dev.tuneloop.errors.ValidationException.class)
                    .hasMessageContaining(f.name());
        }
    }

    @Test
    void importedExamplesExportLikeReviewedOnes(@TempDir Path dir) throws IOException {
        importer().importFrom(new StringReader(GOOD_CSV), csv().build());
        Path file = dir.resolve("trl-kto.jsonl");
        ExportReport r = JsonlExporter.create(store.examples())
                .export(
                        ExportOptions.builder()
                                .format(ExportFormat.TRL_KTO)
                                .minExamples(1)
                                .build(),
                        file);
        assertThat(r.validation().ok()).isTrue();
        // one true line per imported training example, none false: a golden answer has no rejected original
        long train = stored().stream().filter(e -> e.split() == Split.TRAIN).count();
        assertThat(Files.readAllLines(file).stream()
                        .map(l -> l.contains("\"label\":true"))
                        .collect(Collectors.toList()))
                .hasSize((int) train)
                .containsOnly(true);
    }

    @Test
    void reImportingIntoAnotherStoreIsIndependent() {
        ExampleStore other = Store.inMemory().examples();
        ImportReport a = ExampleImporter.create(
                        other,
                        CurationOptions.builder()
                                .clock(CLOCK)
                                .holdout(NO_HOLDOUT)
                                .build())
                .importFrom(new StringReader(GOOD_CSV), csv().build());
        ImportReport b = importer().importFrom(new StringReader(GOOD_CSV), csv().build());
        assertThat(a.ok()).isTrue();
        assertThat(b.ok()).isTrue();
        assertThat(stored()).hasSize(3);
    }
}
