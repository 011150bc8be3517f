package dev.tuneloop.curate;

import dev.tuneloop.errors.Checks;
import dev.tuneloop.record.InteractionId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where reviewers' {@link Claim}s on candidates are kept (the {@code review_claims} table of the JDBC store).
 *
 * <p>Contract, checked for every implementation by the shared contract suite ({@code ClaimStoreContract} in core's
 * test-jar): an interaction has at most one live claim, even when reviewers on different threads or different
 * processes claim at the same moment; only interactions that exist and have no example can be claimed; a claim that
 * expired may be taken by anyone; a claim ends when it expires or its holder releases it. Times are truncated to the
 * microsecond. Thread-safe.
 *
 * <p>The lease rule is in the arguments rather than the store so that tests and hosts control the clock.
 */
public interface ClaimStore {

    /**
     * Atomically claims for {@code reviewer} up to {@code max} of the {@code offered} interactions, taken in the order
     * offered: those that exist, have no example and have no live claim (a claim of the same reviewer that is still
     * live is skipped: it is already theirs). Two concurrent calls never both get the same interaction.
     *
     * @param reviewer who claims; not blank, at most 1024 UTF-8 bytes
     * @param offered  the candidates to take from, best first (duplicates are taken once)
     * @param max      at most how many to claim; at least 1
     * @param now      the current time; each new claim runs from it
     * @param lease    how long each claim lasts unless renewed; positive
     * @return the new claims, in the order offered; empty when none could be claimed
     * @throws dev.tuneloop.errors.ValidationException when the reviewer is blank or too long, {@code max} is below 1,
     *     or the lease is not positive
     */
    List<Claim> claim(String reviewer, List<InteractionId> offered, int max, Instant now, Duration lease);

    /**
     * Extends every claim {@code reviewer} still holds to {@code now + lease}: the live ones, and the expired ones
     * nobody else has claimed since (a reviewer who comes back late keeps their work unless it was taken).
     *
     * @param reviewer whose claims
     * @param now      the current time
     * @param lease    the new lease, from {@code now}; positive
     * @return the renewed claims, in claim order (oldest first, then by interaction id)
     * @throws dev.tuneloop.errors.ValidationException when the reviewer is blank or the lease is not positive
     */
    List<Claim> renew(String reviewer, Instant now, Duration lease);

    /**
     * Ends {@code reviewer}'s claim on one interaction (after a review, or to give it back).
     *
     * @param reviewer      the holder
     * @param interactionId the claimed interaction
     * @return whether {@code reviewer} held a claim on it (live or expired) that is now gone
     */
    boolean release(String reviewer, InteractionId interactionId);

    /**
     * Every claim live at {@code now} on an interaction that still exists and has no example yet, in claim order
     * (oldest first, then by interaction id): a reviewed (or erased) interaction is held by nobody.
     *
     * @param now the current time
     * @return the live claims; never null
     */
    List<Claim> active(Instant now);

    /**
     * The live claim on one interaction.
     *
     * @param interactionId the interaction
     * @param now           the current time
     * @return its live claim; empty when nobody holds it
     */
    default Optional<Claim> holder(InteractionId interactionId, Instant now) {
        return active(now).stream()
                .filter(c -> c.interactionId().equals(interactionId))
                .findFirst();
    }

    /**
     * The live claims of one reviewer.
     *
     * @param reviewer the reviewer
     * @param now      the current time
     * @return their live claims, in claim order
     */
    default List<Claim> heldBy(String reviewer, Instant now) {
        return active(now).stream().filter(c -> c.reviewer().equals(reviewer)).toList();
    }

    /**
     * The argument rules of {@link #claim} and {@link #renew}, for implementations: one home, so every store reports
     * the same problems with the same words.
     *
     * @param reviewer the reviewer argument
     * @param max      the batch size ({@code 1} for {@link #renew}, which has none)
     * @param lease    the lease argument
     * @throws dev.tuneloop.errors.ValidationException listing every problem
     * @throws NullPointerException when {@code lease} is null
     */
    static void checkArguments(String reviewer, int max, Duration lease) {
        Checks.start()
                .text("reviewer", reviewer, true, 1024)
                .require(max >= 1, "max must be >= 1, but was " + max)
                .require(
                        !lease.isNegative() && !lease.isZero() && lease.compareTo(MAX_LEASE) <= 0,
                        "lease must be positive and at most " + MAX_LEASE + ", but was " + lease)
                .orThrow();
    }

    /** The longest lease a store accepts (a day): a claim is a working session, not an assignment for the week. */
    Duration MAX_LEASE = Duration.ofDays(1);
}
