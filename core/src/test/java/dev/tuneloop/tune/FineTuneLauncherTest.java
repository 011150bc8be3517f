package dev.tuneloop.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.curate.ExampleId;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.store.Store;
import dev.tuneloop.testing.FakeFineTuneClient;
import dev.tuneloop.testing.FakeFineTuneClient.Operation;
import dev.tuneloop.testing.ManualScheduler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FineTuneLauncherTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-01T12:00:00Z"), ZoneOffset.UTC);
    private static final String SFT_LINE = "{\"messages\":[{\"role\":\"system\",\"content\":\"s\"},"
            + "{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\"a\"}]}";
    private static final String DPO_LINE = "{\"input\":{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]},"
            + "\"preferred_output\":[{\"role\":\"assistant\",\"content\":\"good\"}],"
            + "\"non_preferred_output\":[{\"role\":\"assistant\",\"content\":\"bad\"}]}";

    @TempDir
    Path dir;

    private final FakeFineTuneClient client = FakeFineTuneClient.create(CLOCK);
    private final Store tuneloopStore = Store.inMemory();
    private final ModelRegistry registry = tuneloopStore.registry();
    private final JobStore jobs = tuneloopStore.jobs();
    private final List<String> asked = new ArrayList<>();

    private TrainingDataSource source(String... lines) {
        return (minQuality, method) -> {
            asked.add(minQuality + " " + method);
            try {
                Path f = dir.resolve("train-" + asked.size() + ".jsonl");
                Files.writeString(f, lines.length == 0 ? "" : String.join("\n", lines) + "\n");
                List<ExampleId> ids = new ArrayList<>();
                for (int i = 0; i < lines.length; i++) {
                    ids.add(ExampleId.next(1_000 + i));
                }
                return PreparedDataset.of(f, ids);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
    }

    private FineTuneLauncher launcher(TrainingDataSource data, ReadinessGate gate) {
        return FineTuneLauncher.builder(client, jobs, registry, data, gate)
                .clock(CLOCK)
                .build();
    }

    @Test
    void exportsUploadsCreatesAndRecordsAPendingVersion() throws Exception {
        FineTuneLauncher launcher = launcher(source(SFT_LINE, SFT_LINE), ReadinessVerdict::ready);

        Launch launch = launcher.launch(LaunchRequest.builder("gpt-4o-mini-2024-07-18")
                .minQualityScore(7)
                .hyperparameters(Hyperparameters.AUTO.withEpochs(3))
                .suffix("sigmasight-v1")
                .seed(7)
                .notes("Initial training")
                .build());

        assertThat(asked).containsExactly("7 SUPERVISED");
        assertThat(client.uploads()).hasSize(1);
        assertThat(client.uploads().get(0).text()).isEqualTo(SFT_LINE + "\n" + SFT_LINE + "\n");
        FineTuneRequest sent = client.createRequests().get(0);
        assertThat(sent.trainingFileId()).isEqualTo(launch.trainingFile().id());
        assertThat(sent.hyperparameters().nEpochs().number()).isEqualTo(3);
        assertThat(sent.suffix()).isEqualTo("sigmasight-v1");
        assertThat(sent.seed()).isEqualTo(7L);

        assertThat(launch.version().version()).isEqualTo("v1");
        assertThat(launch.version().jobId()).isEqualTo(launch.job().id());
        assertThat(launch.version().exampleCount()).isEqualTo(2);
        assertThat(launch.version().notes()).isEqualTo("Initial training");
        assertThat(launch.version().createdAt()).isEqualTo(CLOCK.instant());
        assertThat(launch.version().dataset().contentSha256())
                .isEqualTo(DatasetSnapshot.sha256(dir.resolve("train-1.jsonl")));
        assertThat(registry.getVersion("v1")).isEqualTo(launch.version());
        assertThat(jobs.active()).containsExactly(launch.job());
    }

    @Test
    void refusesWhileTheChecklistFailsUnlessForced() {
        ReadinessGate failing = () ->
                new ReadinessVerdict(List.of("only 12 approved examples, need 50"), List.of("no sec_8k examples"));
        FineTuneLauncher launcher = launcher(source(SFT_LINE), failing);

        assertThatThrownBy(() ->
                        launcher.launch(LaunchRequest.builder("gpt-4o-mini").build()))
                .isInstanceOfSatisfying(
                        NotReadyException.class,
                        e -> assertThat(e.failures()).containsExactly("only 12 approved examples, need 50"))
                .hasMessageContaining("only 12 approved examples, need 50")
                .hasMessageContaining("force");
        assertThat(asked).isEmpty();
        assertThat(client.calls(Operation.UPLOAD)).isZero();
        assertThat(registry.versions()).isEmpty();

        Launch forced =
                launcher.launch(LaunchRequest.builder("gpt-4o-mini").force(true).build());
        assertThat(forced.readiness().failures()).containsExactly("only 12 approved examples, need 50");
        assertThat(registry.versions()).hasSize(1);
    }

    @Test
    void refusesInvalidFilesBeforeUploadingNamingLineNumbers() {
        FineTuneLauncher launcher = launcher(
                source(SFT_LINE, "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]}", "not json", "", "[1]"),
                ReadinessVerdict::ready);

        assertThatThrownBy(() ->
                        launcher.launch(LaunchRequest.builder("gpt-4o-mini").build()))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        // the export validator's findings: file, line and stable code, then its message
                        e -> assertThat(e.problems())
                                .extracting(p -> p.substring(0, p.indexOf(':')))
                                .containsExactly(
                                        "train-1.jsonl line 2 example_missing_assistant_message",
                                        "train-1.jsonl line 3 invalid_json",
                                        "train-1.jsonl line 4 empty_line",
                                        "train-1.jsonl line 5 data_type"));
        assertThat(client.calls(Operation.UPLOAD)).isZero();
    }

    @Test
    void refusesAnEmptyDataset() {
        FineTuneLauncher launcher = launcher(source(), ReadinessVerdict::ready);
        assertThatThrownBy(() ->
                        launcher.launch(LaunchRequest.builder("gpt-4o-mini").build()))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.problems()).containsExactly("trainingFile train-1.jsonl must not be empty"));
        assertThat(client.calls(Operation.UPLOAD)).isZero();
    }

    @Test
    void withoutExampleIdsKeepsOnlyTheContentHash() throws Exception {
        Path f = dir.resolve("anonymous.jsonl");
        Files.writeString(f, SFT_LINE + "\n" + SFT_LINE + "\n");
        FineTuneLauncher launcher = launcher((q, m) -> PreparedDataset.of(f, List.of()), ReadinessVerdict::ready);

        Launch launch = launcher.launch(LaunchRequest.builder("gpt-4o-mini").build());

        assertThat(launch.version().dataset().exampleIds()).isEmpty();
        assertThat(launch.version().exampleCount()).isEqualTo(2);
        assertThat(launch.version().dataset().namesExamples()).isFalse();
        assertThat(launch.version().dataset().contentSha256()).isEqualTo(DatasetSnapshot.sha256(f));
    }

    @Test
    void theLineCountMustMatchTheExampleIds() throws Exception {
        Path f = dir.resolve("short.jsonl");
        Files.writeString(f, SFT_LINE + "\n");
        FineTuneLauncher launcher = launcher(
                (q, m) -> PreparedDataset.of(f, List.of(ExampleId.next(1), ExampleId.next(2))),
                ReadinessVerdict::ready);
        assertThatThrownBy(() ->
                        launcher.launch(LaunchRequest.builder("gpt-4o-mini").build()))
                .hasMessage("trainingFile short.jsonl has 1 lines but the dataset names 2 examples (one line each)");
    }

    @Test
    void checksThePreferenceShapeForDpo() {
        FineTuneLauncher good = launcher(source(DPO_LINE), ReadinessVerdict::ready);
        Launch launch = good.launch(LaunchRequest.builder("gpt-4.1-mini")
                .method(FineTuneMethod.DPO)
                .hyperparameters(Hyperparameters.AUTO.withBeta(0.1))
                .build());
        assertThat(launch.job().method()).isEqualTo(FineTuneMethod.DPO);
        assertThat(client.createRequests().get(0).hyperparameters().beta().number())
                .isEqualTo(0.1);

        FineTuneLauncher wrongShape = launcher(source(SFT_LINE), ReadinessVerdict::ready);
        assertThatThrownBy(() -> wrongShape.launch(LaunchRequest.builder("gpt-4.1-mini")
                        .method(FineTuneMethod.DPO)
                        .build()))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.problems())
                                .containsExactly("trainingFile train-2.jsonl holds supervised examples, but method DPO"
                                        + " needs preference examples"));
        assertThat(client.calls(Operation.UPLOAD)).isEqualTo(1);
    }

    @Test
    void refusesAnInvalidValidationFileBeforeUploading() throws Exception {
        Path train = dir.resolve("train.jsonl");
        Path validation = dir.resolve("validation.jsonl");
        Files.writeString(train, SFT_LINE + "\n");
        Files.writeString(validation, SFT_LINE + "\n{\"messages\":[]}\n");
        FineTuneLauncher launcher = launcher(
                (q, m) -> new PreparedDataset(train, validation, List.of(ExampleId.next(1)), List.of()),
                ReadinessVerdict::ready);

        assertThatThrownBy(() ->
                        launcher.launch(LaunchRequest.builder("gpt-4o-mini").build()))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.problems())
                                .singleElement()
                                .asString()
                                .startsWith("validation.jsonl line 2 missing_messages_list: "));
        assertThat(client.calls(Operation.UPLOAD)).isZero();
    }

    @Test
    void listsAtMostFiftyLineProblemsAndCountsTheRest() {
        String[] lines = new String[60];
        java.util.Arrays.fill(lines, "[1]");
        FineTuneLauncher launcher = launcher(source(lines), ReadinessVerdict::ready);

        assertThatThrownBy(() ->
                        launcher.launch(LaunchRequest.builder("gpt-4o-mini").build()))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.problems()).hasSize(51);
                    assertThat(e.problems().get(49)).startsWith("train-1.jsonl line 50 data_type: ");
                    assertThat(e.problems().get(50)).isEqualTo("train-1.jsonl has 60 errors in all");
                });
        assertThat(client.calls(Operation.UPLOAD)).isZero();
    }

    @Test
    void rejectsABadSuffixBeforeAnyWork() {
        FineTuneLauncher launcher = launcher(source(SFT_LINE), ReadinessVerdict::ready);
        assertThatThrownBy(() -> launcher.launch(LaunchRequest.builder("gpt-4o-mini")
                        .suffix("bad suffix")
                        .build()))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("suffix must be 1-64 characters");
        assertThat(asked).isEmpty();
    }

    @Test
    void unavailableFineTuningPropagatesAndRecordsNothing() {
        client.failNext(Operation.CREATE, new FineTuningUnavailableException("OpenAI", "not available", null));
        FineTuneLauncher launcher = launcher(source(SFT_LINE), ReadinessVerdict::ready);
        assertThatThrownBy(() ->
                        launcher.launch(LaunchRequest.builder("gpt-4o-mini").build()))
                .isInstanceOf(FineTuningUnavailableException.class)
                .hasMessageStartingWith(FineTuningUnavailableException.EXPLANATION);
        assertThat(registry.versions()).isEmpty();
        assertThat(jobs.active()).isEmpty();
    }

    @Test
    void theUnavailableMessageNamesItsProviderAndTellsNoOtherProvidersStory() {
        FineTuningUnavailableException together =
                new FineTuningUnavailableException("Together", "HTTP 400: model not available", null);
        assertThat(together.getMessage())
                .isEqualTo(
                        FineTuningUnavailableException.EXPLANATION + " (Together said: HTTP 400: model not available)")
                .doesNotContain("OpenAI");
        assertThat(together.provider()).isEqualTo("Together");
        assertThat(new FineTuningUnavailableException("fake", (String) null, (Throwable) null).getMessage())
                .isEqualTo(FineTuningUnavailableException.EXPLANATION + " (provider: fake)");
        assertThat(new FineTuningUnavailableException("OpenAI", "HTTP 403", "OpenAI is closing it", null).getMessage())
                .isEqualTo(
                        FineTuningUnavailableException.EXPLANATION + ". OpenAI is closing it (OpenAI said: HTTP 403)");
    }

    @Test
    void handsTheJobToTheWatcher() {
        ManualScheduler scheduler = ManualScheduler.create();
        JobWatcher watcher =
                JobWatcher.builder(client, jobs, registry).scheduler(scheduler).build();
        FineTuneLauncher launcher = FineTuneLauncher.builder(
                        client, jobs, registry, source(SFT_LINE), ReadinessVerdict::ready)
                .clock(CLOCK)
                .watcher(watcher)
                .build();

        Launch launch = launcher.launch(
                LaunchRequest.builder("gpt-4o-mini").suffix("v1").build());
        assertThat(watcher.watching()).containsExactly(launch.job().id());
        scheduler.runUntilIdle(10);

        assertThat(registry.getVersion(launch.version().version()).fineTunedModel())
                .isEqualTo("ft:gpt-4o-mini:fake:v1:" + launch.job().id());
    }
}
