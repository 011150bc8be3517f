package dev.tuneloop.curate;

import dev.tuneloop.errors.Checks;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which training examples to stream. Results come in example-id order (the order they were first reviewed).
 * Immutable; start from {@link #all()} or {@link #approved()} and narrow with the {@code with*} methods.
 *
 * @param statuses        keep these statuses; empty for any
 * @param split           keep this split; null for any
 * @param minQuality      keep examples scored at least this (1-10); 1 keeps every scored example. Examples without a
 *                        score (rejected ones) are kept only when {@code minQuality} is 1 and their status is asked for
 * @param categories      keep these categories; empty for any
 * @param reviewedFrom    inclusive lower bound on {@code reviewedAt}; null for none
 * @param reviewedUntil   exclusive upper bound on {@code reviewedAt}; null for none
 * @param limit           at most this many; {@link Integer#MAX_VALUE} for all
 */
public record ExampleQuery(
        Set<ExampleStatus> statuses,
        @Nullable Split split,
        int minQuality,
        Set<Category> categories,
        @Nullable Instant reviewedFrom,
        @Nullable Instant reviewedUntil,
        int limit) {

    /**
     * Copies the sets and checks the numbers, reporting both problems at once.
     *
     * @param statuses      keep these statuses; empty for any
     * @param split         keep this split; null for any
     * @param minQuality    keep examples scored at least this (1-10); 1 keeps every scored example. Examples without a
     *                      score (rejected ones) are kept only when {@code minQuality} is 1 and their status is asked
     *                      for
     * @param categories    keep these categories; empty for any
     * @param reviewedFrom  inclusive lower bound on {@code reviewedAt}; null for none
     * @param reviewedUntil exclusive upper bound on {@code reviewedAt}; null for none
     * @param limit         at most this many; {@link Integer#MAX_VALUE} for all
     * @throws NullPointerException                    when a set is null or holds null
     * @throws dev.tuneloop.errors.ValidationException when {@code minQuality} is outside 1-10 or {@code limit} is not
     *     positive
     */
    public ExampleQuery {
        statuses = Set.copyOf(statuses);
        categories = Set.copyOf(categories);
        Checks.start()
                .require(
                        minQuality >= 1 && minQuality <= 10,
                        "minQuality must be between 1 and 10, but was " + minQuality)
                .require(limit > 0, "limit must be > 0, but was " + limit)
                .orThrow();
    }

    /**
     * Every example, approved or rejected.
     *
     * @return a query without filters
     */
    public static ExampleQuery all() {
        return new ExampleQuery(Set.of(), null, 1, Set.of(), null, null, Integer.MAX_VALUE);
    }

    /**
     * Approved examples of any split and score.
     *
     * @return a query for the approved examples
     */
    public static ExampleQuery approved() {
        return new ExampleQuery(Set.of(ExampleStatus.APPROVED), null, 1, Set.of(), null, null, Integer.MAX_VALUE);
    }

    /**
     * This query, keeping only one split.
     *
     * @param s the split to keep; null for any
     * @return a new query
     */
    public ExampleQuery withSplit(@Nullable Split s) {
        return new ExampleQuery(statuses, s, minQuality, categories, reviewedFrom, reviewedUntil, limit);
    }

    /**
     * This query, keeping only examples scored at least {@code q}.
     *
     * @param q 1-10; 1 also keeps examples without a score
     * @return a new query
     * @throws dev.tuneloop.errors.ValidationException when {@code q} is outside 1-10
     */
    public ExampleQuery withMinQuality(int q) {
        return new ExampleQuery(statuses, split, q, categories, reviewedFrom, reviewedUntil, limit);
    }

    /**
     * This query, keeping only these categories (replacing any given before).
     *
     * @param c the categories; empty for any
     * @return a new query
     */
    public ExampleQuery withCategories(Set<Category> c) {
        return new ExampleQuery(statuses, split, minQuality, c, reviewedFrom, reviewedUntil, limit);
    }

    /**
     * This query, keeping only examples last reviewed in {@code [from, until)}.
     *
     * @param from  inclusive lower bound; null for none
     * @param until exclusive upper bound; null for none
     * @return a new query
     */
    public ExampleQuery withReviewedBetween(@Nullable Instant from, @Nullable Instant until) {
        return new ExampleQuery(statuses, split, minQuality, categories, from, until, limit);
    }

    /**
     * This query, returning at most {@code l} examples.
     *
     * @param l at least 1
     * @return a new query
     * @throws dev.tuneloop.errors.ValidationException when {@code l} is not positive
     */
    public ExampleQuery withLimit(int l) {
        return new ExampleQuery(statuses, split, minQuality, categories, reviewedFrom, reviewedUntil, l);
    }
}
