package dev.tuneloop.tune;

import dev.tuneloop.internal.Checks;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What to launch (the seed's {@code POST /admin/fine-tune/create} body and more): base model, the lowest quality
 * score to export, and the job's settings.
 *
 * @param baseModel       the model to fine-tune; never null
 * @param minQualityScore the lowest quality score to export, 1-10 (default {@value #DEFAULT_MIN_QUALITY_SCORE})
 * @param method          supervised or DPO; never null
 * @param hyperparameters the settings; never null
 * @param suffix          the model-name suffix; null when none
 * @param seed            the reproducibility seed; null to let the provider pick
 * @param metadata        provider metadata; never null
 * @param notes           notes for the version table; never null
 * @param force           submit even when the readiness checklist fails
 */
public record LaunchRequest(
        String baseModel,
        int minQualityScore,
        FineTuneMethod method,
        Hyperparameters hyperparameters,
        String suffix,
        Long seed,
        Map<String, String> metadata,
        String notes,
        boolean force) {

    /** The seed's default lowest score to export (5-6 "acceptable" and better; 1-4 are never exported). */
    public static final int DEFAULT_MIN_QUALITY_SCORE = 6;

    /** @throws dev.tuneloop.errors.ValidationException listing every problem */
    public LaunchRequest {
        Checks.start()
                .text("baseModel", baseModel, true, 256)
                .require(
                        minQualityScore >= 1 && minQualityScore <= 10,
                        "minQualityScore must be in 1..10, but was " + minQualityScore)
                .require(method != null, "method is required, but was null")
                .require(hyperparameters != null, "hyperparameters is required, but was null")
                .require(metadata != null, "metadata is required (use an empty map), but was null")
                .require(notes != null, "notes is required (use \"\"), but was null")
                .orThrow();
        metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** A builder for a launch on {@code baseModel}. */
    public static Builder builder(String baseModel) {
        return new Builder(baseModel);
    }

    /** The provider request for the uploaded files (validated; a bad suffix is reported here). */
    FineTuneRequest toRequest(String trainingFileId, String validationFileId) {
        return new FineTuneRequest(
                baseModel, trainingFileId, validationFileId, method, hyperparameters, suffix, seed, metadata);
    }

    /** Builds a {@link LaunchRequest}; defaults: min quality 6, SUPERVISED, auto settings, no suffix, not forced. */
    public static final class Builder {
        private final String baseModel;
        private int minQualityScore = DEFAULT_MIN_QUALITY_SCORE;
        private FineTuneMethod method = FineTuneMethod.SUPERVISED;
        private Hyperparameters hyperparameters = Hyperparameters.AUTO;
        private String suffix;
        private Long seed;
        private final Map<String, String> metadata = new LinkedHashMap<>();
        private String notes = "";
        private boolean force;

        private Builder(String baseModel) {
            this.baseModel = baseModel;
        }

        public Builder minQualityScore(int score) {
            this.minQualityScore = score;
            return this;
        }

        public Builder method(FineTuneMethod method) {
            this.method = method;
            return this;
        }

        public Builder hyperparameters(Hyperparameters hyperparameters) {
            this.hyperparameters = hyperparameters;
            return this;
        }

        public Builder suffix(String suffix) {
            this.suffix = suffix;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder metadata(String key, String value) {
            this.metadata.put(Objects.requireNonNull(key, "key"), value);
            return this;
        }

        public Builder notes(String notes) {
            this.notes = notes;
            return this;
        }

        /** Submit even when the readiness checklist fails (its failures are still returned in the launch). */
        public Builder force(boolean force) {
            this.force = force;
            return this;
        }

        /** @throws dev.tuneloop.errors.ValidationException listing every problem */
        public LaunchRequest build() {
            return new LaunchRequest(
                    baseModel, minQualityScore, method, hyperparameters, suffix, seed, metadata, notes, force);
        }
    }
}
