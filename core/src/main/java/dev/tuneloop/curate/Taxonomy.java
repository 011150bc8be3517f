package dev.tuneloop.curate;

import dev.tuneloop.errors.ValidationException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The set of categories a curation accepts. {@link #OPEN} accepts any category; a closed taxonomy (such as the seed's
 * eight, {@link #SEED}) rejects an unknown category with a message listing the allowed ones. Immutable and
 * thread-safe.
 */
public final class Taxonomy {
    /** Accepts every category. */
    public static final Taxonomy OPEN = new Taxonomy(null);

    /** The seed's eight categories, in the seed's order. */
    public static final Taxonomy SEED = of(List.of(
            Category.SEC_10K,
            Category.SEC_10Q,
            Category.SEC_8K,
            Category.GAAP_RECONCILIATION,
            Category.SBC_BREAKDOWN,
            Category.ANALYST_ESTIMATES,
            Category.FINANCIAL_METRICS,
            Category.COMPARISON));

    private final @Nullable Set<Category> allowed; // null = open

    private Taxonomy(@Nullable Set<Category> allowed) {
        this.allowed = allowed;
    }

    /**
     * A closed taxonomy of exactly these categories (order kept, repeats dropped).
     *
     * @param categories at least one category
     * @return the taxonomy
     * @throws ValidationException when {@code categories} is empty
     * @throws NullPointerException when {@code categories} is null
     */
    public static Taxonomy of(List<Category> categories) {
        if (categories.isEmpty()) {
            throw new ValidationException("a closed taxonomy needs at least one category");
        }
        return new Taxonomy(new LinkedHashSet<>(categories));
    }

    /**
     * Whether every category is accepted.
     *
     * @return true for {@link #OPEN}
     */
    public boolean isOpen() {
        return allowed == null;
    }

    /**
     * The allowed categories.
     *
     * @return the categories in order; empty for an open taxonomy
     */
    public List<Category> categories() {
        return allowed == null ? List.of() : List.copyOf(allowed);
    }

    /**
     * Whether a review may use {@code c}.
     *
     * @param c the category
     * @return true when the taxonomy is open or holds {@code c}
     */
    public boolean accepts(Category c) {
        return allowed == null || allowed.contains(c);
    }

    /**
     * Checks that a review may use {@code c}.
     *
     * @param c the category
     * @return {@code c}
     * @throws ValidationException naming the category and the allowed ones, when it is not accepted
     * @throws NullPointerException when {@code c} is null
     */
    public Category check(Category c) {
        Objects.requireNonNull(c, "category");
        if (!accepts(c)) {
            throw new ValidationException("category '" + c.name() + "' is not in the taxonomy; allowed: "
                    + categories().stream().map(Category::name).collect(Collectors.joining(", ")));
        }
        return c;
    }
}
