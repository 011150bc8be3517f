package dev.tuneloop.tune;

import dev.tuneloop.errors.NotFoundException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where model versions are kept: the seed's version-tracking table (v1, v2, … with date, example count, base model,
 * notes) with each version's lineage (dataset snapshot, job, fine-tuned model, evaluation, deployment). The state of
 * the jobs themselves is kept by the {@link JobStore} beside it; both are parts of a {@code dev.tuneloop.store.Store}.
 *
 * <p>Contract, checked for every implementation by the shared suite {@code ModelRegistryContract} in core's test-jar:
 * version names are assigned in order without gaps or duplicates, even under concurrent {@link #register} calls;
 * a job is linked to at most one version; instants round-trip to the microsecond; lists are never null.
 * Thread-safe.
 */
public interface ModelRegistry {

    /**
     * Adds a version under the next free name ({@code v1} for the first, then the highest number + 1) and returns it.
     *
     * @param draft what is known about the version at launch
     * @return the stored version, with its name
     * @throws dev.tuneloop.errors.ConflictException when {@code draft.jobId()} already belongs to a version
     */
    ModelVersion register(NewModelVersion draft);

    /**
     * Every version.
     *
     * @return the versions, oldest ({@code v1}) first; never null
     */
    List<ModelVersion> versions();

    /**
     * Records the model a version's job produced. Recording the same model again is a no-op.
     *
     * @param version        the version name, e.g. {@code "v2"}
     * @param fineTunedModel the model's name
     * @throws dev.tuneloop.errors.ValidationException when {@code fineTunedModel} is blank or too long
     * @throws NotFoundException when the version does not exist
     * @throws dev.tuneloop.errors.ConflictException when the version already has a different fine-tuned model
     */
    void recordFineTunedModel(String version, String fineTunedModel);

    /**
     * Records where a version's fine-tuned weights can be downloaded (the watcher does, from
     * {@link FineTuneClient#weights}, when a job succeeds). Recording the same address again is a no-op; a new address
     * replaces the old one (a provider may move its downloads).
     *
     * @param version    the version name, e.g. {@code "v2"}
     * @param weightsUri the download address; must hold no key
     * @throws dev.tuneloop.errors.ValidationException when {@code weightsUri} is blank or longer than 2048 characters
     * @throws NotFoundException when the version does not exist
     */
    void recordWeights(String version, String weightsUri);

    /**
     * Records (or replaces with a newer run) the evaluation of a version.
     *
     * @param version    the version name
     * @param evaluation the evaluation
     * @throws NotFoundException when the version does not exist
     */
    void recordEvaluation(String version, EvaluationSummary evaluation);

    /**
     * Records that a version was deployed at {@code at}; the deployed version is the one deployed last
     * (deploying an older version again is a rollback).
     *
     * @param version the version name
     * @param at      when it was deployed
     * @throws NotFoundException when the version does not exist
     * @throws dev.tuneloop.errors.ConflictException when the version has no fine-tuned model yet
     */
    void markDeployed(String version, Instant at);

    /**
     * The version with a name.
     *
     * @param version the version name, e.g. {@code "v2"}
     * @return the version, or empty when there is none of that name
     */
    default Optional<ModelVersion> findVersion(String version) {
        Objects.requireNonNull(version, "version");
        return versions().stream().filter(v -> v.version().equals(version)).findFirst();
    }

    /**
     * The version with a name.
     *
     * @param version the version name, e.g. {@code "v2"}
     * @return the version
     * @throws NotFoundException when there is none
     */
    default ModelVersion getVersion(String version) {
        return findVersion(version)
                .orElseThrow(() -> new NotFoundException("model version " + version + " does not exist"));
    }

    /**
     * The version a job trains.
     *
     * @param jobId the provider's job id
     * @return the version, or empty when no version names the job
     */
    default Optional<ModelVersion> versionForJob(String jobId) {
        Objects.requireNonNull(jobId, "jobId");
        return versions().stream().filter(v -> jobId.equals(v.jobId())).findFirst();
    }

    /**
     * The version deployed last (ties broken by the higher version number).
     *
     * @return the version, or empty when none was deployed
     */
    default Optional<ModelVersion> deployed() {
        return versions().stream()
                .filter(v -> v.deployedAt() != null)
                .max(Comparator.comparing(ModelVersion::deployedAt).thenComparing(ModelVersion::number));
    }
}
