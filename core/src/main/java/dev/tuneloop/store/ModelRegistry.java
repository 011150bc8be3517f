package dev.tuneloop.store;

import dev.tuneloop.NotFoundException;
import dev.tuneloop.tune.EvaluationSummary;
import dev.tuneloop.tune.FineTuneJob;
import dev.tuneloop.tune.ModelVersion;
import dev.tuneloop.tune.NewModelVersion;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where fine-tuning jobs and model versions are kept: the seed's version-tracking table (v1, v2, … with date,
 * example count, base model, notes) with each version's lineage (dataset snapshot, job, fine-tuned model,
 * evaluation, deployment), and the last known state of every job so a restarted JVM can resume watching the
 * unfinished ones ({@link #activeJobs()}).
 *
 * <p>Contract, checked for every implementation by the shared suite {@code ModelRegistryContract} in core's test-jar:
 * version names are assigned in order without gaps or duplicates, even under concurrent {@link #register} calls;
 * a job is linked to at most one version; instants round-trip to the microsecond; lists are never null.
 * Thread-safe.
 */
public interface ModelRegistry {

    /** A new, empty registry kept in memory (for tests and single-process hosts). */
    static ModelRegistry inMemory() {
        return new InMemoryModelRegistry();
    }

    /**
     * Adds a version under the next free name ({@code v1} for the first, then the highest number + 1) and returns it.
     *
     * @throws dev.tuneloop.ConflictException when {@code draft.jobId()} already belongs to a version
     */
    ModelVersion register(NewModelVersion draft);

    /** Every version, oldest ({@code v1}) first. */
    List<ModelVersion> versions();

    /**
     * Records the model a version's job produced. Recording the same model again is a no-op.
     *
     * @throws NotFoundException when the version does not exist
     * @throws dev.tuneloop.ConflictException when the version already has a different fine-tuned model
     */
    void recordFineTunedModel(String version, String fineTunedModel);

    /**
     * Records (or replaces with a newer run) the evaluation of a version.
     *
     * @throws NotFoundException when the version does not exist
     */
    void recordEvaluation(String version, EvaluationSummary evaluation);

    /**
     * Records that a version was deployed at {@code at}; the deployed version is the one deployed last
     * (deploying an older version again is a rollback).
     *
     * @throws NotFoundException when the version does not exist
     * @throws dev.tuneloop.ConflictException when the version has no fine-tuned model yet
     */
    void markDeployed(String version, Instant at);

    /** Inserts the job, or replaces the stored state of the job with the same id (last write wins). */
    void saveJob(FineTuneJob job);

    /** The last saved state of a job. */
    Optional<FineTuneJob> findJob(String jobId);

    /**
     * Jobs whose last saved status is not terminal (including {@code UNKNOWN} ones), oldest created first (ties by
     * id): the jobs a restarted watcher must resume.
     */
    List<FineTuneJob> activeJobs();

    /** The version with this name. */
    default Optional<ModelVersion> findVersion(String version) {
        Objects.requireNonNull(version, "version");
        return versions().stream().filter(v -> v.version().equals(version)).findFirst();
    }

    /** The version with this name. @throws NotFoundException when there is none */
    default ModelVersion getVersion(String version) {
        return findVersion(version)
                .orElseThrow(() -> new NotFoundException("model version " + version + " does not exist"));
    }

    /** The version trained by this job. */
    default Optional<ModelVersion> versionForJob(String jobId) {
        Objects.requireNonNull(jobId, "jobId");
        return versions().stream().filter(v -> jobId.equals(v.jobId())).findFirst();
    }

    /** The version deployed last, if any was. */
    default Optional<ModelVersion> deployed() {
        return versions().stream()
                .filter(v -> v.deployedAt() != null)
                .max(Comparator.comparing(ModelVersion::deployedAt).thenComparing(ModelVersion::number));
    }

    /** The last saved state of a job. @throws NotFoundException when it was never saved */
    default FineTuneJob getJob(String jobId) {
        return findJob(jobId).orElseThrow(() -> new NotFoundException("job " + jobId + " is not in the registry"));
    }
}
