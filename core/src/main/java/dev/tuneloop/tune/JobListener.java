package dev.tuneloop.tune;

import dev.tuneloop.errors.TuneloopException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Hears what a {@link JobWatcher} sees. Every method has an empty default, so a listener implements only what it
 * needs. Called from the watcher's polling thread, one job's calls in order; an exception thrown by a listener is
 * logged and does not stop the watch.
 */
public interface JobListener {

    /**
     * The job's status changed (or the watcher saw the job for the first time, then {@code previous} is null).
     *
     * @param job      the job as just read
     * @param previous the status last saved in the job store; null when the job store did not have the job
     */
    default void onStatusChange(FineTuneJob job, @Nullable JobStatus previous) {}

    /**
     * The provider logged a new event for the job. Delivered at least once: after a JVM restart, events reported
     * before the restart are reported again.
     *
     * @param job   the job as just read
     * @param event the new event
     */
    default void onEvent(FineTuneJob job, JobEvent event) {}

    /**
     * The job has kept its status for longer than the watcher's {@code stallAfter}; called once per status (again
     * after the next change). The watch goes on.
     *
     * @param job   the job as just read
     * @param since when the watcher first saw this status (or started watching)
     */
    default void onStalled(FineTuneJob job, Instant since) {}

    /**
     * The job reached SUCCEEDED, FAILED or CANCELLED; the watcher stops watching it.
     *
     * @param job the job in its terminal status
     */
    default void onFinished(FineTuneJob job) {}

    /**
     * A poll failed.
     *
     * @param jobId     the job
     * @param error     what went wrong
     * @param willRetry true for {@link dev.tuneloop.errors.RetriableException}s (the watcher polls again after a longer
     *                  delay); false when the watcher gave up on the job (it stays active in the job store, so a
     *                  later {@link JobWatcher#resumeAll()} tries again)
     */
    default void onPollFailed(String jobId, TuneloopException error, boolean willRetry) {}
}
