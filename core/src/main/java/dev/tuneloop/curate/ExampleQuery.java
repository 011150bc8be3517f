package dev.tuneloop.curate;

import dev.tuneloop.internal.Checks;
import java.time.Instant;
import java.util.Set;

/**
 * Which training examples to stream. Results come in example-id order (the order they were first reviewed).
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
        Split split,
        int minQuality,
        Set<Category> categories,
        Instant reviewedFrom,
        Instant reviewedUntil,
        int limit) {

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

    /** Every example, approved or rejected. */
    public static ExampleQuery all() {
        return new ExampleQuery(Set.of(), null, 1, Set.of(), null, null, Integer.MAX_VALUE);
    }

    /** Approved examples of any split and score. */
    public static ExampleQuery approved() {
        return new ExampleQuery(Set.of(ExampleStatus.APPROVED), null, 1, Set.of(), null, null, Integer.MAX_VALUE);
    }

    public ExampleQuery withSplit(Split s) {
        return new ExampleQuery(statuses, s, minQuality, categories, reviewedFrom, reviewedUntil, limit);
    }

    public ExampleQuery withMinQuality(int q) {
        return new ExampleQuery(statuses, split, q, categories, reviewedFrom, reviewedUntil, limit);
    }

    public ExampleQuery withCategories(Set<Category> c) {
        return new ExampleQuery(statuses, split, minQuality, c, reviewedFrom, reviewedUntil, limit);
    }

    public ExampleQuery withReviewedBetween(Instant from, Instant until) {
        return new ExampleQuery(statuses, split, minQuality, categories, from, until, limit);
    }

    public ExampleQuery withLimit(int l) {
        return new ExampleQuery(statuses, split, minQuality, categories, reviewedFrom, reviewedUntil, l);
    }
}
