package dev.tuneloop.export;

import dev.tuneloop.errors.Checks;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Training prices in US dollars per 1 million training tokens, by base model (a key matches the model itself, or the
 * model followed by a dated suffix: {@code gpt-4o-mini} prices {@code gpt-4o-mini-2024-07-18}).
 *
 * <p>{@link #standard()} holds OpenAI's published training prices at the time of writing; prices change, so override
 * them with {@link #with(String, BigDecimal)} or build a table of your own with {@link #builder()}. Immutable and
 * thread-safe; equal when the prices are.
 */
public final class PriceTable {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private final Map<String, BigDecimal> usdPerMillionTokens;

    private PriceTable(Map<String, BigDecimal> usdPerMillionTokens) {
        this.usdPerMillionTokens = usdPerMillionTokens;
    }

    /**
     * OpenAI's training prices per 1M tokens: gpt-4o-mini $3.00, gpt-4.1-mini $5.00, gpt-4.1-nano $1.50,
     * gpt-4.1 $25.00, gpt-4o $25.00.
     *
     * @return the standard table
     */
    public static PriceTable standard() {
        return builder()
                .price("gpt-4o-mini", new BigDecimal("3.00"))
                .price("gpt-4.1-mini", new BigDecimal("5.00"))
                .price("gpt-4.1-nano", new BigDecimal("1.50"))
                .price("gpt-4.1", new BigDecimal("25.00"))
                .price("gpt-4o", new BigDecimal("25.00"))
                .build();
    }

    /**
     * A builder of an empty table (start from {@link #standard()} with {@link #toBuilder()} to keep its prices).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this table's prices.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.prices.putAll(usdPerMillionTokens);
        return b;
    }

    /**
     * This table with {@code model}'s price set (added or replaced).
     *
     * @param model         the model key, matched case-insensitively
     * @param usdPerMillion the price in dollars per 1M training tokens; at least 0
     * @return a new table
     * @throws dev.tuneloop.errors.ValidationException when the model is blank or the price negative
     */
    public PriceTable with(String model, BigDecimal usdPerMillion) {
        return toBuilder()
                .price(Objects.requireNonNull(model, "model"), usdPerMillion)
                .build();
    }

    /**
     * The prices by model key.
     *
     * @return price per 1M training tokens by lower-case model key, sorted by key; unmodifiable
     */
    public Map<String, BigDecimal> usdPerMillionTokens() {
        return usdPerMillionTokens;
    }

    /**
     * The price of a model.
     *
     * @param model the base model (a fine-tuned id {@code ft:base:org::id} is priced as its base)
     * @return the price per 1M training tokens, or empty when the table does not know the model
     */
    public Optional<BigDecimal> pricePerMillion(String model) {
        return ModelNames.lookup(usdPerMillionTokens, model);
    }

    /**
     * The cost of training {@code trainingTokens} tokens (already multiplied by the epochs) on {@code model}.
     *
     * @param model          the base model
     * @param trainingTokens the billed training tokens
     * @return the cost in dollars rounded half-up to 4 decimals; empty when the model has no price
     */
    public Optional<BigDecimal> cost(String model, long trainingTokens) {
        return pricePerMillion(model)
                .map(p -> p.multiply(BigDecimal.valueOf(trainingTokens)).divide(MILLION, 4, RoundingMode.HALF_UP));
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof PriceTable other && usdPerMillionTokens.equals(other.usdPerMillionTokens);
    }

    @Override
    public int hashCode() {
        return usdPerMillionTokens.hashCode();
    }

    @Override
    public String toString() {
        return "PriceTable" + usdPerMillionTokens;
    }

    /** Collects prices; not thread-safe. {@link #build()} checks them all at once. */
    public static final class Builder {
        private final Map<String, @Nullable BigDecimal> prices = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Sets the price of a model (replacing an earlier one for the same lower-cased key).
         *
         * @param model         the model key (e.g. {@code "gpt-4o-mini"}), matched case-insensitively; not blank
         * @param usdPerMillion dollars per 1M training tokens; at least 0
         * @return this builder
         */
        public Builder price(String model, BigDecimal usdPerMillion) {
            prices.put(model, usdPerMillion);
            return this;
        }

        /**
         * Builds the table.
         *
         * @return the table
         * @throws dev.tuneloop.errors.ValidationException naming every blank model and every missing or negative
         *     price
         */
        public PriceTable build() {
            Checks c = Checks.start();
            TreeMap<String, BigDecimal> copy = new TreeMap<>();
            prices.forEach((model, price) -> {
                if (model == null || model.isBlank()) {
                    c.add("price table model must not be blank, but was '" + model + "'");
                } else if (price == null || price.signum() < 0) {
                    c.add("price for " + model + " must be >= 0, but was " + price);
                } else {
                    copy.put(model.toLowerCase(Locale.ROOT), price);
                }
            });
            c.orThrow();
            return new PriceTable(Collections.unmodifiableMap(copy));
        }
    }
}
