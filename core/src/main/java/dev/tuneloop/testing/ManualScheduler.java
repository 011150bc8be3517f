package dev.tuneloop.testing;

import dev.tuneloop.tune.PollScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A {@link PollScheduler} for tests, with virtual time: it never waits. Scheduled tasks queue up until the test runs
 * them with {@link #runPending()}; running a task moves the scheduler's {@link #clock()} to the task's due time, so
 * code that reads that clock sees time pass exactly as the delays say. Every requested delay is kept for assertions
 * ({@link #delays()}).
 *
 * <p>Thread-safe; tasks run on the thread that calls {@link #runPending()}.
 */
public final class ManualScheduler implements PollScheduler {
    private record Task(Instant due, long seq, Runnable run) {}

    private final List<Task> pending = new ArrayList<>();
    private final List<Duration> delays = new ArrayList<>();
    private volatile Instant now;
    private long seq;

    private ManualScheduler(Instant start) {
        this.now = start;
    }

    /**
     * A scheduler with nothing pending, its clock at 2026-01-01T00:00:00Z.
     *
     * @return a new scheduler
     */
    public static ManualScheduler create() {
        return new ManualScheduler(Instant.parse("2026-01-01T00:00:00Z"));
    }

    /**
     * A scheduler with nothing pending, its clock at {@code start}.
     *
     * @param start the virtual time to start at
     * @return a new scheduler
     */
    public static ManualScheduler startingAt(Instant start) {
        return new ManualScheduler(Objects.requireNonNull(start, "start"));
    }

    @Override
    public synchronized void schedule(Duration delay, Runnable task) {
        delays.add(delay);
        Duration d = delay.isNegative() ? Duration.ZERO : delay;
        pending.add(new Task(now.plus(d), seq++, task));
    }

    /**
     * Runs the tasks pending now, earliest due first (ties in scheduling order), moving the clock to each one's due
     * time; tasks they schedule stay pending for the next call.
     *
     * @return how many tasks ran
     */
    public int runPending() {
        List<Task> batch;
        synchronized (this) {
            batch = new ArrayList<>(pending);
            pending.clear();
        }
        batch.sort(Comparator.comparing(Task::due).thenComparingLong(Task::seq));
        for (Task t : batch) {
            if (t.due().isAfter(now)) {
                now = t.due();
            }
            t.run().run();
        }
        return batch.size();
    }

    /**
     * Calls {@link #runPending()} until nothing is pending, at most {@code maxRounds} times.
     *
     * @param maxRounds the most rounds to run, so a task that always reschedules itself cannot loop forever
     * @return how many rounds ran
     * @throws IllegalStateException when tasks are still pending after {@code maxRounds} rounds
     */
    public int runUntilIdle(int maxRounds) {
        int rounds = 0;
        while (pendingCount() > 0) {
            if (rounds == maxRounds) {
                throw new IllegalStateException(
                        "still " + pendingCount() + " tasks pending after " + maxRounds + " rounds");
            }
            runPending();
            rounds++;
        }
        return rounds;
    }

    /**
     * Moves the clock forward without running anything.
     *
     * @param amount how far, {@code >= 0}
     * @throws IllegalArgumentException for a negative amount
     */
    public void advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("amount must be >= 0, but was " + amount);
        }
        now = now.plus(amount);
    }

    /**
     * A clock (UTC) that reads this scheduler's virtual time.
     *
     * @return a new view of the virtual time; {@link Clock#withZone} is honoured
     */
    public Clock clock() {
        return new VirtualClock(this, ZoneOffset.UTC);
    }

    /**
     * How many tasks wait to run.
     *
     * @return the number of pending tasks
     */
    public synchronized int pendingCount() {
        return pending.size();
    }

    /**
     * Every delay asked for so far, in order, as given (negative ones too; they run as zero).
     *
     * @return a snapshot of the delays
     */
    public synchronized List<Duration> delays() {
        return List.copyOf(delays);
    }

    private static final class VirtualClock extends Clock {
        private final ManualScheduler scheduler;
        private final ZoneId zone;

        VirtualClock(ManualScheduler scheduler, ZoneId zone) {
            this.scheduler = scheduler;
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return new VirtualClock(scheduler, zone);
        }

        @Override
        public Instant instant() {
            return scheduler.now;
        }
    }
}
