package dev.tuneloop.record;

import dev.tuneloop.internal.Checks;
import java.time.Instant;

/**
 * A range of recorded interactions to stream or count, e.g. for metrics. Results come in {@code created_at}
 * order, then id order.
 *
 * @param createdFrom  inclusive lower bound; null for none
 * @param createdUntil exclusive upper bound; null for none
 * @param modelUsed    only this model; null for any
 * @param userId       only this user; null for any
 */
public record ScanQuery(Instant createdFrom, Instant createdUntil, String modelUsed, String userId) {
    private static final ScanQuery ALL = new ScanQuery(null, null, null, null);

    public ScanQuery {
        Checks.start()
                .require(
                        createdFrom == null || createdUntil == null || createdUntil.isAfter(createdFrom),
                        "createdUntil must be after createdFrom, but was " + createdUntil + " <= " + createdFrom)
                .orThrow();
    }

    /** Every interaction. */
    public static ScanQuery all() {
        return ALL;
    }

    /** Interactions created in {@code [from, until)}. */
    public static ScanQuery between(Instant from, Instant until) {
        return new ScanQuery(from, until, null, null);
    }

    public ScanQuery withModelUsed(String model) {
        return new ScanQuery(createdFrom, createdUntil, model, userId);
    }

    public ScanQuery withUserId(String user) {
        return new ScanQuery(createdFrom, createdUntil, modelUsed, user);
    }
}
