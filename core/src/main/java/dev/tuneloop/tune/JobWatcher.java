package dev.tuneloop.tune;

import dev.tuneloop.errors.Checks;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Watches fine-tuning jobs until they finish: polls {@link FineTuneClient#get} with backoff, saves every change in
 * the {@link JobStore}, reports status changes and new events to a {@link JobListener}, and, when a job
 * succeeds, records its fine-tuned model on the model version made from that job.
 *
 * <p>A job that keeps one status longer than {@link Builder#stallAfter} (measured on the injected
 * {@link Builder#clock}) is reported once through {@link JobListener#onStalled} (OpenAI jobs can sit queued for hours);
 * the watch goes on.
 *
 * <p>Polling starts at {@link Builder#initialInterval} and grows by {@link Builder#multiplier} after every poll that
 * saw no change (and after every retriable failure) up to {@link Builder#maxInterval}; a status change resets it.
 * Because job state lives in the job store, a new watcher on the same store (after a restart) picks up every
 * unfinished job with {@link #resumeAll()}.
 *
 * <p>Thread-safe. {@link #close()} stops all polling; a watcher it made its own scheduler for shuts that down.
 *
 * <pre>{@code
 * JobWatcher watcher = JobWatcher.builder(client, store.jobs(), store.registry()).listener(myListener).build();
 * watcher.resumeAll();          // at startup
 * watcher.watch(job);           // after create
 * }</pre>
 */
public interface JobWatcher extends AutoCloseable {

    /** The first poll delay and the delay after a status change: 15 seconds. */
    Duration DEFAULT_INITIAL_INTERVAL = Duration.ofSeconds(15);
    /** The longest delay between polls: 5 minutes. */
    Duration DEFAULT_MAX_INTERVAL = Duration.ofMinutes(5);
    /** How much the delay grows after a poll that saw no change: {@value}. */
    double DEFAULT_MULTIPLIER = 1.5;
    /** How long a job may keep one status before {@link JobListener#onStalled} is called: 6 hours. */
    Duration DEFAULT_STALL_AFTER = Duration.ofHours(6);

    /**
     * A builder for a watcher over {@code client} that keeps job state in {@code jobs} and records each finished job's
     * model on its version in {@code registry}.
     *
     * @param client the provider to poll
     * @param jobs where job states are saved and active jobs are found after a restart
     * @param registry where a succeeded job's fine-tuned model is recorded on its version
     * @return a new builder
     */
    static Builder builder(FineTuneClient client, JobStore jobs, ModelRegistry registry) {
        return new Builder(client, jobs, registry);
    }

    /**
     * Saves {@code job} in the job store (unless it is already there) and watches it; a job already watched, or
     * already finished, is not watched twice. Returns at once: the first poll runs after the initial interval.
     *
     * @param job the job, as the provider returned it
     * @throws IllegalStateException when the watcher is closed
     */
    void watch(FineTuneJob job);

    /**
     * Watches every job the job store lists as active that this watcher does not watch yet.
     *
     * @return the ids of the jobs it started watching, oldest first
     * @throws IllegalStateException when the watcher is closed
     */
    List<String> resumeAll();

    /**
     * The jobs being watched now.
     *
     * @return a snapshot of their ids
     */
    Set<String> watching();

    /** Stops all polling. Idempotent. */
    @Override
    void close();

    /** Settings of a {@link JobWatcher}. Not thread-safe; the watcher it builds is, with its settings fixed. */
    final class Builder {
        final FineTuneClient client;
        final JobStore jobs;
        final ModelRegistry registry;

        @Nullable
        PollScheduler scheduler;

        Clock clock = Clock.systemUTC();
        Duration stallAfter = DEFAULT_STALL_AFTER;
        JobListener listener = new JobListener() {};
        Duration initialInterval = DEFAULT_INITIAL_INTERVAL;
        Duration maxInterval = DEFAULT_MAX_INTERVAL;
        double multiplier = DEFAULT_MULTIPLIER;

        private Builder(FineTuneClient client, JobStore jobs, ModelRegistry registry) {
            this.client = Objects.requireNonNull(client, "client");
            this.jobs = Objects.requireNonNull(jobs, "jobs");
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        /**
         * Where polls are scheduled (default: a daemon thread owned by the watcher). Tests pass a
         * {@link dev.tuneloop.testing.ManualScheduler}.
         *
         * @param scheduler the scheduler; the caller owns it
         * @return this builder
         */
        public Builder scheduler(PollScheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * The clock that measures how long a job keeps a status, for {@link JobListener#onStalled} (default: system
         * UTC). Tests pass {@link dev.tuneloop.testing.ManualScheduler#clock()}.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How long a job may keep one status before the listener hears it stalled (default
         * {@link #DEFAULT_STALL_AFTER}).
         *
         * @param stallAfter the duration, &gt; 0
         * @return this builder
         */
        public Builder stallAfter(Duration stallAfter) {
            this.stallAfter = Objects.requireNonNull(stallAfter, "stallAfter");
            return this;
        }

        /**
         * Who hears about changes (default: nobody; the job store and registry are still updated).
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(JobListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * The first poll delay and the delay after a status change (default {@link #DEFAULT_INITIAL_INTERVAL}).
         *
         * @param initialInterval the delay, &gt; 0
         * @return this builder
         */
        public Builder initialInterval(Duration initialInterval) {
            this.initialInterval = Objects.requireNonNull(initialInterval, "initialInterval");
            return this;
        }

        /**
         * The longest delay between polls (default {@link #DEFAULT_MAX_INTERVAL}).
         *
         * @param maxInterval the delay, &ge; the initial interval
         * @return this builder
         */
        public Builder maxInterval(Duration maxInterval) {
            this.maxInterval = Objects.requireNonNull(maxInterval, "maxInterval");
            return this;
        }

        /**
         * How much the delay grows after a poll that saw no change or failed retriably (default
         * {@value #DEFAULT_MULTIPLIER}).
         *
         * @param multiplier the factor, finite and &ge; 1
         * @return this builder
         */
        public Builder multiplier(double multiplier) {
            this.multiplier = multiplier;
            return this;
        }

        /**
         * Builds the watcher; without a {@link #scheduler} it starts its own daemon polling thread.
         *
         * @return the watcher
         * @throws dev.tuneloop.errors.ValidationException listing every setting out of range
         */
        public JobWatcher build() {
            Checks.start()
                    .require(
                            initialInterval.compareTo(Duration.ZERO) > 0,
                            "initialInterval must be > 0, but was " + initialInterval)
                    .require(
                            maxInterval.compareTo(initialInterval) >= 0,
                            "maxInterval must be >= initialInterval (" + initialInterval + "), but was " + maxInterval)
                    .require(
                            multiplier >= 1 && Double.isFinite(multiplier),
                            "multiplier must be >= 1, but was " + multiplier)
                    .require(stallAfter.compareTo(Duration.ZERO) > 0, "stallAfter must be > 0, but was " + stallAfter)
                    .orThrow();
            return new PollingJobWatcher(this);
        }
    }
}
