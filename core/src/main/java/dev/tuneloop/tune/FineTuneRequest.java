package dev.tuneloop.tune;

import dev.tuneloop.errors.Checks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What to fine-tune: a base model, an uploaded training file, the method and its settings. Built with
 * {@link #builder(String, String)}; validated as a whole when built, reporting every problem at once. Immutable and
 * thread-safe.
 */
public final class FineTuneRequest {

    /** Longest suffix OpenAI accepts: {@value}. */
    public static final int MAX_SUFFIX_LENGTH = 64;
    /** Most metadata pairs OpenAI accepts: {@value}. */
    public static final int MAX_METADATA_ENTRIES = 16;
    /**
     * The characters accepted in a suffix. OpenAI documents only the length; the suffix becomes part of a model name
     * such as {@code ft:gpt-4o-mini:org:my-suffix:abc123}, so this keeps to the characters that are safe there
     * (no {@code :}, no spaces).
     */
    public static final Pattern SUFFIX_PATTERN = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_SUFFIX_LENGTH + "}");

    private final String baseModel;
    private final String trainingFileId;
    private final @Nullable String validationFileId;
    private final FineTuneMethod method;
    private final Hyperparameters hyperparameters;
    private final @Nullable String suffix;
    private final @Nullable Long seed;
    private final Map<String, String> metadata;

    private FineTuneRequest(Builder b) {
        Checks c = Checks.start();
        c.text("baseModel", b.baseModel, true, 256);
        c.text("trainingFileId", b.trainingFileId, true, 256);
        c.text("validationFileId", b.validationFileId, false, 256);
        c.require(b.method != null, "method is required, but was null");
        c.require(b.hyperparameters != null, "hyperparameters is required, but was null");
        String suffix = b.suffix;
        if (suffix != null && !SUFFIX_PATTERN.matcher(suffix).matches()) {
            c.add("suffix must be 1-" + MAX_SUFFIX_LENGTH + " characters of A-Z, a-z, 0-9, '-' or '_', but was \""
                    + shown(suffix) + "\" (" + suffix.length() + " characters)");
        }
        c.require(
                b.method != FineTuneMethod.REINFORCEMENT,
                "method must be SUPERVISED or DPO (REINFORCEMENT jobs cannot be created here), but was REINFORCEMENT");
        if (b.method != null
                && b.hyperparameters != null
                && b.method != FineTuneMethod.DPO
                && !b.hyperparameters.beta().auto()) {
            c.add("hyperparameters.beta applies only to method DPO, but method was " + b.method);
        }
        c.require(
                b.metadata.size() <= MAX_METADATA_ENTRIES,
                "metadata must have at most " + MAX_METADATA_ENTRIES + " entries, but had " + b.metadata.size());
        for (Map.Entry<String, String> e : b.metadata.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty() || e.getKey().length() > 64) {
                c.add("metadata keys must be 1-64 characters, but one had "
                        + (e.getKey() == null ? "null" : e.getKey().length() + " characters"));
            } else if (e.getValue() == null || e.getValue().length() > 512) {
                c.add("metadata value of key \"" + shown(e.getKey()) + "\" must be non-null and at most 512"
                        + " characters, but was "
                        + (e.getValue() == null ? "null" : e.getValue().length() + " characters"));
            }
        }
        c.orThrow();
        this.baseModel = b.baseModel;
        this.trainingFileId = b.trainingFileId;
        this.validationFileId = b.validationFileId;
        this.method = b.method;
        this.hyperparameters = b.hyperparameters;
        this.suffix = suffix;
        this.seed = b.seed;
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(b.metadata));
    }

    /**
     * A builder for a request on {@code baseModel} with the uploaded {@code trainingFileId}.
     *
     * @param baseModel      the model to fine-tune, e.g. {@code "gpt-4o-mini-2024-07-18"}
     * @param trainingFileId the id of an uploaded training file
     * @return a new builder with the defaults of {@link Builder}
     */
    public static Builder builder(String baseModel, String trainingFileId) {
        return new Builder(baseModel, trainingFileId);
    }

    private static String shown(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }

    /**
     * The model to fine-tune.
     *
     * @return the base model, e.g. {@code "gpt-4o-mini-2024-07-18"}; never null
     */
    public String baseModel() {
        return baseModel;
    }

    /**
     * The uploaded training file.
     *
     * @return its id; never null
     */
    public String trainingFileId() {
        return trainingFileId;
    }

    /**
     * The uploaded validation file.
     *
     * @return its id; null when none
     */
    public @Nullable String validationFileId() {
        return validationFileId;
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
     * The settings (a fixed {@code beta} only with DPO).
     *
     * @return the settings; never null
     */
    public Hyperparameters hyperparameters() {
        return hyperparameters;
    }

    /**
     * The text added to the new model's name.
     *
     * @return 1-64 letters, digits, {@code -} or {@code _}; null when none
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
     * @return up to 16 pairs, keys at most 64 characters, values at most 512; unmodifiable, never null
     */
    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof FineTuneRequest r
                && r.baseModel.equals(baseModel)
                && r.trainingFileId.equals(trainingFileId)
                && Objects.equals(r.validationFileId, validationFileId)
                && r.method == method
                && r.hyperparameters.equals(hyperparameters)
                && Objects.equals(r.suffix, suffix)
                && Objects.equals(r.seed, seed)
                && r.metadata.equals(metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                baseModel, trainingFileId, validationFileId, method, hyperparameters, suffix, seed, metadata);
    }

    /** The request in record notation; it holds ids and settings, no prompt or answer text. */
    @Override
    public String toString() {
        return "FineTuneRequest[baseModel=" + baseModel + ", trainingFileId=" + trainingFileId + ", validationFileId="
                + validationFileId + ", method=" + method + ", hyperparameters=" + hyperparameters + ", suffix="
                + suffix + ", seed=" + seed + ", metadata=" + metadata + "]";
    }

    /**
     * Builds a {@link FineTuneRequest}; defaults: no validation file, SUPERVISED, all-auto hyperparameters, no suffix,
     * seed or metadata. Not thread-safe.
     */
    public static final class Builder {
        private final String baseModel;
        private final String trainingFileId;
        private @Nullable String validationFileId;
        private FineTuneMethod method = FineTuneMethod.SUPERVISED;
        private Hyperparameters hyperparameters = Hyperparameters.AUTO;
        private @Nullable String suffix;
        private @Nullable Long seed;
        private final Map<String, String> metadata = new LinkedHashMap<>();

        private Builder(String baseModel, String trainingFileId) {
            this.baseModel = baseModel;
            this.trainingFileId = trainingFileId;
        }

        /**
         * The uploaded validation file (default none).
         *
         * @param id its id; null for none
         * @return this builder
         */
        public Builder validationFileId(@Nullable String id) {
            this.validationFileId = id;
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
         * The settings (default all auto).
         *
         * @param hyperparameters the settings; a fixed {@code beta} only with DPO
         * @return this builder
         */
        public Builder hyperparameters(Hyperparameters hyperparameters) {
            this.hyperparameters = hyperparameters;
            return this;
        }

        /**
         * The text added to the new model's name (default none).
         *
         * @param suffix 1-64 letters, digits, {@code -} or {@code _}; null for none
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
         * Adds one metadata pair (a later pair with the same key replaces the earlier one).
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
         * Builds the request.
         *
         * @return the validated request
         * @throws dev.tuneloop.errors.ValidationException listing every problem
         */
        public FineTuneRequest build() {
            return new FineTuneRequest(this);
        }
    }
}
