package dev.tuneloop.curate;

import dev.tuneloop.record.InteractionId;
import java.time.Instant;
import java.util.Objects;

/**
 * A reviewer's lease on one candidate: while it is live, the candidate is in that reviewer's queue only, and approving
 * or rejecting it as someone else is refused. A claim is live until {@code expiresAt} (exclusive); an expired claim
 * no longer holds anything and the candidate may be claimed again, by anyone.
 *
 * @param interactionId the claimed candidate
 * @param reviewer      who holds it (the name the reviewer reviews under)
 * @param claimedAt     when it was claimed (or claimed again after expiry)
 * @param expiresAt     when the lease ends unless renewed; after {@code claimedAt}
 */
public record Claim(InteractionId interactionId, String reviewer, Instant claimedAt, Instant expiresAt) {

    /**
     * Validates the claim.
     *
     * @param interactionId the claimed candidate
     * @param reviewer      who holds it (the name the reviewer reviews under)
     * @param claimedAt     when it was claimed (or claimed again after expiry)
     * @param expiresAt     when the lease ends unless renewed; after {@code claimedAt}
     * @throws NullPointerException when a component is null
     * @throws IllegalArgumentException when {@code expiresAt} is not after {@code claimedAt}
     */
    public Claim {
        Objects.requireNonNull(interactionId, "interactionId");
        Objects.requireNonNull(reviewer, "reviewer");
        Objects.requireNonNull(claimedAt, "claimedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(claimedAt)) {
            throw new IllegalArgumentException("expiresAt must be after claimedAt, but was " + expiresAt
                    + " for a claim made at " + claimedAt + " on interaction " + interactionId);
        }
    }

    /**
     * Whether the lease still holds at {@code now}.
     *
     * @param now the current time
     * @return {@code true} when {@code now} is before {@link #expiresAt()}
     */
    public boolean isLive(Instant now) {
        return now.isBefore(expiresAt);
    }
}
