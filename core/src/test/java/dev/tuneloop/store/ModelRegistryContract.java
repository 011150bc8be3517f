package dev.tuneloop.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.curate.ExampleId;
import dev.tuneloop.errors.ConflictException;
import dev.tuneloop.errors.NotFoundException;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.tune.DatasetSnapshot;
import dev.tuneloop.tune.EvaluationSummary;
import dev.tuneloop.tune.FineTuneJob;
import dev.tuneloop.tune.FineTuneMethod;
import dev.tuneloop.tune.Hyperparameters;
import dev.tuneloop.tune.JobStatus;
import dev.tuneloop.tune.JobStore;
import dev.tuneloop.tune.ModelRegistry;
import dev.tuneloop.tune.ModelVersion;
import dev.tuneloop.tune.NewModelVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ModelRegistry} and {@link JobStore} must have. An implementation's test extends this class
 * and implements {@link #newStore()}, which must return a fresh, empty store for every test.
 */
public abstract class ModelRegistryContract {

    /**
     * A new, empty store; called once before every test.
     *
     * @return the store whose registry and job store are under test
     */
    protected abstract Store newStore();

    /** The registry under test. */
    protected ModelRegistry registry;

    /** The job store under test. */
    protected JobStore jobs;

    /** 2026-03-01T10:15:30.123456789Z: nanoseconds on purpose, the registry keeps microseconds. */
    protected static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456789Z");

    @BeforeEach
    void freshRegistry() {
        Store store = newStore();
        registry = store.registry();
        jobs = store.jobs();
    }

    /**
     * A snapshot naming {@code examples} distinct example ids.
     *
     * @param examples how many examples the snapshot names
     * @return the snapshot
     */
    protected static DatasetSnapshot snapshot(int examples) {
        List<ExampleId> ids = IntStream.range(0, examples)
                .mapToObj(i -> ExampleId.next(T0.toEpochMilli() + i))
                .collect(Collectors.toList());
        return new DatasetSnapshot("ab".repeat(32), ids);
    }

    /**
     * A draft version of three examples, created at {@link #T0}.
     *
     * @param jobId the job that trains it; null for none
     * @return the draft
     */
    protected static NewModelVersion draft(String jobId) {
        return new NewModelVersion(T0, "gpt-4o-mini-2024-07-18", snapshot(3), jobId, "Initial training");
    }

    /**
     * A supervised job with all-auto settings.
     *
     * @param id        the job id
     * @param status    its status
     * @param createdAt when it was created
     * @return the job
     */
    protected static FineTuneJob job(String id, JobStatus status, Instant createdAt) {
        return FineTuneJob.builder(id, "gpt-4o-mini-2024-07-18", status.wire(), createdAt, "file-train")
                .build();
    }

    /**
     * An evaluation against a base mean of 6.5 that recommends promotion when {@code candidateMean} beats it.
     *
     * @param candidateMean the candidate's mean score
     * @param at            when it was evaluated
     * @return the evaluation
     */
    protected static EvaluationSummary evaluation(double candidateMean, Instant at) {
        return EvaluationSummary.builder("gpt-4o-mini", "ft:gpt-4o-mini:org:sfx:abc", at)
                .meanScores(6.5, candidateMean)
                .candidateAccuracy(0.8)
                .promote(candidateMean > 6.5)
                .reportJson("{\"examples\":40}")
                .build();
    }

    @Test
    void registersVersionsInOrderWithTheirLineage() {
        DatasetSnapshot data = snapshot(87);
        ModelVersion v1 = registry.register(new NewModelVersion(T0, "gpt-4o-mini", data, "ftjob-1", "Initial"));
        ModelVersion v2 = registry.register(
                new NewModelVersion(T0.plusSeconds(60), "gpt-4o-mini", snapshot(203), "ftjob-2", "Added SBC examples"));

        assertThat(v1.version()).isEqualTo("v1");
        assertThat(v2.version()).isEqualTo("v2");
        assertThat(registry.versions()).containsExactly(v1, v2);
        ModelVersion stored = registry.getVersion("v1");
        assertThat(stored.createdAt()).isEqualTo(Instant.parse("2026-03-01T10:15:30.123456Z"));
        assertThat(stored.dataset()).isEqualTo(data);
        assertThat(stored.dataset().exampleIds()).containsExactlyElementsOf(data.exampleIds());
        assertThat(stored.exampleCount()).isEqualTo(87);
        assertThat(stored.jobId()).isEqualTo("ftjob-1");
        assertThat(stored.notes()).isEqualTo("Initial");
        assertThat(stored.fineTunedModel()).isNull();
        assertThat(stored.evaluation()).isNull();
        assertThat(stored.deployedAt()).isNull();
    }

    @Test
    void keepsTheProviderAndTheParentOfARelaunchedVersion() {
        DatasetSnapshot data = snapshot(5);
        ModelVersion v1 =
                registry.register(new NewModelVersion(T0, "gpt-4o-mini", data, "ftjob-1", "", "openai", null));
        ModelVersion v2 = registry.register(new NewModelVersion(
                T0.plusSeconds(1), "meta-llama/Llama-3.3-70B", data, "ft-abc", "carried over", "together", "v1"));

        assertThat(registry.getVersion("v1").provider()).isEqualTo("openai");
        assertThat(registry.getVersion("v1").parentVersion()).isNull();
        ModelVersion stored = registry.getVersion("v2");
        assertThat(stored).isEqualTo(v2);
        assertThat(stored.provider()).isEqualTo("together");
        assertThat(stored.parentVersion()).isEqualTo("v1");
        assertThat(stored.dataset()).isEqualTo(v1.dataset());
        assertThat(registry.register(draft(null)).provider())
                .as("a draft without a provider")
                .isNull();
    }

    @Test
    void aParentMustExist() {
        assertThatThrownBy(() -> registry.register(
                        new NewModelVersion(T0, "gpt-4o-mini", snapshot(1), "ftjob-9", "", "together", "v7")))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("parentVersion v7 does not exist");
        assertThat(registry.versions()).isEmpty();
    }

    @Test
    void ordersVersionsByNumberNotByText() {
        for (int i = 0; i < 11; i++) {
            registry.register(new NewModelVersion(T0, "m", snapshot(1), null, ""));
        }
        assertThat(registry.versions())
                .extracting(ModelVersion::version)
                .containsExactly("v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10", "v11");
    }

    @Test
    void keepsEmptySnapshotsAndNotes() {
        ModelVersion v = registry.register(
                new NewModelVersion(T0, "m", new DatasetSnapshot("0".repeat(64), List.of()), null, ""));
        assertThat(registry.getVersion(v.version())).isEqualTo(v);
        assertThat(registry.getVersion(v.version()).jobId()).isNull();
    }

    @Test
    void keepsTheExampleCountWhenTheExamplesAreNotNamed() {
        DatasetSnapshot anonymous = new DatasetSnapshot("cd".repeat(32), 203, List.of());
        ModelVersion v = registry.register(new NewModelVersion(T0, "gpt-4o-mini", anonymous, "ftjob-9", "exported"));

        ModelVersion stored = registry.getVersion(v.version());
        assertThat(stored.dataset()).isEqualTo(anonymous);
        assertThat(stored.exampleCount()).isEqualTo(203);
        assertThat(stored.dataset().exampleIds()).isEmpty();
    }

    @Test
    void aJobBelongsToAtMostOneVersion() {
        registry.register(draft("ftjob-1"));
        assertThatThrownBy(() -> registry.register(draft("ftjob-1")))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("ftjob-1")
                .hasMessageContaining("v1");
        assertThat(registry.versions()).hasSize(1);
        assertThat(registry.versionForJob("ftjob-1")).map(ModelVersion::version).contains("v1");
        assertThat(registry.versionForJob("ftjob-2")).isEmpty();
    }

    @Test
    void concurrentRegistrationsGetDistinctConsecutiveNames() throws Exception {
        int threads = 4;
        int perThread = 5;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<List<String>>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                tasks.add(() -> {
                    List<String> names = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        names.add(registry.register(draft("ftjob-" + thread + "-" + i))
                                .version());
                    }
                    return names;
                });
            }
            Set<String> all = new HashSet<>();
            for (Future<List<String>> f : pool.invokeAll(tasks)) {
                all.addAll(f.get());
            }
            Set<String> expected = IntStream.rangeClosed(1, threads * perThread)
                    .mapToObj(ModelVersion::name)
                    .collect(Collectors.toSet());
            assertThat(all).isEqualTo(expected);
            assertThat(registry.versions()).hasSize(threads * perThread);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unknownVersionsAreNotFound() {
        assertThat(registry.findVersion("v1")).isEmpty();
        assertThatThrownBy(() -> registry.getVersion("v7"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("v7");
        assertThatThrownBy(() -> registry.recordFineTunedModel("v1", "ft:x")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> registry.recordEvaluation("v1", evaluation(7, T0)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> registry.markDeployed("v1", T0)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void recordsTheFineTunedModelOnce() {
        registry.register(draft("ftjob-1"));
        registry.recordFineTunedModel("v1", "ft:gpt-4o-mini:org:sfx:abc");
        registry.recordFineTunedModel("v1", "ft:gpt-4o-mini:org:sfx:abc");

        assertThat(registry.getVersion("v1").fineTunedModel()).isEqualTo("ft:gpt-4o-mini:org:sfx:abc");
        assertThatThrownBy(() -> registry.recordFineTunedModel("v1", "ft:other"))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("v1");
        assertThat(registry.getVersion("v1").fineTunedModel()).isEqualTo("ft:gpt-4o-mini:org:sfx:abc");
    }

    @Test
    void recordsWhereTheWeightsDownloadFromAndKeepsItThroughOtherChanges() {
        registry.register(draft("ftjob-1"));
        assertThat(registry.getVersion("v1").weightsUri()).isNull();
        String uri = "https://api.together.ai/v1/finetune/download?ft_id=ft-abc";
        registry.recordWeights("v1", uri);
        registry.recordWeights("v1", uri);
        registry.recordFineTunedModel("v1", "acme/llama-ft");
        registry.markDeployed("v1", T0.plusSeconds(60));
        assertThat(registry.getVersion("v1").weightsUri()).isEqualTo(uri);
        registry.recordWeights("v1", uri + "&checkpoint=final");
        assertThat(registry.getVersion("v1").weightsUri()).isEqualTo(uri + "&checkpoint=final");

        assertThatThrownBy(() -> registry.recordWeights("v1", " "))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("weightsUri");
        assertThatThrownBy(() -> registry.recordWeights("v9", uri)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void keepsTheLatestEvaluation() {
        registry.register(draft("ftjob-1"));
        EvaluationSummary first = evaluation(6.0, T0.plusSeconds(10));
        EvaluationSummary second = evaluation(7.25, T0.plusSeconds(20));

        registry.recordEvaluation("v1", first);
        assertThat(registry.getVersion("v1").evaluation()).isEqualTo(first);
        registry.recordEvaluation("v1", second);

        EvaluationSummary stored = registry.getVersion("v1").evaluation();
        assertThat(stored).isEqualTo(second);
        assertThat(stored.reportJson()).isEqualTo("{\"examples\":40}");
        assertThat(stored.evaluatedAt()).isEqualTo(Instant.parse("2026-03-01T10:15:50.123456Z"));
        assertThat(stored.promote()).isTrue();
    }

    @Test
    void deployedIsTheVersionDeployedLast() {
        registry.register(draft("ftjob-1"));
        registry.register(draft("ftjob-2"));
        assertThat(registry.deployed()).isEmpty();
        assertThatThrownBy(() -> registry.markDeployed("v1", T0))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("v1")
                .hasMessageContaining("no fine-tuned model");

        registry.recordFineTunedModel("v1", "ft:a");
        registry.recordFineTunedModel("v2", "ft:b");
        registry.markDeployed("v1", T0.plusSeconds(1));
        registry.markDeployed("v2", T0.plusSeconds(2));
        assertThat(registry.deployed()).map(ModelVersion::version).contains("v2");

        registry.markDeployed("v1", T0.plusSeconds(3));
        assertThat(registry.deployed()).map(ModelVersion::version).contains("v1");
        assertThat(registry.getVersion("v1").deployedAt()).isEqualTo(Instant.parse("2026-03-01T10:15:33.123456Z"));
    }

    @Test
    void savesEveryFieldOfAJob() {
        FineTuneJob job = FineTuneJob.builder("ftjob-1", "gpt-4o-mini-2024-07-18", "failed", T0, "file-train")
                .finishedAt(T0.plusSeconds(3600))
                .trainedTokens(150_000L)
                .fineTunedModel("ft:gpt-4o-mini:org:sfx:abc")
                .estimatedFinish(T0.plusSeconds(1800))
                .error("invalid_training_file", "line 3 has no assistant message")
                .hyperparameters(Hyperparameters.AUTO
                        .withEpochs(3)
                        .withBatchSize(8)
                        .withLearningRateMultiplier(1.8)
                        .withBeta(0.1))
                .method(FineTuneMethod.DPO)
                .suffix("sigmasight-v1")
                .validationFileId("file-valid")
                .build();
        jobs.save(job);

        FineTuneJob stored = jobs.get("ftjob-1");
        assertThat(stored).isEqualTo(job);
        assertThat(stored.createdAt()).isEqualTo(Instant.parse("2026-03-01T10:15:30.123456Z"));
        assertThat(stored.hyperparameters().learningRateMultiplier().number()).isEqualTo(1.8);
    }

    @Test
    void savesMinimalJobsAndKeepsUnknownStatusText() {
        FineTuneJob paused =
                FineTuneJob.builder("ftjob-p", "m", "paused", T0, "file-1").build();
        jobs.save(paused);

        FineTuneJob stored = jobs.get("ftjob-p");
        assertThat(stored).isEqualTo(paused);
        assertThat(stored.status()).isEqualTo(JobStatus.UNKNOWN);
        assertThat(stored.rawStatus()).isEqualTo("paused");
        assertThat(stored.hyperparameters()).isEqualTo(Hyperparameters.AUTO);
        assertThat(jobs.find("ftjob-none")).isEmpty();
        assertThatThrownBy(() -> jobs.get("ftjob-none")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void lastSaveOfAJobWins() {
        jobs.save(job("ftjob-1", JobStatus.QUEUED, T0));
        FineTuneJob done = job("ftjob-1", JobStatus.SUCCEEDED, T0).toBuilder()
                .fineTunedModel("ft:m")
                .finishedAt(T0.plusSeconds(5))
                .trainedTokens(42L)
                .build();
        jobs.save(done);

        assertThat(jobs.get("ftjob-1")).isEqualTo(done);
    }

    @Test
    void activeJobsAreTheUnfinishedOnesOldestFirst() {
        jobs.save(job("ftjob-c", JobStatus.RUNNING, T0.plusSeconds(2)));
        jobs.save(job("ftjob-b", JobStatus.QUEUED, T0));
        jobs.save(job("ftjob-a", JobStatus.VALIDATING_FILES, T0));
        jobs.save(FineTuneJob.builder("ftjob-u", "m", "paused", T0.plusSeconds(3), "f")
                .build());
        jobs.save(job("ftjob-s", JobStatus.SUCCEEDED, T0.minusSeconds(1)));
        jobs.save(job("ftjob-f", JobStatus.FAILED, T0.minusSeconds(1)));
        jobs.save(job("ftjob-x", JobStatus.CANCELLED, T0.minusSeconds(1)));

        assertThat(jobs.active())
                .extracting(FineTuneJob::id)
                .containsExactly("ftjob-a", "ftjob-b", "ftjob-c", "ftjob-u");

        jobs.save(job("ftjob-b", JobStatus.CANCELLED, T0));
        assertThat(jobs.active()).extracting(FineTuneJob::id).containsExactly("ftjob-a", "ftjob-c", "ftjob-u");
    }

    @Test
    void emptyRegistryListsNothing() {
        assertThat(registry.versions()).isEmpty();
        assertThat(jobs.active()).isEmpty();
        assertThat(registry.deployed()).isEmpty();
    }
}
