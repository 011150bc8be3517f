package dev.tuneloop.export;

import dev.tuneloop.errors.ValidationException;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The most tokens one training example may have, by base model (keys match as in {@link PriceTable}). Longer examples
 * are truncated by the provider, which usually cuts the assistant's answer, so the validator reports them.
 * Immutable and thread-safe.
 *
 * @param perModel limit by model key (lower-case); copied
 * @param fallback the limit for a model not in the table
 */
public record TokenLimits(Map<String, Integer> perModel, int fallback) {

    public TokenLimits {
        Objects.requireNonNull(perModel, "perModel");
        TreeMap<String, Integer> copy = new TreeMap<>();
        perModel.forEach((model, limit) -> {
            if (limit == null || limit < 1) {
                throw new ValidationException("token limit for " + model + " must be > 0, but was " + limit);
            }
            copy.put(model.toLowerCase(Locale.ROOT), limit);
        });
        perModel = Collections.unmodifiableMap(copy);
        if (fallback < 1) {
            throw new ValidationException("fallback token limit must be > 0, but was " + fallback);
        }
    }

    /**
     * OpenAI's training context per example: 65 536 for gpt-4o-mini-2024-07-18, gpt-4o-2024-08-06 and the gpt-4.1
     * family; 16 385 for gpt-3.5-turbo; 65 536 for anything else.
     */
    public static TokenLimits standard() {
        return new TokenLimits(
                Map.of(
                        "gpt-4o-mini", 65_536,
                        "gpt-4o", 65_536,
                        "gpt-4.1", 65_536,
                        "gpt-4.1-mini", 65_536,
                        "gpt-4.1-nano", 65_536,
                        "gpt-3.5-turbo", 16_385),
                65_536);
    }

    /** This table with {@code model}'s limit set. */
    public TokenLimits with(String model, int limit) {
        TreeMap<String, Integer> copy = new TreeMap<>(perModel);
        copy.put(Objects.requireNonNull(model, "model").toLowerCase(Locale.ROOT), limit);
        return new TokenLimits(copy, fallback);
    }

    /** The limit for a base model. */
    public int limitFor(String model) {
        return ModelNames.lookup(perModel, model).orElse(fallback);
    }
}
