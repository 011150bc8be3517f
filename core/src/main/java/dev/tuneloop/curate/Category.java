package dev.tuneloop.curate;

import java.util.regex.Pattern;

/**
 * The category of a training example: an open value type (any lower-case slug), with the seed's eight as
 * constants and as the preset {@link Taxonomy#SEED}. Immutable; equal by name.
 *
 * @param name a slug: lower-case ASCII letters, digits and {@code _ - .}, 1-64 characters, starting with a letter
 */
public record Category(String name) {
    private static final Pattern SLUG = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

    /** The seed's category {@code sec_10k}: questions about annual reports (Form 10-K). */
    public static final Category SEC_10K = new Category("sec_10k");
    /** The seed's category {@code sec_10q}: questions about quarterly reports (Form 10-Q). */
    public static final Category SEC_10Q = new Category("sec_10q");
    /** The seed's category {@code sec_8k}: questions about current reports (Form 8-K). */
    public static final Category SEC_8K = new Category("sec_8k");
    /** The seed's category {@code gaap_reconciliation}: reconciling GAAP and non-GAAP figures. */
    public static final Category GAAP_RECONCILIATION = new Category("gaap_reconciliation");
    /** The seed's category {@code sbc_breakdown}: stock-based compensation and its breakdown. */
    public static final Category SBC_BREAKDOWN = new Category("sbc_breakdown");
    /** The seed's category {@code analyst_estimates}: analyst estimates and consensus. */
    public static final Category ANALYST_ESTIMATES = new Category("analyst_estimates");
    /** The seed's category {@code financial_metrics}: financial metrics and ratios. */
    public static final Category FINANCIAL_METRICS = new Category("financial_metrics");
    /** The seed's category {@code comparison}: comparisons between companies or periods. */
    public static final Category COMPARISON = new Category("comparison");

    /**
     * Checks the slug rule.
     *
     * @param name a slug: lower-case ASCII letters, digits and {@code _ - .}, 1-64 characters, starting with a letter
     * @throws dev.tuneloop.errors.ValidationException naming the rule (and the value, cut to 70 characters) when
     *     {@code name} is null, empty or not a slug
     */
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

    /**
     * The category named {@code name}.
     *
     * @param name a slug, see {@link Category}
     * @return the category
     * @throws dev.tuneloop.errors.ValidationException when {@code name} is not a slug
     */
    public static Category of(String name) {
        return new Category(name);
    }

    /**
     * The slug itself, so a category reads naturally in messages and reports.
     *
     * @return {@link #name()}
     */
    @Override
    public String toString() {
        return name;
    }
}
