package dev.tuneloop.testing;

import dev.tuneloop.tune.PollScheduler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link PollScheduler} for tests: it never waits. Scheduled tasks queue up until the test runs them with
 * {@link #runPending()}, and every requested delay is kept for assertions ({@link #delays()}).
 *
 * <p>Thread-safe; tasks run on the thread that calls {@link #runPending()}.
 */
public final class ManualScheduler implements PollScheduler {
    private final List<Runnable> pending = new ArrayList<>();
    private final List<Duration> delays = new ArrayList<>();

    private ManualScheduler() {
    }

    /** A scheduler with nothing pending. */
    public static ManualScheduler create() {
        return new ManualScheduler();
    }

    @Override
    public synchronized void schedule(Duration delay, Runnable task) {
        delays.add(delay);
        pending.add(task);
    }

    /**
     * Runs the tasks pending now, oldest first; tasks they schedule stay pending for the next call.
     *
     * @return how many tasks ran
     */
    public int runPending() {
        List<Runnable> batch;
        synchronized (this) {
            batch = new ArrayList<>(pending);
            pending.clear();
        }
        batch.forEach(Runnable::run);
        return batch.size();
    }

    /**
     * Calls {@link #runPending()} until nothing is pending, at most {@code maxRounds} times.
     *
     * @return how many rounds ran
     * @throws IllegalStateException when tasks are still pending after {@code maxRounds} rounds
     */
    public int runUntilIdle(int maxRounds) {
        int rounds = 0;
        while (pendingCount() > 0) {
            if (rounds == maxRounds) {
                throw new IllegalStateException("still " + pendingCount() + " tasks pending after " + maxRounds
                        + " rounds");
            }
            runPending();
            rounds++;
        }
        return rounds;
    }

    /** How many tasks wait to run. */
    public synchronized int pendingCount() {
        return pending.size();
    }

    /** Every delay asked for so far, in order. */
    public synchronized List<Duration> delays() {
        return List.copyOf(delays);
    }
}
