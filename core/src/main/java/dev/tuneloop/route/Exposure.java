package dev.tuneloop.route;

import java.time.Instant;
import java.util.Objects;

/**
 * One sampled assignment, as handed to an {@link ExposureListener}.
 *
 * @param userId     the user id as given to the router; empty for anonymous traffic (never null)
 * @param assignment where the user was sent; never null
 * @param at         when the router made the assignment; never null
 */
public record Exposure(String userId, Assignment assignment, Instant at) {
    /**
     * Checks the parts.
     *
     * @param userId     the user id as given to the router; empty for anonymous traffic (never null)
     * @param assignment where the user was sent; never null
     * @param at         when the router made the assignment; never null
     * @throws NullPointerException naming the first null part
     */
    public Exposure {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(assignment, "assignment");
        Objects.requireNonNull(at, "at");
    }
}
