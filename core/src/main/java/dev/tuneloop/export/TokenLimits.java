package dev.tuneloop.export;

import dev.tuneloop.errors.Checks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The most tokens one training example may have, by base model (keys match as in {@link PriceTable}). Longer examples
 * are truncated by the provider, which usually cuts the assistant's answer, so the validator reports them.
 * Immutable and thread-safe; equal when the limits are.
 */
public final class TokenLimits {

    /** The limit for a model the table does not know, unless set otherwise: {@value} (OpenAI's 64 Ki context). */
    public static final int DEFAULT_FALLBACK = 65_536;

    private final Map<String, Integer> perModel;
    private final int fallback;

    private TokenLimits(Map<String, Integer> perModel, int fallback) {
        this.perModel = perModel;
        this.fallback = fallback;
    }

    /**
     * OpenAI's training context per example: 65 536 for gpt-4o-mini-2024-07-18, gpt-4o-2024-08-06 and the gpt-4.1
     * family; 16 385 for gpt-3.5-turbo; 65 536 for anything else.
     *
     * @return the standard limits
     */
    public static TokenLimits standard() {
        return builder()
                .limit("gpt-4o-mini", 65_536)
                .limit("gpt-4o", 65_536)
                .limit("gpt-4.1", 65_536)
                .limit("gpt-4.1-mini", 65_536)
                .limit("gpt-4.1-nano", 65_536)
                .limit("gpt-3.5-turbo", 16_385)
                .fallback(DEFAULT_FALLBACK)
                .build();
    }

    /**
     * A builder of a table without per-model limits and the {@link #DEFAULT_FALLBACK} (start from {@link #standard()}
     * with {@link #toBuilder()} to keep its limits).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this table's limits and fallback.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.perModel.putAll(perModel);
        b.fallback = fallback;
        return b;
    }

    /**
     * This table with {@code model}'s limit set (added or replaced).
     *
     * @param model the model key, matched case-insensitively
     * @param limit the most tokens per example; at least 1
     * @return a new table
     * @throws dev.tuneloop.errors.ValidationException when the limit is below 1
     */
    public TokenLimits with(String model, int limit) {
        return toBuilder().limit(Objects.requireNonNull(model, "model"), limit).build();
    }

    /**
     * The per-model limits.
     *
     * @return limit by lower-case model key, sorted by key; unmodifiable
     */
    public Map<String, Integer> perModel() {
        return perModel;
    }

    /**
     * The limit for a model not in the table.
     *
     * @return at least 1
     */
    public int fallback() {
        return fallback;
    }

    /**
     * The limit for a base model.
     *
     * @param model the base model (a fine-tuned id {@code ft:base:org::id} counts as its base)
     * @return the most tokens one example may have
     */
    public int limitFor(String model) {
        return ModelNames.lookup(perModel, model).orElse(fallback);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof TokenLimits other && fallback == other.fallback && perModel.equals(other.perModel);
    }

    @Override
    public int hashCode() {
        return 31 * perModel.hashCode() + fallback;
    }

    @Override
    public String toString() {
        return "TokenLimits[perModel=" + perModel + ", fallback=" + fallback + "]";
    }

    /** Collects limits; not thread-safe. {@link #build()} checks them all at once. */
    public static final class Builder {
        private final Map<String, Integer> perModel = new LinkedHashMap<>();
        private int fallback = DEFAULT_FALLBACK;

        private Builder() {}

        /**
         * Sets the limit of a model (replacing an earlier one for the same lower-cased key).
         *
         * @param model the model key (e.g. {@code "gpt-4o-mini"}), matched case-insensitively; not blank
         * @param limit the most tokens per example; at least 1
         * @return this builder
         */
        public Builder limit(String model, int limit) {
            perModel.put(model, limit);
            return this;
        }

        /**
         * Sets the limit for models not in the table (default {@value TokenLimits#DEFAULT_FALLBACK}).
         *
         * @param fallback the most tokens per example; at least 1
         * @return this builder
         */
        public Builder fallback(int fallback) {
            this.fallback = fallback;
            return this;
        }

        /**
         * Builds the table.
         *
         * @return the table
         * @throws dev.tuneloop.errors.ValidationException naming every blank model and every limit below 1
         */
        public TokenLimits build() {
            Checks c = Checks.start();
            TreeMap<String, Integer> copy = new TreeMap<>();
            perModel.forEach((model, limit) -> {
                if (model == null || model.isBlank()) {
                    c.add("token limit model must not be blank, but was '" + model + "'");
                } else if (limit < 1) {
                    c.add("token limit for " + model + " must be > 0, but was " + limit);
                } else {
                    copy.put(model.toLowerCase(Locale.ROOT), limit);
                }
            });
            c.require(fallback >= 1, "fallback token limit must be > 0, but was " + fallback);
            c.orThrow();
            return new TokenLimits(Collections.unmodifiableMap(copy), fallback);
        }
    }
}
