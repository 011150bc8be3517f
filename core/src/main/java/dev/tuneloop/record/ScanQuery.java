package dev.tuneloop.record;

import dev.tuneloop.errors.Checks;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A range of recorded interactions to stream or count, e.g. for metrics. Results come in {@code created_at}
 * order, then id order.
 *
 * @param createdFrom  inclusive lower bound; null for none
 * @param createdUntil exclusive upper bound; null for none
 * @param modelUsed    only this model; null for any
 * @param userId       only this user; null for any
 */
public record ScanQuery(
        @Nullable Instant createdFrom,
        @Nullable Instant createdUntil,
        @Nullable String modelUsed,
        @Nullable String userId) {
    private static final ScanQuery ALL = new ScanQuery(null, null, null, null);

    /**
     * Checks the range.
     *
     * @param createdFrom  inclusive lower bound; null for none
     * @param createdUntil exclusive upper bound; null for none, else after {@code createdFrom}
     * @param modelUsed    only this model; null for any
     * @param userId       only this user; null for any
     * @throws dev.tuneloop.errors.ValidationException when both bounds are given and the range is empty
     */
    public ScanQuery {
        Checks.start()
                .require(
                        createdFrom == null || createdUntil == null || createdUntil.isAfter(createdFrom),
                        "createdUntil must be after createdFrom, but was " + createdUntil + " <= " + createdFrom)
                .orThrow();
    }

    /**
     * Every interaction.
     *
     * @return the shared unbounded query
     */
    public static ScanQuery all() {
        return ALL;
    }

    /**
     * Interactions created in {@code [from, until)}.
     *
     * @param from  inclusive lower bound; null for none
     * @param until exclusive upper bound; null for none
     * @return the query, for any model and user
     * @throws dev.tuneloop.errors.ValidationException when both bounds are given and {@code until} is not after
     *     {@code from}
     */
    public static ScanQuery between(@Nullable Instant from, @Nullable Instant until) {
        return new ScanQuery(from, until, null, null);
    }

    /**
     * This query restricted to one model.
     *
     * @param model the model's id; null for any
     * @return a new query
     */
    public ScanQuery withModelUsed(@Nullable String model) {
        return new ScanQuery(createdFrom, createdUntil, model, userId);
    }

    /**
     * This query restricted to one user.
     *
     * @param user the user's id; null for any
     * @return a new query
     */
    public ScanQuery withUserId(@Nullable String user) {
        return new ScanQuery(createdFrom, createdUntil, modelUsed, user);
    }
}
