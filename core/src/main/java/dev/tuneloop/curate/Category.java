package dev.tuneloop.curate;

import java.util.regex.Pattern;

/**
 * The category of a training example: an open value type (any lower-case slug), with the seed's eight as
 * constants and as the preset {@link Taxonomy#SEED}.
 *
 * @param name a slug: lower-case ASCII letters, digits and {@code _ - .}, 1-64 characters, starting with a letter
 */
public record Category(String name) {
    private static final Pattern SLUG = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

    public static final Category SEC_10K = new Category("sec_10k");
    public static final Category SEC_10Q = new Category("sec_10q");
    public static final Category SEC_8K = new Category("sec_8k");
    public static final Category GAAP_RECONCILIATION = new Category("gaap_reconciliation");
    public static final Category SBC_BREAKDOWN = new Category("sbc_breakdown");
    public static final Category ANALYST_ESTIMATES = new Category("analyst_estimates");
    public static final Category FINANCIAL_METRICS = new Category("financial_metrics");
    public static final Category COMPARISON = new Category("comparison");

    public Category {
        if (name == null || name.isEmpty()) {
            throw new dev.tuneloop.errors.ValidationException("category must not be empty");
        }
        if (!SLUG.matcher(name).matches()) {
            throw new dev.tuneloop.errors.ValidationException(
                    "category must be a lower-case slug of 1-64 characters " + "([a-z][a-z0-9_.-]*), but was '"
                            + (name.length() > 70 ? name.substring(0, 70) + "…" : name) + "'");
        }
    }

    public static Category of(String name) {
        return new Category(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
