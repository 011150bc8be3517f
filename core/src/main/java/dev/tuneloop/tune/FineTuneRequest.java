package dev.tuneloop.tune;

import dev.tuneloop.internal.Checks;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What to fine-tune: a base model, an uploaded training file, the method and its settings. Built with
 * {@link #builder(String, String)}; validated as a whole, reporting every problem at once.
 *
 * @param baseModel        the model to fine-tune, e.g. {@code "gpt-4o-mini-2024-07-18"}; never null
 * @param trainingFileId   the id of an uploaded training file; never null
 * @param validationFileId the id of an uploaded validation file; null when none
 * @param method           SUPERVISED or DPO; never null
 * @param hyperparameters  the settings (a fixed {@code beta} only with DPO); never null
 * @param suffix           1-64 letters, digits, {@code -} or {@code _}, added to the new model's name; null when none
 * @param seed             the reproducibility seed; null to let the provider pick
 * @param metadata         up to 16 pairs, keys at most 64 characters, values at most 512; never null
 */
public record FineTuneRequest(
        String baseModel,
        String trainingFileId,
        String validationFileId,
        FineTuneMethod method,
        Hyperparameters hyperparameters,
        String suffix,
        Long seed,
        Map<String, String> metadata) {

    /** Longest suffix OpenAI accepts. */
    public static final int MAX_SUFFIX_LENGTH = 64;
    /** Most metadata pairs OpenAI accepts. */
    public static final int MAX_METADATA_ENTRIES = 16;
    /**
     * The characters accepted in a suffix. OpenAI documents only the length; the suffix becomes part of a model name
     * such as {@code ft:gpt-4o-mini:org:my-suffix:abc123}, so this keeps to the characters that are safe there
     * (no {@code :}, no spaces).
     */
    public static final Pattern SUFFIX_PATTERN = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_SUFFIX_LENGTH + "}");

    /** @throws dev.tuneloop.errors.ValidationException listing every problem */
    public FineTuneRequest {
        Checks c = Checks.start();
        c.text("baseModel", baseModel, true, 256);
        c.text("trainingFileId", trainingFileId, true, 256);
        c.text("validationFileId", validationFileId, false, 256);
        c.require(method != null, "method is required, but was null");
        c.require(hyperparameters != null, "hyperparameters is required, but was null");
        c.require(metadata != null, "metadata is required (use an empty map), but was null");
        if (suffix != null && !SUFFIX_PATTERN.matcher(suffix).matches()) {
            c.add("suffix must be 1-" + MAX_SUFFIX_LENGTH + " characters of A-Z, a-z, 0-9, '-' or '_', but was \""
                    + shown(suffix) + "\" (" + suffix.length() + " characters)");
        }
        c.require(
                method != FineTuneMethod.REINFORCEMENT,
                "method must be SUPERVISED or DPO (REINFORCEMENT jobs cannot be created here), but was REINFORCEMENT");
        if (method != null
                && hyperparameters != null
                && method != FineTuneMethod.DPO
                && !hyperparameters.beta().auto()) {
            c.add("hyperparameters.beta applies only to method DPO, but method was " + method);
        }
        if (metadata != null) {
            c.require(
                    metadata.size() <= MAX_METADATA_ENTRIES,
                    "metadata must have at most " + MAX_METADATA_ENTRIES + " entries, but had " + metadata.size());
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                if (e.getKey() == null || e.getKey().isEmpty() || e.getKey().length() > 64) {
                    c.add("metadata keys must be 1-64 characters, but one had "
                            + (e.getKey() == null ? "null" : e.getKey().length() + " characters"));
                } else if (e.getValue() == null || e.getValue().length() > 512) {
                    c.add("metadata value of key \"" + shown(e.getKey()) + "\" must be non-null and at most 512"
                            + " characters, but was "
                            + (e.getValue() == null ? "null" : e.getValue().length() + " characters"));
                }
            }
        }
        c.orThrow();
        metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** A builder for a request on {@code baseModel} with the uploaded {@code trainingFileId}. */
    public static Builder builder(String baseModel, String trainingFileId) {
        return new Builder(baseModel, trainingFileId);
    }

    private static String shown(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }

    /** Builds a {@link FineTuneRequest}; defaults: SUPERVISED, all-auto hyperparameters, no suffix, seed, metadata. */
    public static final class Builder {
        private final String baseModel;
        private final String trainingFileId;
        private String validationFileId;
        private FineTuneMethod method = FineTuneMethod.SUPERVISED;
        private Hyperparameters hyperparameters = Hyperparameters.AUTO;
        private String suffix;
        private Long seed;
        private final Map<String, String> metadata = new LinkedHashMap<>();

        private Builder(String baseModel, String trainingFileId) {
            this.baseModel = baseModel;
            this.trainingFileId = trainingFileId;
        }

        public Builder validationFileId(String id) {
            this.validationFileId = id;
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

        /** Adds one metadata pair (later pairs with the same key replace earlier ones). */
        public Builder metadata(String key, String value) {
            this.metadata.put(Objects.requireNonNull(key, "key"), value);
            return this;
        }

        /** @throws dev.tuneloop.errors.ValidationException listing every problem */
        public FineTuneRequest build() {
            return new FineTuneRequest(
                    baseModel, trainingFileId, validationFileId, method, hyperparameters, suffix, seed, metadata);
        }
    }
}
