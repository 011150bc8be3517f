package dev.tuneloop.tune;

import dev.tuneloop.errors.NotFoundException;
import java.util.List;
import java.util.Optional;

/**
 * Where the last known state of every fine-tuning job is kept, so a restarted JVM can resume watching the unfinished
 * ones ({@link #active()}). The versions those jobs train are kept by the {@link ModelRegistry} beside it; both are
 * parts of a {@code dev.tuneloop.store.Store}.
 *
 * <p>Contract, checked for every implementation by the shared suite {@code ModelRegistryContract} in core's test-jar:
 * instants round-trip to the microsecond; lists are never null. Thread-safe.
 */
public interface JobStore {

    /**
     * Inserts the job, or replaces the stored state of the job with the same id (last write wins).
     *
     * @param job the job as last seen
     */
    void save(FineTuneJob job);

    /**
     * The last saved state of a job.
     *
     * @param jobId the provider's job id
     * @return the job, or empty when it was never saved
     */
    Optional<FineTuneJob> find(String jobId);

    /**
     * Jobs whose last saved status is not terminal (including {@code UNKNOWN} ones), oldest created first (ties by
     * id): the jobs a restarted watcher must resume.
     *
     * @return the unfinished jobs; never null
     */
    List<FineTuneJob> active();

    /**
     * The last saved state of a job.
     *
     * @param jobId the provider's job id
     * @return the job
     * @throws NotFoundException when it was never saved
     */
    default FineTuneJob get(String jobId) {
        return find(jobId).orElseThrow(() -> new NotFoundException("job " + jobId + " is not in the job store"));
    }
}
