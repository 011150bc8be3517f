package dev.tuneloop.tune;

import java.time.Clock;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The seed's "create fine-tuning job" flow in one call: check readiness → export (minimum quality) → validate →
 * upload → create the job → save it in the job store and register a pending model version (the dataset snapshot:
 * content SHA-256 and example ids) → start watching it (when a watcher is configured).
 *
 * <p>It refuses to submit while the readiness checklist fails ({@link NotReadyException}, nothing uploaded) unless
 * the request is forced, and refuses a file that is empty, does not match its example ids, holds examples of the
 * other method's format, or has structurally invalid lines ({@link dev.tuneloop.errors.ValidationException} listing
 * line numbers, nothing uploaded). Lines are judged by the export module's {@link dev.tuneloop.export.JsonlValidator},
 * the one definition of a valid line; the example count and token limits are left to the readiness checklist and the
 * exporter. Provider failures propagate as the {@link FineTuneClient} throws them (e.g.
 * {@link FineTuningUnavailableException}).
 *
 * <p>Thread-safe; concurrent launches are independent (the registry numbers their versions).
 */
public interface FineTuneLauncher {

    /**
     * Launches a fine-tuning job.
     *
     * @param request what to launch
     * @return the created job, its pending model version, the uploaded files and the readiness verdict
     * @throws NotReadyException when the readiness checklist fails and the request is not forced
     * @throws dev.tuneloop.errors.ValidationException when the request or the produced file is invalid
     * @throws dev.tuneloop.errors.TuneloopException naming the job id, when the provider created the job but
     *     saving or registering it failed
     */
    Launch launch(LaunchRequest request);

    /**
     * A builder for a launcher that uses these parts.
     *
     * @param client the provider that runs the job
     * @param jobs where the job's state is saved
     * @param registry where the pending model version is registered
     * @param data what produces the training file
     * @param readiness the checklist that must pass before a job is submitted
     * @return a new builder
     */
    static Builder builder(
            FineTuneClient client,
            JobStore jobs,
            ModelRegistry registry,
            TrainingDataSource data,
            ReadinessGate readiness) {
        return new Builder(client, jobs, registry, data, readiness);
    }

    /** Settings of a {@link FineTuneLauncher}. Not thread-safe; the launcher it builds is. */
    final class Builder {
        final FineTuneClient client;
        final JobStore jobs;
        final ModelRegistry registry;
        final TrainingDataSource data;
        final ReadinessGate readiness;
        Clock clock = Clock.systemUTC();

        @Nullable
        JobWatcher watcher;

        private Builder(
                FineTuneClient client,
                JobStore jobs,
                ModelRegistry registry,
                TrainingDataSource data,
                ReadinessGate readiness) {
            this.client = Objects.requireNonNull(client, "client");
            this.jobs = Objects.requireNonNull(jobs, "jobs");
            this.registry = Objects.requireNonNull(registry, "registry");
            this.data = Objects.requireNonNull(data, "data");
            this.readiness = Objects.requireNonNull(readiness, "readiness");
        }

        /**
         * The clock that dates new model versions (default: system UTC).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Watch every launched job with this watcher (default: none; the job is still saved in the job store).
         *
         * @param watcher the watcher
         * @return this builder
         */
        public Builder watcher(JobWatcher watcher) {
            this.watcher = Objects.requireNonNull(watcher, "watcher");
            return this;
        }

        /**
         * Builds the launcher.
         *
         * @return the launcher
         */
        public FineTuneLauncher build() {
            return new DefaultFineTuneLauncher(this);
        }
    }
}
