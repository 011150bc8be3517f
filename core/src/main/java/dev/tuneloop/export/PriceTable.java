package dev.tuneloop.export;

import dev.tuneloop.errors.ValidationException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Training prices in US dollars per 1 million training tokens, by base model (a key matches the model itself, or the
 * model followed by a dated suffix: {@code gpt-4o-mini} prices {@code gpt-4o-mini-2024-07-18}).
 *
 * <p>{@link #standard()} holds OpenAI's published training prices at the time of writing; prices change, so override
 * them with {@link #with(String, BigDecimal)}. Immutable and thread-safe.
 *
 * @param usdPerMillionTokens price per 1M training tokens by model key (lower-case); copied
 */
public record PriceTable(Map<String, BigDecimal> usdPerMillionTokens) {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    public PriceTable {
        Objects.requireNonNull(usdPerMillionTokens, "usdPerMillionTokens");
        TreeMap<String, BigDecimal> copy = new TreeMap<>();
        usdPerMillionTokens.forEach((model, price) -> {
            if (model == null || model.isBlank()) {
                throw new ValidationException("price table model must not be blank");
            }
            if (price == null || price.signum() < 0) {
                throw new ValidationException("price for " + model + " must be >= 0, but was " + price);
            }
            copy.put(model.toLowerCase(Locale.ROOT), price);
        });
        usdPerMillionTokens = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * OpenAI's training prices per 1M tokens: gpt-4o-mini $3.00, gpt-4.1-mini $5.00, gpt-4.1-nano $1.50,
     * gpt-4.1 $25.00, gpt-4o $25.00.
     */
    public static PriceTable standard() {
        return new PriceTable(Map.of(
                "gpt-4o-mini", new BigDecimal("3.00"),
                "gpt-4.1-mini", new BigDecimal("5.00"),
                "gpt-4.1-nano", new BigDecimal("1.50"),
                "gpt-4.1", new BigDecimal("25.00"),
                "gpt-4o", new BigDecimal("25.00")));
    }

    /** This table with {@code model}'s price set (added or replaced). */
    public PriceTable with(String model, BigDecimal usdPerMillion) {
        TreeMap<String, BigDecimal> copy = new TreeMap<>(usdPerMillionTokens);
        copy.put(Objects.requireNonNull(model, "model").toLowerCase(Locale.ROOT), usdPerMillion);
        return new PriceTable(copy);
    }

    /** The price per 1M training tokens for this model, if the table knows it. */
    public Optional<BigDecimal> pricePerMillion(String model) {
        return ModelNames.lookup(usdPerMillionTokens, model);
    }

    /**
     * The cost of training {@code trainingTokens} tokens (already multiplied by the epochs) on {@code model}, in
     * dollars rounded half-up to 4 decimals; empty when the model has no price.
     */
    public Optional<BigDecimal> cost(String model, long trainingTokens) {
        return pricePerMillion(model)
                .map(p -> p.multiply(BigDecimal.valueOf(trainingTokens)).divide(MILLION, 4, RoundingMode.HALF_UP));
    }
}
