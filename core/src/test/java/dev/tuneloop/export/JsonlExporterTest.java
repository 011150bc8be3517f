package dev.tuneloop.export;

import static dev.tuneloop.export.Examples.example;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuneloop.curate.Category;
import dev.tuneloop.curate.ExampleId;
import dev.tuneloop.curate.ExampleQuery;
import dev.tuneloop.curate.ExampleRevision;
import dev.tuneloop.curate.ExampleStore;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.errors.TuneloopException;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.RetrievedDocument;
import dev.tuneloop.store.Store;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlExporterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Store store = Store.inMemory();
    private final JsonlExporter exporter = JsonlExporter.create(store.examples());

    private static final String APPENDIX_SYSTEM =
            "You are a financial analyst assistant for SigmaSight, specializing in "
                    + "SEC filings, earnings analysis, and financial metrics. When answering questions: cite specific sources "
                    + "(10-K, 10-Q, 8-K filings), distinguish between GAAP and non-GAAP metrics, break down stock-based "
                    + "compensation by category, use precise numbers with appropriate units.";
    private static final String APPENDIX_USER =
            "What was NVIDIA's stock-based compensation in Q3 FY2025 and how does " + "it break down by department?";
    private static final String APPENDIX_ASSISTANT = "According to NVIDIA's Q3 FY2025 10-Q filing, total stock-based "
            + "compensation was $1.40 billion, representing 4.0% of revenue ($35.1B).\n\nBreakdown by function:\n"
            + "- Cost of revenue: $47 million\n- Research and development: $941 million\n- Sales, general and "
            + "administrative: $410 million\n\nR&D accounts for 67% of total SBC, reflecting NVIDIA's heavy investment "
            + "in engineering talent for AI/GPU development. This is consistent with prior quarters and typical for "
            + "semiconductor companies at NVIDIA's growth stage.";

    private static String export(JsonlExporter exporter, ExportOptions options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exporter.export(options, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<JsonNode> lines(String text) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : text.lines().toList()) {
            if (!line.isEmpty()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }

    private static ExportOptions.Builder options() {
        return ExportOptions.builder().minExamples(0);
    }

    @Test
    void goldenLineEqualsTheSeedsAppendixShape(@TempDir Path dir) throws Exception {
        example(1)
                .system(APPENDIX_SYSTEM)
                .user(APPENDIX_USER)
                .original("draft")
                .improved(APPENDIX_ASSISTANT)
                .category(Category.SBC_BREAKDOWN)
                .quality(9)
                .into(store.examples());
        Path file = dir.resolve("training.jsonl");
        ExportReport report = exporter.export(options().build(), file);

        String expected = "{\"messages\":[{\"role\":\"system\",\"content\":\"" + APPENDIX_SYSTEM + "\"},"
                + "{\"role\":\"user\",\"content\":\"" + APPENDIX_USER + "\"},"
                + "{\"role\":\"assistant\",\"content\":\"" + APPENDIX_ASSISTANT.replace("\n", "\\n") + "\"}]}\n";
        byte[] bytes = Files.readAllBytes(file);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(bytes[0]).isEqualTo((byte) '{'); // no BOM
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            // it may hold personal data: only its owner may read it
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
        }
        assertThat(report.written()).isEqualTo(1);
        assertThat(report.bytesWritten()).isEqualTo(bytes.length);
        assertThat(report.validation().errors()).isZero();
        assertThat(report.validation().warnings()).isZero();
        // the pretty-printed appendix parses to the same tree
        String appendix = "{\n  \"messages\": [\n    {\n      \"role\": \"system\",\n      \"content\": \""
                + APPENDIX_SYSTEM
                + "\"\n    },\n    {\n      \"role\": \"user\",\n      \"content\": \"" + APPENDIX_USER + "\"\n    },\n"
                + "    {\n      \"role\": \"assistant\",\n      \"content\": \""
                + APPENDIX_ASSISTANT.replace("\n", "\\n")
                + "\"\n    }\n  ]\n}";
        assertThat(JSON.readTree(bytes)).isEqualTo(JSON.readTree(appendix));
    }

    @Test
    void quickReferenceDefaultsKeepQualitySixAndUpAndNeverOneToFour() throws Exception {
        for (int q = 1; q <= 10; q++) {
            example(q).quality(q).into(store.examples());
        }
        ExportReport r = exporter.export(options().build(), new ByteArrayOutputStream());
        assertThat(r.effectiveMinQuality()).isEqualTo(6);
        assertThat(r.written()).isEqualTo(5);
        assertThat(r.skipped(SkipReason.LOW_QUALITY)).isEqualTo(5);

        ExportReport all = exporter.export(options().minQuality(1).build(), new ByteArrayOutputStream());
        assertThat(all.effectiveMinQuality()).isEqualTo(5);
        assertThat(all.written()).isEqualTo(6);
        assertThat(all.skipped(SkipReason.LOW_QUALITY)).isEqualTo(4);
        String text = export(exporter, options().minQuality(1).build());
        for (int q = 1; q <= 4; q++) {
            assertThat(text).doesNotContain("Question number " + q + " ");
        }
    }

    @Test
    void filtersByCategoryDateAndLimit() {
        example(1).category(Category.SEC_10K).into(store.examples());
        example(2).category(Category.SEC_8K).into(store.examples());
        example(3)
                .category(Category.SEC_10K)
                .reviewedAt(Examples.T0.plusSeconds(100))
                .into(store.examples());
        example(4).category(Category.SEC_10K).into(store.examples());

        ExportReport byCategory =
                exporter.export(options().categories(Set.of(Category.SEC_10K)).build(), new ByteArrayOutputStream());
        assertThat(byCategory.written()).isEqualTo(3);
        assertThat(byCategory.skipped(SkipReason.FILTERED)).isEqualTo(1);

        ExportReport byDate = exporter.export(
                options()
                        .reviewedBetween(Examples.T0, Examples.T0.plusSeconds(50))
                        .build(),
                new ByteArrayOutputStream());
        assertThat(byDate.written()).isEqualTo(3);

        ExportReport limited = exporter.export(options().limit(2).build(), new ByteArrayOutputStream());
        assertThat(limited.written()).isEqualTo(2);
        assertThat(limited.skipped(SkipReason.FILTERED)).isEqualTo(2);
        assertThat(limited.scanned()).isEqualTo(4);
    }

    @Test
    void holdoutExamplesAndTheirNearDuplicatesAreNeverExported() throws Exception {
        TrainingExample held = example(1)
                .holdout()
                .user("What was NVDA's SBC in Q3 FY2025?")
                .original("NVIDIA's stock-based compensation in Q3 FY2025 was $1.40 billion, 4.0% of revenue.")
                .into(store.examples());
        // the same question and answer with trivial changes: a near-duplicate that would leak the holdout
        example(2)
                .user("What was NVDA's SBC in Q3 FY2025 ?")
                .original("NVIDIA's stock-based compensation in Q3 FY2025 was $1.40 billion, 4.0% of revenue!")
                .into(store.examples());
        example(3)
                .user("Compare GOOGL's GAAP vs non-GAAP EPS for the third quarter")
                .original("For Q3 2024, Alphabet reported GAAP EPS of $2.12 with no material non-GAAP adjustments.")
                .into(store.examples());

        String text = export(exporter, options().build());
        ExportReport r = exporter.export(options().build(), new ByteArrayOutputStream());
        assertThat(r.written()).isEqualTo(1);
        assertThat(r.skipped(SkipReason.HOLDOUT)).isEqualTo(1);
        assertThat(r.skipped(SkipReason.HOLDOUT_NEAR_DUPLICATE)).isEqualTo(1);
        assertThat(text).contains("GOOGL").doesNotContain("NVDA").doesNotContain("NVIDIA");
        assertThat(held.split()).isEqualTo(dev.tuneloop.curate.Split.HOLDOUT);
    }

    @Test
    void theStreamingLeakCheckAgreesWithCurationsHoldoutLeaks() throws Exception {
        String[] topics = {
            "NVDA stock-based compensation in Q3 FY2025 was $1.40 billion",
            "AMZN GAAP operating income in Q3 2024 was $17.4 billion",
            "AAPL revenue consensus is $124.1 billion",
            "GOOGL Q3 2024 EPS was $2.12 on a GAAP basis"
        };
        int n = 0;
        for (String topic : topics) {
            example(++n)
                    .holdout()
                    .user("Tell me: " + topic + "?")
                    .original("Yes: " + topic + ", per the filing.")
                    .into(store.examples());
            example(++n)
                    .user("Tell me: " + topic + " ?")
                    .original("Yes: " + topic + ", per the filing!")
                    .into(store.examples());
            example(++n)
                    .user("Something else entirely about " + n)
                    .original("An unrelated answer " + n + ".")
                    .into(store.examples());
        }
        List<String> leaked = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportReport r = exporter.export(options().build(), out);
        Set<ExampleId> expected =
                dev.tuneloop.curate.Holdout.leaks(store.examples(), dev.tuneloop.dedup.NearDuplicateDetector.create());
        assertThat(expected).hasSize(4);
        assertThat(r.skipped(SkipReason.HOLDOUT_NEAR_DUPLICATE)).isEqualTo(expected.size());
        String text = out.toString(StandardCharsets.UTF_8);
        for (ExampleId id : expected) {
            String user = store.examples().find(id).orElseThrow().userMessage();
            assertThat(text).doesNotContain(JSON.writeValueAsString(user));
            leaked.add(user);
        }
        assertThat(leaked).allSatisfy(u -> assertThat(u).endsWith(" ?"));
        assertThat(r.written()).isEqualTo(4);
    }

    @Test
    void finalizedSystemPromptOrEachExamplesOwnWithInconsistencyReported() throws Exception {
        example(1).system("Prompt A").into(store.examples());
        example(2).system("Prompt B").into(store.examples());
        example(3).system(null).into(store.examples());

        ExportReport own = exporter.export(options().build(), new ByteArrayOutputStream());
        assertThat(own.validation().distinctSystemPrompts()).isEqualTo(2);
        assertThat(own.validation().count(ProblemCode.INCONSISTENT_SYSTEM_PROMPT))
                .isEqualTo(1);
        assertThat(own.validation().count(ProblemCode.MISSING_SYSTEM_MESSAGE)).isEqualTo(1);
        List<JsonNode> ownLines =
                lines(export(exporter, options().keepEachExamplesSystemPrompt().build()));
        assertThat(ownLines.get(0).at("/messages/0/content").asText()).isEqualTo("Prompt A");
        assertThat(ownLines.get(2).at("/messages/0/role").asText()).isEqualTo("user");

        String finalized = "You are SigmaSight's analyst. Cite filings.";
        ExportReport one = exporter.export(options().systemPrompt(finalized).build(), new ByteArrayOutputStream());
        assertThat(one.validation().distinctSystemPrompts()).isEqualTo(1);
        assertThat(one.validation().warnings()).isZero();
        assertThat(lines(export(exporter, options().systemPrompt(finalized).build())))
                .allSatisfy(
                        l -> assertThat(l.at("/messages/0/content").asText()).isEqualTo(finalized));
    }

    @Test
    void priorTurnsComeBetweenSystemAndUser() throws Exception {
        example(1)
                .prior(List.of(ChatMessage.user("First question?"), ChatMessage.assistant("First answer.")))
                .user("And the follow-up?")
                .edited("Edited answer.")
                .into(store.examples());
        JsonNode line = lines(export(exporter, options().build())).get(0);
        assertThat(line.get("messages"))
                .extracting(m -> m.get("role").asText() + ":" + m.get("content").asText())
                .containsExactly(
                        "system:" + Examples.SYSTEM,
                        "user:First question?",
                        "assistant:First answer.",
                        "user:And the follow-up?",
                        "assistant:Edited answer.");
    }

    @Test
    void retrievedContextIsLeftOutByDefaultAndAppendedInABlockWhenAsked() throws Exception {
        example(1)
                .user("What was revenue?")
                .context(List.of(
                        RetrievedDocument.of("doc-1", "NVDA 10-Q \"Q3\"", "Revenue was $35.1B."),
                        RetrievedDocument.of("doc-2", null, "Data center grew.")))
                .into(store.examples());
        assertThat(lines(export(exporter, options().build()))
                        .get(0)
                        .at("/messages/1/content")
                        .asText())
                .isEqualTo("What was revenue?");
        String user = lines(
                        export(exporter, options().includeRetrievedContext(true).build()))
                .get(0)
                .at("/messages/1/content")
                .asText();
        assertThat(user).isEqualTo("""
                        What was revenue?

                        <context>
                        <document id="doc-1" source="NVDA 10-Q &quot;Q3&quot;">
                        Revenue was $35.1B.
                        </document>
                        <document id="doc-2">
                        Data center grew.
                        </document>
                        </context>""");
    }

    @Test
    void preferencePairsFromEditedExamples() throws Exception {
        example(1).original("Original one.").edited("Edited one.").into(store.examples());
        example(2).original("Original two.").into(store.examples());
        example(3)
                .original("Original three.")
                .edited("User edit three.")
                .improved("Improved three.")
                .into(store.examples());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportReport r =
                exporter.export(options().format(ExportFormat.PREFERENCE).build(), out);
        assertThat(r.written()).isEqualTo(2);
        assertThat(r.skipped(SkipReason.NO_PREFERENCE_PAIR)).isEqualTo(1);
        assertThat(r.validation().format()).isEqualTo(ExportFormat.PREFERENCE);
        assertThat(r.validation().errors()).isZero();
        List<JsonNode> lines = lines(out.toString(StandardCharsets.UTF_8));
        JsonNode first = lines.get(0);
        assertThat(first.fieldNames())
                .toIterable()
                .containsExactly("input", "preferred_output", "non_preferred_output");
        assertThat(first.at("/input/messages"))
                .extracting(m -> m.get("role").asText())
                .containsExactly("system", "user");
        assertThat(first.get("preferred_output").toString())
                .isEqualTo("[{\"role\":\"assistant\",\"content\":\"Edited one.\"}]");
        assertThat(first.get("non_preferred_output").toString())
                .isEqualTo("[{\"role\":\"assistant\",\"content\":\"Original one.\"}]");
        assertThat(lines.get(1).at("/preferred_output/0/content").asText()).isEqualTo("Improved three.");
    }

    @Test
    void validationSplitIsDeterministicAndDisjoint(@TempDir Path dir) throws Exception {
        for (int i = 1; i <= 200; i++) {
            example(i).into(store.examples());
        }
        ExportOptions o = options().validationShare(0.2).build();
        Path train = dir.resolve("train.jsonl");
        Path validation = dir.resolve("validation.jsonl");
        ExportReport r = exporter.export(o, train, validation);
        Set<String> t = users(train);
        Set<String> v = users(validation);
        assertThat(t).doesNotContainAnyElementsOf(v);
        assertThat(t.size() + v.size()).isEqualTo(200);
        assertThat(v.size()).isBetween(20, 60);
        assertThat(r.written()).isEqualTo(t.size());
        assertThat(r.validationWritten()).isEqualTo(v.size());
        assertThat(r.validationFileValidation()).isNotNull();
        assertThat(r.validationFileValidation().examples()).isEqualTo(v.size());

        ByteArrayOutputStream t2 = new ByteArrayOutputStream();
        ByteArrayOutputStream v2 = new ByteArrayOutputStream();
        exporter.export(o, t2, v2);
        assertThat(t2.toByteArray()).isEqualTo(Files.readAllBytes(train));
        assertThat(v2.toByteArray()).isEqualTo(Files.readAllBytes(validation));

        assertThatThrownBy(() -> exporter.export(o, new ByteArrayOutputStream()))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("needs two outputs");
        assertThatThrownBy(() -> exporter.export(options().build(), train, validation))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("validationShare must be > 0");
        assertThatThrownBy(() -> exporter.export(o, train, train))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("must differ");
    }

    @Test
    void onWrittenNamesEveryExampleWrittenInFileOrder(@TempDir Path dir) throws Exception {
        for (int i = 1; i <= 120; i++) {
            example(i).into(store.examples());
        }
        List<String> trainIds = new ArrayList<>();
        List<String> validationIds = new ArrayList<>();
        ExportOptions o = options()
                .validationShare(0.2)
                .parallelism(3)
                .onWritten((id, validation) -> (validation ? validationIds : trainIds).add(id.toString()))
                .build();
        Path train = dir.resolve("train.jsonl");
        Path validation = dir.resolve("validation.jsonl");
        ExportReport r = exporter.export(o, train, validation);
        assertThat(trainIds).hasSize((int) r.written()).doesNotHaveDuplicates();
        assertThat(validationIds).hasSize((int) r.validationWritten()).doesNotContainAnyElementsOf(trainIds);
        assertThat(userMessagesOf(trainIds)).isEqualTo(userMessagesInOrder(train));
        assertThat(userMessagesOf(validationIds)).isEqualTo(userMessagesInOrder(validation));
    }

    private List<String> userMessagesOf(List<String> ids) {
        return ids.stream()
                .map(id -> store.examples()
                        .find(dev.tuneloop.curate.ExampleId.parse(id))
                        .orElseThrow()
                        .userMessage())
                .toList();
    }

    private static List<String> userMessagesInOrder(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        for (JsonNode l : lines(Files.readString(file))) {
            for (JsonNode m : l.get("messages")) {
                if (m.get("role").asText().equals("user")) {
                    out.add(m.get("content").asText());
                }
            }
        }
        return out;
    }

    private static Set<String> users(Path file) throws IOException {
        Set<String> out = new HashSet<>();
        for (JsonNode l : lines(Files.readString(file))) {
            out.add(l.at("/messages/1/content").asText());
        }
        return out;
    }

    @Test
    void reportHasTokensEpochsCostAndTime() throws Exception {
        for (int i = 1; i <= 20; i++) {
            example(i).into(store.examples());
        }
        ExportReport r = exporter.export(ExportOptions.defaults(), new ByteArrayOutputStream());
        assertThat(r.written()).isEqualTo(20);
        assertThat(r.validation().ok()).isTrue();
        assertThat(r.tokens().examples()).isEqualTo(20);
        assertThat(r.tokens().min()).isPositive().isLessThanOrEqualTo(r.tokens().max());
        assertThat(r.tokens().mean()).isEqualTo((double) r.tokens().total() / 20);
        assertThat(r.autoEpochs()).isTrue();
        assertThat(r.epochs()).isEqualTo(5); // 3 × 20 < 100 → 100 / 20
        assertThat(r.estimatedTrainingTokens()).isEqualTo(r.tokens().total() * 5);
        assertThat(r.estimatedCostUsd())
                .isEqualByComparingTo(new java.math.BigDecimal(r.estimatedTrainingTokens())
                        .multiply(new java.math.BigDecimal("3.00"))
                        .divide(new java.math.BigDecimal(1_000_000), 4, java.math.RoundingMode.HALF_UP));
        assertThat(r.estimatedTrainingTime()).isEqualTo(new TimeEstimate(15, 20));

        ExportReport fixed =
                exporter.export(options().epochs(2).baseModel("llama-3-8b").build(), new ByteArrayOutputStream());
        assertThat(fixed.epochs()).isEqualTo(2);
        assertThat(fixed.autoEpochs()).isFalse();
        assertThat(fixed.estimatedCostUsd()).isNull();

        String json = JSON.writeValueAsString(r);
        JsonNode tree = JSON.readTree(json);
        assertThat(tree.get("written").asLong()).isEqualTo(20);
        assertThat(tree.at("/skipped/LOW_QUALITY").asLong()).isZero();
        assertThat(tree.at("/tokens/total").asLong()).isEqualTo(r.tokens().total());
        assertThat(tree.get("estimatedCostUsd").decimalValue()).isEqualByComparingTo(r.estimatedCostUsd());
    }

    @Test
    void tooFewExamplesIsReportedByTheExportsValidation() {
        example(1).into(store.examples());
        ExportReport r = exporter.export(ExportOptions.defaults(), new ByteArrayOutputStream());
        assertThat(r.validation().ok()).isFalse();
        assertThat(r.validation().count(ProblemCode.TOO_FEW_EXAMPLES)).isEqualTo(1);
    }

    @Test
    void progressIsReportedAlongTheWayAndAtTheEnd() {
        for (int i = 1; i <= 25; i++) {
            example(i).quality(i % 5 == 0 ? 4 : 8).into(store.examples());
        }
        List<ExportProgress> seen = new ArrayList<>();
        exporter.export(options().progress(seen::add, 10).build(), new ByteArrayOutputStream());
        assertThat(seen).extracting(ExportProgress::scanned).containsExactly(10L, 20L, 25L);
        assertThat(seen).extracting(ExportProgress::done).containsExactly(false, false, true);
        ExportProgress last = seen.get(2);
        assertThat(last.written()).isEqualTo(20);
        assertThat(last.skipped()).isEqualTo(5);
        assertThat(last.bytes()).isPositive();
    }

    /** A store that fails after handing out some examples, as a database connection dropping mid-scan would. */
    private static ExampleStore failingAfter(Store store, int n) {
        return new ExampleStore() {
            @Override
            public void save(TrainingExample e, ExampleRevision r) {
                store.examples().save(e, r);
            }

            @Override
            public Optional<TrainingExample> find(ExampleId id) {
                return store.examples().find(id);
            }

            @Override
            public Optional<TrainingExample> findBySource(InteractionId id) {
                return store.examples().findBySource(id);
            }

            @Override
            public List<ExampleRevision> history(ExampleId id) {
                return store.examples().history(id);
            }

            @Override
            public void scan(ExampleQuery q, Consumer<TrainingExample> sink) {
                int[] count = {0};
                store.examples().scan(q, e -> {
                    if (q.split() == null && ++count[0] > n) {
                        throw new dev.tuneloop.errors.RetriableException("store went away");
                    }
                    sink.accept(e);
                });
            }
        };
    }

    @Test
    void aFailedExportLeavesNoFileAndNoTemporaryFile(@TempDir Path dir) throws Exception {
        for (int i = 1; i <= 30; i++) {
            example(i).into(store.examples());
        }
        Path file = dir.resolve("training.jsonl");
        JsonlExporter failing = JsonlExporter.create(failingAfter(store, 15));
        assertThatThrownBy(() -> failing.export(options().build(), file))
                .isInstanceOf(dev.tuneloop.errors.RetriableException.class);
        assertThat(file).doesNotExist();
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.collect(Collectors.toList())).isEmpty();
        }

        // a previous good export stays untouched by a failed one
        exporter.export(options().build(), file);
        byte[] good = Files.readAllBytes(file);
        assertThatThrownBy(() -> failing.export(options().build(), file))
                .isInstanceOf(dev.tuneloop.errors.RetriableException.class);
        assertThat(Files.readAllBytes(file)).isEqualTo(good);
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.collect(Collectors.toList())).containsExactly(file);
        }

        // the split export: neither file appears
        Path train = dir.resolve("t.jsonl");
        Path validation = dir.resolve("v.jsonl");
        assertThatThrownBy(() -> failing.export(options().validationShare(0.3).build(), train, validation))
                .isInstanceOf(dev.tuneloop.errors.RetriableException.class);
        assertThat(train).doesNotExist();
        assertThat(validation).doesNotExist();
    }

    @Test
    void aFailingOutputStreamFailsLoudlyNamingWhere() {
        for (int i = 1; i <= 5; i++) {
            example(i).into(store.examples());
        }
        OutputStream broken = new OutputStream() {
            int n;

            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (++n > 2) {
                    throw new IOException("disk full");
                }
            }
        };
        assertThatThrownBy(() -> exporter.export(options().build(), broken))
                .isInstanceOf(TuneloopException.class)
                .hasMessageContaining("export to the output stream failed after 2 lines were written")
                .hasRootCauseMessage("disk full");
    }

    @Test
    void piiIsRedactedByDefaultAndCountedByType() throws Exception {
        example(1)
                .user("Email me at jane.doe@example.com or call +1 415 555 0100 about NVDA")
                .original("Sure, I will write to jane.doe@example.com.")
                .into(store.examples());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportReport r = exporter.export(options().build(), out);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(r.redacted()).isTrue();
        assertThat(text)
                .doesNotContain("jane.doe@example.com")
                .doesNotContain("555 0100")
                .contains("NVDA");
        assertThat(r.redactions()).containsEntry("EMAIL", 2L).containsEntry("PHONE", 1L);

        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        ExportReport off = exporter.export(options().redact(false).build(), raw);
        assertThat(off.redacted()).isFalse();
        assertThat(off.redactions()).isEmpty();
        assertThat(raw.toString(StandardCharsets.UTF_8))
                .contains("jane.doe@example.com")
                .contains("+1 415 555 0100");
    }

    @Test
    void parallelAndSequentialExportsAreIdentical() throws Exception {
        for (int i = 1; i <= 300; i++) {
            Examples.Builder b = example(i).quality(3 + i % 8);
            if (i % 7 == 0) {
                b.holdout();
            }
            if (i % 3 == 0) {
                b.edited("Edited answer " + i + ", mail ops" + i + "@example.com");
            }
            b.into(store.examples());
        }
        for (ExportFormat f : ExportFormat.values()) {
            ByteArrayOutputStream one = new ByteArrayOutputStream();
            ByteArrayOutputStream many = new ByteArrayOutputStream();
            ExportReport sequential = exporter.export(
                    options().format(f).parallelism(1).limit(150).build(), one);
            ExportReport parallel = exporter.export(
                    options().format(f).parallelism(4).limit(150).build(), many);
            assertThat(many.toByteArray()).isEqualTo(one.toByteArray());
            assertThat(parallel).isEqualTo(sequential);
            assertThat(sequential.written()).isPositive();
            assertThat(sequential.redactions()).containsKey("EMAIL");
        }
    }

    @Test
    void theExportsOwnValidationEqualsValidatingTheFileItWrote(@TempDir Path dir) {
        for (int i = 1; i <= 14; i++) {
            example(i).system(i % 5 == 0 ? "Another prompt" : Examples.SYSTEM).into(store.examples());
        }
        Path file = dir.resolve("training.jsonl");
        ExportReport r = exporter.export(ExportOptions.defaults(), file);
        ValidationResult again = JsonlValidator.create().validate(file);
        assertThat(again).isEqualTo(r.validation());
        assertThat(again.count(ProblemCode.INCONSISTENT_SYSTEM_PROMPT)).isEqualTo(1);
        assertThat(again.tokens().total()).isEqualTo(r.tokens().total());
    }

    @Test
    void aThrowingProgressListenerFailsTheExportAndLeavesNoFile(@TempDir Path dir) throws Exception {
        for (int i = 1; i <= 30; i++) {
            example(i).into(store.examples());
        }
        Path file = dir.resolve("training.jsonl");
        ExportOptions o = options()
                .progress(
                        p -> {
                            if (p.scanned() >= 20) {
                                throw new IllegalStateException("host cancelled the export");
                            }
                        },
                        10)
                .build();
        assertThatThrownBy(() -> exporter.export(o, file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("host cancelled the export");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.collect(Collectors.toList())).isEmpty();
        }
    }

    @Test
    void badOptionsAreAllReportedAtOnce() {
        assertThatThrownBy(() -> ExportOptions.builder()
                        .minQuality(11)
                        .limit(0)
                        .validationShare(0.9)
                        .epochs(0)
                        .build())
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).problems())
                        .containsExactly(
                                "minQuality must be between 1 and 10, but was 11",
                                "limit must be > 0, but was 0",
                                "validationShare must be between 0 and 0.5, but was 0.9",
                                "epochs must be between 1 and 50, but was 0"));
        assertThatThrownBy(() -> ExportOptions.builder()
                        .reviewedBetween(Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"))
                        .build())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("reviewedUntil must be after reviewedFrom");
    }
}
