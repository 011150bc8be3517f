package dev.tuneloop.tune;

import dev.tuneloop.errors.Checks;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A fine-tuning job as last seen at the provider: a record with a status that a {@link JobWatcher} polls, not a
 * future. Instants are kept to the microsecond so every store round-trips them exactly.
 *
 * <p>{@link #status()} is always {@code JobStatus.fromWire(rawStatus())}: a status Tuneloop does not know yet is
 * {@link JobStatus#UNKNOWN} with the provider's text in {@link #rawStatus()}. Clients and stores build jobs with
 * {@link #builder(String, String, String, Instant, String)}, which derives the status, and change one with
 * {@link #toBuilder()}. Immutable and thread-safe.
 *
 * @param id               the provider's job id, e.g. {@code "ftjob-abc123"}; never null
 * @param baseModel        the model being fine-tuned; never null
 * @param status           the status; never null
 * @param rawStatus        the provider's status text; never null
 * @param createdAt        when the job was created (kept to the microsecond); never null
 * @param finishedAt       when it reached a terminal status; null before
 * @param trainedTokens    billable tokens trained, &ge; 0; null until the provider reports them
 * @param fineTunedModel   the new model's name; null until it succeeds
 * @param estimatedFinish  the provider's estimate of the end; null when it gives none
 * @param errorCode        the provider's error code when FAILED; null otherwise
 * @param errorMessage     the provider's error message when FAILED; null otherwise
 * @param hyperparameters  the settings the job runs with (the provider's choices once it resolved "auto"); never null
 * @param method           supervised or DPO; never null
 * @param suffix           the model-name suffix; null when none
 * @param trainingFileId   the training file's id; never null
 * @param validationFileId the validation file's id; null when none
 */
public record FineTuneJob(
        String id,
        String baseModel,
        JobStatus status,
        String rawStatus,
        Instant createdAt,
        @Nullable Instant finishedAt,
        @Nullable Long trainedTokens,
        @Nullable String fineTunedModel,
        @Nullable Instant estimatedFinish,
        @Nullable String errorCode,
        @Nullable String errorMessage,
        Hyperparameters hyperparameters,
        FineTuneMethod method,
        @Nullable String suffix,
        String trainingFileId,
        @Nullable String validationFileId) {

    /**
     * Validates every part and truncates the instants to the microsecond.
     *
     * @param id               the provider's job id, e.g. {@code "ftjob-abc123"}; never null
     * @param baseModel        the model being fine-tuned; never null
     * @param status           the status; never null
     * @param rawStatus        the provider's status text; never null
     * @param createdAt        when the job was created (kept to the microsecond); never null
     * @param finishedAt       when it reached a terminal status; null before
     * @param trainedTokens    billable tokens trained, &ge; 0; null until the provider reports them
     * @param fineTunedModel   the new model's name; null until it succeeds
     * @param estimatedFinish  the provider's estimate of the end; null when it gives none
     * @param errorCode        the provider's error code when FAILED; null otherwise
     * @param errorMessage     the provider's error message when FAILED; null otherwise
     * @param hyperparameters  the settings the job runs with (the provider's choices once it resolved "auto"); never null
     * @param method           supervised or DPO; never null
     * @param suffix           the model-name suffix; null when none
     * @param trainingFileId   the training file's id; never null
     * @param validationFileId the validation file's id; null when none
     * @throws dev.tuneloop.errors.ValidationException listing every problem
     */
    public FineTuneJob {
        Checks c = Checks.start()
                .text("id", id, true, 256)
                .text("baseModel", baseModel, true, 256)
                .require(status != null, "status is required, but was null")
                .text("rawStatus", rawStatus, true, 64)
                .require(createdAt != null, "createdAt is required, but was null")
                .require(
                        trainedTokens == null || trainedTokens >= 0,
                        "trainedTokens must be >= 0, but was " + trainedTokens)
                .require(hyperparameters != null, "hyperparameters is required, but was null")
                .require(method != null, "method is required, but was null")
                .text("trainingFileId", trainingFileId, true, 256);
        if (status != null && rawStatus != null && JobStatus.fromWire(rawStatus) != status) {
            c.add("status must match rawStatus, but status was " + status + " and rawStatus was \"" + rawStatus + "\"");
        }
        c.orThrow();
        createdAt = createdAt.truncatedTo(ChronoUnit.MICROS);
        finishedAt = micros(finishedAt);
        estimatedFinish = micros(estimatedFinish);
    }

    private static @Nullable Instant micros(@Nullable Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * A builder for a job with its required parts; the status is derived from {@code rawStatus}.
     *
     * @param id             the provider's job id
     * @param baseModel      the model being fine-tuned
     * @param rawStatus      the provider's status text, e.g. {@code "queued"}
     * @param createdAt      when the job was created
     * @param trainingFileId the training file's id
     * @return a new builder (SUPERVISED, all-auto hyperparameters, nothing else set)
     */
    public static Builder builder(
            String id, String baseModel, String rawStatus, Instant createdAt, String trainingFileId) {
        return new Builder(id, baseModel, rawStatus, createdAt, trainingFileId);
    }

    /**
     * A builder holding this job's values, to make a changed copy.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder(id, baseModel, rawStatus, createdAt, trainingFileId);
        b.finishedAt = finishedAt;
        b.trainedTokens = trainedTokens;
        b.fineTunedModel = fineTunedModel;
        b.estimatedFinish = estimatedFinish;
        b.errorCode = errorCode;
        b.errorMessage = errorMessage;
        b.hyperparameters = hyperparameters;
        b.method = method;
        b.suffix = suffix;
        b.validationFileId = validationFileId;
        return b;
    }

    /**
     * The new model's name, once the job succeeded.
     *
     * @return the model, or empty before
     */
    public Optional<String> model() {
        return Optional.ofNullable(fineTunedModel);
    }

    /**
     * Whether the job will not change any more.
     *
     * @return true when the status is SUCCEEDED, FAILED or CANCELLED
     */
    public boolean isTerminal() {
        return status.isTerminal();
    }

    /**
     * A short description naming the job and its state, for messages and logs; it holds no provider message.
     *
     * @return e.g. {@code "job ftjob-1 is RUNNING"}, or the raw text in quotes for an UNKNOWN status
     */
    public String describe() {
        return "job " + id + " is " + (status == JobStatus.UNKNOWN ? "\"" + rawStatus + "\"" : status.name());
    }

    /**
     * Builds a {@link FineTuneJob}; defaults: SUPERVISED, all-auto hyperparameters, every optional part null.
     * {@link #build()} validates as the record does. Not thread-safe; use one builder per job.
     */
    public static final class Builder {
        private String id;
        private String baseModel;
        private String rawStatus;
        private Instant createdAt;
        private @Nullable Instant finishedAt;
        private @Nullable Long trainedTokens;
        private @Nullable String fineTunedModel;
        private @Nullable Instant estimatedFinish;
        private @Nullable String errorCode;
        private @Nullable String errorMessage;
        private Hyperparameters hyperparameters = Hyperparameters.AUTO;
        private FineTuneMethod method = FineTuneMethod.SUPERVISED;
        private @Nullable String suffix;
        private String trainingFileId;
        private @Nullable String validationFileId;

        private Builder(String id, String baseModel, String rawStatus, Instant createdAt, String trainingFileId) {
            this.id = id;
            this.baseModel = baseModel;
            this.rawStatus = rawStatus;
            this.createdAt = createdAt;
            this.trainingFileId = trainingFileId;
        }

        /**
         * The provider's job id.
         *
         * @param id the id, e.g. {@code "ftjob-abc123"}
         * @return this builder
         */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /**
         * The model being fine-tuned.
         *
         * @param baseModel the base model
         * @return this builder
         */
        public Builder baseModel(String baseModel) {
            this.baseModel = baseModel;
            return this;
        }

        /**
         * The provider's status text; the {@link JobStatus} is derived from it.
         *
         * @param rawStatus the text, e.g. {@code "running"}
         * @return this builder
         */
        public Builder rawStatus(String rawStatus) {
            this.rawStatus = rawStatus;
            return this;
        }

        /**
         * A known status; its {@link JobStatus#wire()} becomes the raw status.
         *
         * @param status the status
         * @return this builder
         */
        public Builder status(JobStatus status) {
            this.rawStatus = status.wire();
            return this;
        }

        /**
         * When the job was created.
         *
         * @param createdAt the creation time
         * @return this builder
         */
        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        /**
         * When the job reached a terminal status.
         *
         * @param finishedAt the time; null before
         * @return this builder
         */
        public Builder finishedAt(@Nullable Instant finishedAt) {
            this.finishedAt = finishedAt;
            return this;
        }

        /**
         * The billable tokens trained.
         *
         * @param trainedTokens the count, &ge; 0; null until reported
         * @return this builder
         */
        public Builder trainedTokens(@Nullable Long trainedTokens) {
            this.trainedTokens = trainedTokens;
            return this;
        }

        /**
         * The new model's name.
         *
         * @param fineTunedModel the name; null until the job succeeds
         * @return this builder
         */
        public Builder fineTunedModel(@Nullable String fineTunedModel) {
            this.fineTunedModel = fineTunedModel;
            return this;
        }

        /**
         * The provider's estimate of the end.
         *
         * @param estimatedFinish the estimate; null when none
         * @return this builder
         */
        public Builder estimatedFinish(@Nullable Instant estimatedFinish) {
            this.estimatedFinish = estimatedFinish;
            return this;
        }

        /**
         * The provider's error, for a FAILED job.
         *
         * @param code    the error code; null when none
         * @param message the error message; null when none
         * @return this builder
         */
        public Builder error(@Nullable String code, @Nullable String message) {
            this.errorCode = code;
            this.errorMessage = message;
            return this;
        }

        /**
         * The settings the job runs with (default all auto).
         *
         * @param hyperparameters the settings
         * @return this builder
         */
        public Builder hyperparameters(Hyperparameters hyperparameters) {
            this.hyperparameters = hyperparameters;
            return this;
        }

        /**
         * How the model is trained (default SUPERVISED).
         *
         * @param method the method
         * @return this builder
         */
        public Builder method(FineTuneMethod method) {
            this.method = method;
            return this;
        }

        /**
         * The model-name suffix.
         *
         * @param suffix the suffix; null when none
         * @return this builder
         */
        public Builder suffix(@Nullable String suffix) {
            this.suffix = suffix;
            return this;
        }

        /**
         * The training file's id.
         *
         * @param trainingFileId the id
         * @return this builder
         */
        public Builder trainingFileId(String trainingFileId) {
            this.trainingFileId = trainingFileId;
            return this;
        }

        /**
         * The validation file's id.
         *
         * @param validationFileId the id; null when none
         * @return this builder
         */
        public Builder validationFileId(@Nullable String validationFileId) {
            this.validationFileId = validationFileId;
            return this;
        }

        /**
         * Builds the job, with the status derived from the raw status.
         *
         * @return the validated job
         * @throws dev.tuneloop.errors.ValidationException listing every problem
         */
        public FineTuneJob build() {
            return new FineTuneJob(
                    id,
                    baseModel,
                    JobStatus.fromWire(rawStatus),
                    rawStatus,
                    createdAt,
                    finishedAt,
                    trainedTokens,
                    fineTunedModel,
                    estimatedFinish,
                    errorCode,
                    errorMessage,
                    hyperparameters,
                    method,
                    suffix,
                    trainingFileId,
                    validationFileId);
        }
    }
}
