package dev.tuneloop.tune;

import dev.tuneloop.errors.Checks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What to launch (the seed's {@code POST /admin/fine-tune/create} body and more): base model, the lowest quality
 * score to export, and the job's settings. Built with {@link #builder(String)}; validated as a whole when built,
 * reporting every problem at once. Immutable and thread-safe.
 */
public final class LaunchRequest {

    /** The seed's default lowest score to export (5-6 "acceptable" and better; 1-4 are never exported): {@value}. */
    public static final int DEFAULT_MIN_QUALITY_SCORE = 6;

    private final String baseModel;
    private final int minQualityScore;
    private final FineTuneMethod method;
    private final Hyperparameters hyperparameters;
    private final @Nullable String suffix;
    private final @Nullable Long seed;
    private final Map<String, String> metadata;
    private final String notes;
    private final boolean force;

    private LaunchRequest(Builder b) {
        Checks.start()
                .text("baseModel", b.baseModel, true, 256)
                .require(
                        b.minQualityScore >= 1 && b.minQualityScore <= 10,
                        "minQualityScore must be in 1..10, but was " + b.minQualityScore)
                .require(b.method != null, "method is required, but was null")
                .require(b.hyperparameters != null, "hyperparameters is required, but was null")
                .require(b.notes != null, "notes is required (use \"\"), but was null")
                .orThrow();
        this.baseModel = b.baseModel;
        this.minQualityScore = b.minQualityScore;
        this.method = b.method;
        this.hyperparameters = b.hyperparameters;
        this.suffix = b.suffix;
        this.seed = b.seed;
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(b.metadata));
        this.notes = b.notes;
        this.force = b.force;
    }

    /**
     * A builder for a launch on {@code baseModel}.
     *
     * @param baseModel the model to fine-tune, e.g. {@code "gpt-4o-mini-2024-07-18"}
     * @return a new builder with the defaults of {@link Builder}
     */
    public static Builder builder(String baseModel) {
        return new Builder(baseModel);
    }

    /**
     * The model to fine-tune.
     *
     * @return the base model; never null
     */
    public String baseModel() {
        return baseModel;
    }

    /**
     * The lowest quality score to export.
     *
     * @return a score in 1..10 (default {@value #DEFAULT_MIN_QUALITY_SCORE})
     */
    public int minQualityScore() {
        return minQualityScore;
    }

    /**
     * How the model is trained.
     *
     * @return SUPERVISED or DPO; never null
     */
    public FineTuneMethod method() {
        return method;
    }

    /**
     * The job's settings.
     *
     * @return the settings; never null
     */
    public Hyperparameters hyperparameters() {
        return hyperparameters;
    }

    /**
     * The model-name suffix.
     *
     * @return the suffix; null when none
     */
    public @Nullable String suffix() {
        return suffix;
    }

    /**
     * The reproducibility seed.
     *
     * @return the seed; null to let the provider pick
     */
    public @Nullable Long seed() {
        return seed;
    }

    /**
     * The provider metadata, in insertion order.
     *
     * @return an unmodifiable map; never null
     */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * The notes for the version table.
     *
     * @return the notes; never null, may be empty
     */
    public String notes() {
        return notes;
    }

    /**
     * Whether to submit even when the readiness checklist fails.
     *
     * @return true when forced
     */
    public boolean force() {
        return force;
    }

    /** The provider request for the uploaded files (validated; a bad suffix is reported here). */
    FineTuneRequest toRequest(String trainingFileId, @Nullable String validationFileId) {
        FineTuneRequest.Builder b = FineTuneRequest.builder(baseModel, trainingFileId)
                .validationFileId(validationFileId)
                .method(method)
                .hyperparameters(hyperparameters)
                .suffix(suffix);
        if (seed != null) {
            b.seed(seed);
        }
        metadata.forEach(b::metadata);
        return b.build();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof LaunchRequest r
                && r.baseModel.equals(baseModel)
                && r.minQualityScore == minQualityScore
                && r.method == method
                && r.hyperparameters.equals(hyperparameters)
                && Objects.equals(r.suffix, suffix)
                && Objects.equals(r.seed, seed)
                && r.metadata.equals(metadata)
                && r.notes.equals(notes)
                && r.force == force;
    }

    @Override
    public int hashCode() {
        return Objects.hash(baseModel, minQualityScore, method, hyperparameters, suffix, seed, metadata, notes, force);
    }

    /** The settings in record notation; they hold no prompt or answer text. */
    @Override
    public String toString() {
        return "LaunchRequest[baseModel=" + baseModel + ", minQualityScore=" + minQualityScore + ", method=" + method
                + ", hyperparameters=" + hyperparameters + ", suffix=" + suffix + ", seed=" + seed + ", metadata="
                + metadata + ", notes=" + notes + ", force=" + force + "]";
    }

    /**
     * Builds a {@link LaunchRequest}; defaults: min quality {@value #DEFAULT_MIN_QUALITY_SCORE}, SUPERVISED, all-auto
     * settings, no suffix, seed or metadata, empty notes, not forced. Not thread-safe.
     */
    public static final class Builder {
        private final String baseModel;
        private int minQualityScore = DEFAULT_MIN_QUALITY_SCORE;
        private FineTuneMethod method = FineTuneMethod.SUPERVISED;
        private Hyperparameters hyperparameters = Hyperparameters.AUTO;
        private @Nullable String suffix;
        private @Nullable Long seed;
        private final Map<String, String> metadata = new LinkedHashMap<>();
        private String notes = "";
        private boolean force;

        private Builder(String baseModel) {
            this.baseModel = baseModel;
        }

        /**
         * The lowest quality score to export.
         *
         * @param score a score in 1..10 (default {@value #DEFAULT_MIN_QUALITY_SCORE})
         * @return this builder
         */
        public Builder minQualityScore(int score) {
            this.minQualityScore = score;
            return this;
        }

        /**
         * How the model is trained (default SUPERVISED).
         *
         * @param method SUPERVISED or DPO
         * @return this builder
         */
        public Builder method(FineTuneMethod method) {
            this.method = method;
            return this;
        }

        /**
         * The job's settings (default all auto).
         *
         * @param hyperparameters the settings
         * @return this builder
         */
        public Builder hyperparameters(Hyperparameters hyperparameters) {
            this.hyperparameters = hyperparameters;
            return this;
        }

        /**
         * The model-name suffix; checked with the rules of {@link FineTuneRequest#SUFFIX_PATTERN} at launch.
         *
         * @param suffix the suffix; null for none
         * @return this builder
         */
        public Builder suffix(@Nullable String suffix) {
            this.suffix = suffix;
            return this;
        }

        /**
         * The reproducibility seed (default: the provider picks).
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Adds one metadata pair (a later pair with the same key replaces the earlier one); checked with the rules of
         * {@link FineTuneRequest} at launch.
         *
         * @param key   the key, 1-64 characters
         * @param value the value, at most 512 characters
         * @return this builder
         * @throws NullPointerException when {@code key} is null
         */
        public Builder metadata(String key, String value) {
            this.metadata.put(Objects.requireNonNull(key, "key"), value);
            return this;
        }

        /**
         * Notes for the version table (default {@code ""}).
         *
         * @param notes the notes
         * @return this builder
         */
        public Builder notes(String notes) {
            this.notes = notes;
            return this;
        }

        /**
         * Submit even when the readiness checklist fails (its failures are still returned in the launch).
         *
         * @param force true to submit anyway (default false)
         * @return this builder
         */
        public Builder force(boolean force) {
            this.force = force;
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the validated request
         * @throws dev.tuneloop.errors.ValidationException listing every problem
         */
        public LaunchRequest build() {
            return new LaunchRequest(this);
        }
    }
}
