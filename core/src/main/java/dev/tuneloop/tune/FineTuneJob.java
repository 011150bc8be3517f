package dev.tuneloop.tune;

import dev.tuneloop.internal.Checks;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A fine-tuning job as last seen at the provider: a record with a status that a {@link JobWatcher} polls, not a
 * future. Instants are kept to the microsecond so every store round-trips them exactly.
 *
 * <p>{@link #status()} is always {@code JobStatus.fromWire(rawStatus())}: a status Tuneloop does not know yet is
 * {@link JobStatus#UNKNOWN} with the provider's text in {@link #rawStatus()}.
 *
 * @param id              the provider's job id, e.g. {@code "ftjob-abc123"}; never null
 * @param baseModel       the model being fine-tuned; never null
 * @param status          the status; never null
 * @param rawStatus       the provider's status text; never null
 * @param createdAt       when the job was created; never null
 * @param finishedAt      when it reached a terminal status; null before
 * @param trainedTokens   billable tokens trained; null until the provider reports them
 * @param fineTunedModel  the new model's name; null until it succeeds
 * @param estimatedFinish the provider's estimate of the end; null when it gives none
 * @param errorCode       the provider's error code when FAILED; null otherwise
 * @param errorMessage    the provider's error message when FAILED; null otherwise
 * @param hyperparameters the settings the job runs with (the provider's choices once it resolved "auto")
 * @param method          supervised or DPO; never null
 * @param suffix          the model-name suffix; null when none
 * @param trainingFileId  the training file's id; never null
 * @param validationFileId the validation file's id; null when none
 */
public record FineTuneJob(
        String id,
        String baseModel,
        JobStatus status,
        String rawStatus,
        Instant createdAt,
        Instant finishedAt,
        Long trainedTokens,
        String fineTunedModel,
        Instant estimatedFinish,
        String errorCode,
        String errorMessage,
        Hyperparameters hyperparameters,
        FineTuneMethod method,
        String suffix,
        String trainingFileId,
        String validationFileId) {

    /** @throws dev.tuneloop.errors.ValidationException listing every problem */
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
        createdAt = micros(createdAt);
        finishedAt = micros(finishedAt);
        estimatedFinish = micros(estimatedFinish);
    }

    private static Instant micros(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MICROS);
    }

    /** A builder for a job with the provider's {@code id}, in status {@code rawStatus}. */
    public static Builder builder(
            String id, String baseModel, String rawStatus, Instant createdAt, String trainingFileId) {
        return new Builder()
                .id(id)
                .baseModel(baseModel)
                .rawStatus(rawStatus)
                .createdAt(createdAt)
                .trainingFileId(trainingFileId);
    }

    /** A builder holding this job's values, to make a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.baseModel = baseModel;
        b.rawStatus = rawStatus;
        b.createdAt = createdAt;
        b.finishedAt = finishedAt;
        b.trainedTokens = trainedTokens;
        b.fineTunedModel = fineTunedModel;
        b.estimatedFinish = estimatedFinish;
        b.errorCode = errorCode;
        b.errorMessage = errorMessage;
        b.hyperparameters = hyperparameters;
        b.method = method;
        b.suffix = suffix;
        b.trainingFileId = trainingFileId;
        b.validationFileId = validationFileId;
        return b;
    }

    /** The new model's name, once the job succeeded. */
    public Optional<String> model() {
        return Optional.ofNullable(fineTunedModel);
    }

    /** True when the job will not change any more. */
    public boolean isTerminal() {
        return status.isTerminal();
    }

    /** A short description naming the job and its state, for messages and logs. */
    public String describe() {
        return "job " + id + " is " + (status == JobStatus.UNKNOWN ? "\"" + rawStatus + "\"" : status.name());
    }

    /** Builds a {@link FineTuneJob}; defaults: SUPERVISED, all-auto hyperparameters. */
    public static final class Builder {
        private String id;
        private String baseModel;
        private String rawStatus;
        private Instant createdAt;
        private Instant finishedAt;
        private Long trainedTokens;
        private String fineTunedModel;
        private Instant estimatedFinish;
        private String errorCode;
        private String errorMessage;
        private Hyperparameters hyperparameters = Hyperparameters.AUTO;
        private FineTuneMethod method = FineTuneMethod.SUPERVISED;
        private String suffix;
        private String trainingFileId;
        private String validationFileId;

        private Builder() {}

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder baseModel(String baseModel) {
            this.baseModel = baseModel;
            return this;
        }

        /** The provider's status text; the {@link JobStatus} is derived from it. */
        public Builder rawStatus(String rawStatus) {
            this.rawStatus = rawStatus;
            return this;
        }

        /** A known status (its {@link JobStatus#wire()} becomes the raw status). */
        public Builder status(JobStatus status) {
            this.rawStatus = status.wire();
            return this;
        }

        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public Builder finishedAt(Instant finishedAt) {
            this.finishedAt = finishedAt;
            return this;
        }

        public Builder trainedTokens(Long trainedTokens) {
            this.trainedTokens = trainedTokens;
            return this;
        }

        public Builder fineTunedModel(String fineTunedModel) {
            this.fineTunedModel = fineTunedModel;
            return this;
        }

        public Builder estimatedFinish(Instant estimatedFinish) {
            this.estimatedFinish = estimatedFinish;
            return this;
        }

        public Builder error(String code, String message) {
            this.errorCode = code;
            this.errorMessage = message;
            return this;
        }

        public Builder hyperparameters(Hyperparameters hyperparameters) {
            this.hyperparameters = hyperparameters;
            return this;
        }

        public Builder method(FineTuneMethod method) {
            this.method = method;
            return this;
        }

        public Builder suffix(String suffix) {
            this.suffix = suffix;
            return this;
        }

        public Builder trainingFileId(String trainingFileId) {
            this.trainingFileId = trainingFileId;
            return this;
        }

        public Builder validationFileId(String validationFileId) {
            this.validationFileId = validationFileId;
            return this;
        }

        /** @throws dev.tuneloop.errors.ValidationException listing every problem */
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
