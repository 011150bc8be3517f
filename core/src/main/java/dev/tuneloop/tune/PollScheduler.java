package dev.tuneloop.tune;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task once after a delay. The {@link JobWatcher} schedules every poll through it, so tests use a manual
 * scheduler ({@link dev.tuneloop.testing.ManualScheduler}) and never sleep.
 *
 * <p>Implementations are thread-safe.
 */
@FunctionalInterface
public interface PollScheduler {

    /**
     * Runs {@code task} once, {@code delay} from now (at once when the delay is zero or negative). Returns at once.
     *
     * @param delay how long to wait
     * @param task  what to run; it handles its own failures
     */
    void schedule(Duration delay, Runnable task);

    /**
     * A scheduler on {@code executor}; the caller owns the executor and shuts it down.
     *
     * @param executor the executor that runs the tasks
     * @return the scheduler
     */
    static PollScheduler on(ScheduledExecutorService executor) {
        Objects.requireNonNull(executor, "executor");
        return (delay, task) -> {
            // nobody waits for a poll: a poll reports its own failures (to the listener and the log), so the future
            // would only hold what the task already handled
            var unused = executor.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        };
    }
}
