package dev.tuneloop.tune;

import java.nio.file.Path;
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
 * <p>It also refuses a job for a base model whose fine-tuning job creation has closed at the client's provider, as
 * the {@link ModelLifecycle} calendar says on the launcher's clock ({@link JobCreationClosedException}, nothing
 * uploaded); the message names the date and the providers that remain.
 *
 * <p>{@link #relaunch(String, FineTuneClient, LaunchRequest)} carries a model version's exact dataset (same content
 * hash, same example ids) to another provider and records the new version's lineage
 * ({@link ModelVersion#parentVersion()}).
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
     * Launches a job on {@code target} (typically another provider) with the exact training file of an existing model
     * version, found by the training data source ({@link TrainingDataSource#reproduce}), and registers the new
     * version with the same dataset snapshot, {@code target}'s provider and the old version as its parent.
     *
     * <p>The readiness checklist is not run again (the data is the old version's, checked when it launched); the
     * returned verdict says so in a warning. The request's base model, method and settings are the new provider's;
     * its minimum quality score is not used. The job is saved in the job store but not watched (this launcher's
     * watcher polls its own client): watch it with a {@link JobWatcher} on {@code target}.
     *
     * @param version the model version whose dataset is relaunched, e.g. {@code "v3"}
     * @param target  the provider to train on
     * @param request the base model and settings at {@code target}
     * @return the created job, the new model version, the uploaded file and the verdict
     * @throws dev.tuneloop.errors.NotFoundException when there is no such version, or the data source no longer has
     *     its training file
     * @throws JobCreationClosedException when {@code target} no longer takes jobs on the request's base model
     * @throws dev.tuneloop.errors.ValidationException when the file's content differs from the version's snapshot,
     *     or it does not fit the request's method
     * @throws dev.tuneloop.errors.TuneloopException naming the job id, when the provider created the job but
     *     saving or registering it failed
     */
    Launch relaunch(String version, FineTuneClient target, LaunchRequest request);

    /**
     * As {@link #relaunch(String, FineTuneClient, LaunchRequest)}, with the training file given by the caller (e.g.
     * kept in an archive); its SHA-256 must equal the version's snapshot.
     *
     * @param version      the model version whose dataset is relaunched
     * @param target       the provider to train on
     * @param request      the base model and settings at {@code target}
     * @param trainingFile the version's training file
     * @return the created job, the new model version, the uploaded file and the verdict
     * @throws dev.tuneloop.errors.NotFoundException when there is no such version
     * @throws JobCreationClosedException when {@code target} no longer takes jobs on the request's base model
     * @throws dev.tuneloop.errors.ValidationException when the file's content differs from the version's snapshot,
     *     or it does not fit the request's method
     * @throws dev.tuneloop.errors.TuneloopException naming the job id, when the provider created the job but
     *     saving or registering it failed
     */
    Launch relaunch(String version, FineTuneClient target, LaunchRequest request, Path trainingFile);

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
        ModelLifecycle lifecycle = ModelLifecycle.defaults();

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
         * The clock that dates new model versions and judges the lifecycle calendar (default: system UTC).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The calendar whose closed job creation refuses a launch (default {@link ModelLifecycle#defaults()}; use
         * {@link ModelLifecycle#empty()} to never refuse).
         *
         * @param lifecycle the calendar
         * @return this builder
         */
        public Builder lifecycle(ModelLifecycle lifecycle) {
            this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
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
