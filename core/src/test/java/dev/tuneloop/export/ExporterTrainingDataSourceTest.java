package dev.tuneloop.export;

import static dev.tuneloop.export.Examples.example;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.store.Store;
import dev.tuneloop.testing.FakeFineTuneClient;
import dev.tuneloop.testing.FakeFineTuneClient.Operation;
import dev.tuneloop.tune.DatasetSnapshot;
import dev.tuneloop.tune.FineTuneLauncher;
import dev.tuneloop.tune.FineTuneMethod;
import dev.tuneloop.tune.JobStore;
import dev.tuneloop.tune.Launch;
import dev.tuneloop.tune.LaunchRequest;
import dev.tuneloop.tune.ModelRegistry;
import dev.tuneloop.tune.PreparedDataset;
import dev.tuneloop.tune.ReadinessVerdict;
import dev.tuneloop.tune.TrainingDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's data source on the real exporter (in this package for its example helpers). */
class ExporterTrainingDataSourceTest {
    @TempDir
    Path dir;

    private final Store store = Store.inMemory();

    private void examples(int n) {
        for (int i = 1; i <= n; i++) {
            // qualities 5..9, every third one edited (so it can become a preference pair)
            Examples.Builder b = example(i).quality(5 + i % 5);
            if (i % 3 == 0) {
                b.edited("Edited answer number " + i + ": revenue was $" + i + ".5B.");
            }
            b.into(store.examples());
        }
        example(1000).holdout().into(store.examples());
    }

    @Test
    void exportsAFreshSupervisedFileWithTheRequestsMinimumQuality() throws Exception {
        examples(30);
        TrainingDataSource source = TrainingDataSource.fromExporter(
                JsonlExporter.create(store.examples()),
                dir.resolve("out"),
                o -> o.minQuality(5).baseModel("gpt-4o-mini-2024-07-18"));

        PreparedDataset first = source.prepare(8, FineTuneMethod.SUPERVISED);
        PreparedDataset second = source.prepare(8, FineTuneMethod.SUPERVISED);

        assertThat(first.problems()).isEmpty();
        assertThat(first.validationFile()).isNull();
        assertThat(first.trainingFile().getParent()).isEqualTo(dir.resolve("out"));
        assertThat(first.trainingFile().getFileName().toString())
                .startsWith("sft-")
                .endsWith(".jsonl");
        assertThat(second.trainingFile()).isNotEqualTo(first.trainingFile());
        List<String> lines = Files.readAllLines(first.trainingFile());
        // quality 8 or 9: i % 5 in {3, 4} → 12 of 30; the holdout example never
        assertThat(lines).hasSize(12).allMatch(l -> l.startsWith("{\"messages\":["));
        assertThat(Files.readAllLines(second.trainingFile())).isEqualTo(lines);
        // the ids name the file's examples, in file order
        assertThat(first.exampleIds()).hasSize(12).doesNotHaveDuplicates();
        for (int i = 0; i < lines.size(); i++) {
            String question = store.examples()
                    .find(first.exampleIds().get(i))
                    .orElseThrow()
                    .userMessage();
            assertThat(lines.get(i)).contains(question);
        }
    }

    @Test
    void exportsPreferencePairsForDpoAndAValidationFileWhenAsked() throws Exception {
        examples(60);
        TrainingDataSource source = TrainingDataSource.fromExporter(
                JsonlExporter.create(store.examples()), dir, o -> o.validationShare(0.2));

        PreparedDataset dpo = source.prepare(5, FineTuneMethod.DPO);

        assertThat(dpo.problems()).isEmpty();
        assertThat(dpo.trainingFile().getFileName().toString()).startsWith("dpo-");
        assertThat(dpo.validationFile()).isNotNull();
        assertThat(Files.readAllLines(dpo.trainingFile())).isNotEmpty().allMatch(l -> l.startsWith("{\"input\":"));
        // only the training file's examples are the model's lineage, not the validation file's
        assertThat(dpo.exampleIds())
                .hasSize(Files.readAllLines(dpo.trainingFile()).size());
    }

    @Test
    void keepsAPresetOfTheMethodsKindAndLetsTheLauncherCheckItsRules() throws Exception {
        examples(30);
        TrainingDataSource gemini = TrainingDataSource.fromExporter(
                JsonlExporter.create(store.examples()), dir.resolve("gemini"), o -> o.format(ExportFormat.GEMINI_SFT));

        assertThat(gemini.format(FineTuneMethod.SUPERVISED)).isEqualTo(ExportFormat.GEMINI_SFT);
        assertThat(gemini.format(FineTuneMethod.DPO))
                .as("a supervised preset cannot hold preference pairs: the method's OpenAI format")
                .isEqualTo(ExportFormat.PREFERENCE);
        assertThat(TrainingDataSource.fromExporter(JsonlExporter.create(store.examples()), dir)
                        .format(FineTuneMethod.SUPERVISED))
                .isEqualTo(ExportFormat.SUPERVISED);

        FakeFineTuneClient client = FakeFineTuneClient.create();
        Launch launch = FineTuneLauncher.builder(
                        client, store.jobs(), store.registry(), gemini, ReadinessVerdict::ready)
                .build()
                .launch(LaunchRequest.builder("gemini-2.5-flash")
                        .minQualityScore(8)
                        .build());

        List<String> lines = Files.readAllLines(
                dir.resolve("gemini").resolve(launch.trainingFile().filename()));
        assertThat(lines).hasSize(12).allMatch(l -> l.contains("\"contents\":["));
        assertThat(client.uploads().get(0).text()).isEqualTo(String.join("\n", lines) + "\n");
        assertThat(launch.version().exampleCount()).isEqualTo(12);

        // a source that writes Gemini lines but says it writes OpenAI's is refused by the launcher, naming the line
        Path file = dir.resolve("gemini").resolve(launch.trainingFile().filename());
        TrainingDataSource mislabelled =
                (q, m) -> PreparedDataset.of(file, launch.version().dataset().exampleIds());
        assertThatThrownBy(() -> FineTuneLauncher.builder(
                                client, store.jobs(), store.registry(), mislabelled, ReadinessVerdict::ready)
                        .build()
                        .launch(LaunchRequest.builder("gemini-2.5-flash").build()))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("line 1");
        assertThat(client.uploads()).hasSize(1);
    }

    @Test
    void tooFewExamplesAreProblemsSoTheLauncherRefusesBeforeUploading() {
        examples(4);
        TrainingDataSource source = TrainingDataSource.fromExporter(JsonlExporter.create(store.examples()), dir);
        PreparedDataset few = source.prepare(5, FineTuneMethod.SUPERVISED);
        assertThat(few.problems()).anyMatch(p -> p.contains("too_few_examples"));

        FakeFineTuneClient client = FakeFineTuneClient.create();
        FineTuneLauncher launcher = FineTuneLauncher.builder(
                        client, Store.inMemory().jobs(), Store.inMemory().registry(), source, ReadinessVerdict::ready)
                .build();
        assertThatThrownBy(() -> launcher.launch(
                        LaunchRequest.builder("gpt-4o-mini").minQualityScore(5).build()))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("too_few_examples");
        assertThat(client.calls(Operation.UPLOAD)).isZero();
    }

    @Test
    void launchesWhatTheExporterWrote() throws Exception {
        examples(30);
        FakeFineTuneClient client = FakeFineTuneClient.create();
        Store tuneloopStore = Store.inMemory();
        ModelRegistry registry = tuneloopStore.registry();
        JobStore jobs = tuneloopStore.jobs();
        FineTuneLauncher launcher = FineTuneLauncher.builder(
                        client,
                        jobs,
                        registry,
                        TrainingDataSource.fromExporter(JsonlExporter.create(store.examples()), dir),
                        ReadinessVerdict::ready)
                .build();

        Launch launch = launcher.launch(LaunchRequest.builder("gpt-4o-mini-2024-07-18")
                .minQualityScore(6)
                .build());

        Path written;
        try (var files = Files.list(dir)) {
            // the training file, not its example-id manifest (sft-….jsonl.ids) beside it
            written = files.filter(p -> p.getFileName().toString().startsWith("sft-")
                            && p.getFileName().toString().endsWith(".jsonl"))
                    .findFirst()
                    .orElseThrow();
        }
        assertThat(client.uploads().get(0).bytes()).isEqualTo(Files.readAllBytes(written));
        assertThat(launch.version().dataset().contentSha256()).isEqualTo(DatasetSnapshot.sha256(written));
        assertThat(launch.version().exampleCount())
                .isEqualTo(Files.readAllLines(written).size())
                .isPositive();
        assertThat(launch.version().dataset().exampleIds())
                .hasSize(launch.version().exampleCount());
        assertThat(launch.version().dataset().namesExamples()).isTrue();
        assertThat(registry.versions()).containsExactly(launch.version());
    }
}
