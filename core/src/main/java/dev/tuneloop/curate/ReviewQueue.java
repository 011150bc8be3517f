package dev.tuneloop.curate;

import dev.tuneloop.record.InteractionId;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Review at team scale: each reviewer claims a batch of candidates (a lease that expires unless renewed), works
 * through their own queue, and nobody else is offered or may review what they hold. An expired claim returns its
 * candidate to everyone.
 *
 * <pre>{@code
 * ReviewQueue queue = ReviewQueue.builder(curator, store.claims()).lease(Duration.ofMinutes(30)).build();
 * List<Candidate> mine = queue.claim("alice", 20);   // nobody else is offered these
 * queue.renew("alice");                               // still working: extend the lease
 * queue.approve(mine.get(0).interactionId(), review); // a review by "bob" would be refused while alice holds it
 * }</pre>
 *
 * <p>Claims are a courtesy that saves duplicate work; exactly-once promotion is still the example store's guarantee,
 * so a review that races a claim can never promote an interaction twice. Thread-safe.
 */
public interface ReviewQueue {

    /**
     * Claims up to {@code max} candidates for {@code reviewer}: the curation policy's candidates that nobody holds and
     * that the assignment rule gives this reviewer, best first.
     *
     * @param reviewer who asks for work; not blank
     * @param max      at most how many; 1 to {@link #MAX_BATCH}
     * @return the newly claimed candidates, best first; empty when there is nothing left for this reviewer
     * @throws dev.tuneloop.errors.ValidationException when the reviewer is blank or {@code max} is out of range
     */
    List<Candidate> claim(String reviewer, int max);

    /**
     * The candidates {@code reviewer} holds now (live claims on interactions that are not reviewed yet), oldest claim
     * first.
     *
     * @param reviewer the reviewer
     * @return their queue; never null
     */
    List<Candidate> queue(String reviewer);

    /**
     * Extends every claim {@code reviewer} still holds by the lease, from now.
     *
     * @param reviewer the reviewer
     * @return the renewed claims
     */
    List<Claim> renew(String reviewer);

    /**
     * Gives a claimed candidate back to everyone.
     *
     * @param reviewer      the holder
     * @param interactionId the candidate
     * @return whether the reviewer held it
     */
    boolean release(String reviewer, InteractionId interactionId);

    /**
     * Every live claim on an unreviewed candidate, oldest first (the console's view of who holds what).
     *
     * @return the live claims
     */
    List<Claim> claims();

    /**
     * Approves as {@link Curator#approve}, refused when another reviewer holds the candidate; ends the reviewer's
     * claim on it.
     *
     * @param interactionId the candidate
     * @param review        the review; its {@link Review#reviewer()} must be the holder when the candidate is claimed
     * @return the stored example
     * @throws dev.tuneloop.errors.ConflictException naming the holder and the claim's expiry when someone else holds
     *     the candidate, or as {@link Curator#approve} when it was already reviewed
     * @throws dev.tuneloop.errors.ValidationException as {@link Curator#approve}
     * @throws dev.tuneloop.errors.NotFoundException as {@link Curator#approve}
     */
    TrainingExample approve(InteractionId interactionId, Review review);

    /**
     * Rejects as {@link Curator#reject}, refused when another reviewer holds the candidate; ends the reviewer's claim
     * on it.
     *
     * @param interactionId the candidate
     * @param reason        why
     * @param reviewer      who; must be the holder when the candidate is claimed
     * @return the stored, rejected example
     * @throws dev.tuneloop.errors.ConflictException naming the holder when someone else holds the candidate, or as
     *     {@link Curator#reject}
     * @throws dev.tuneloop.errors.ValidationException as {@link Curator#reject}
     * @throws dev.tuneloop.errors.NotFoundException as {@link Curator#reject}
     */
    TrainingExample reject(InteractionId interactionId, String reason, String reviewer);

    /** The largest batch one {@link #claim} call takes. */
    int MAX_BATCH = 500;

    /**
     * A builder of a queue over a curator and a claim store.
     *
     * @param curator where candidates come from and reviews go to
     * @param claims  where claims are kept, e.g. {@code store.claims()}
     * @return a new builder
     * @throws NullPointerException when an argument is null
     */
    static Builder builder(Curator curator, ClaimStore claims) {
        return new Builder(curator, claims);
    }

    /** Settings of a {@link ReviewQueue}; not thread-safe, the queue it builds is immutable. */
    final class Builder {
        /** How long a claim lasts unless renewed: 30 minutes. */
        public static final Duration DEFAULT_LEASE = Duration.ofMinutes(30);

        final Curator curator;
        final ClaimStore claims;
        CurationPolicy policy = CurationPolicy.seedDefault();
        ReviewAssignment assignment = ReviewAssignment.anyone();
        Duration lease = DEFAULT_LEASE;
        Clock clock = Clock.systemUTC();

        private Builder(Curator curator, ClaimStore claims) {
            this.curator = Objects.requireNonNull(curator, "curator");
            this.claims = Objects.requireNonNull(claims, "claims");
        }

        /**
         * Which candidates are offered (default {@link CurationPolicy#seedDefault()}); its limit bounds how many
         * unclaimed candidates one claim looks at.
         *
         * @param policy the curation policy
         * @return this builder
         */
        public Builder policy(CurationPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Who may claim what (default {@link ReviewAssignment#anyone()}).
         *
         * @param assignment the rule
         * @return this builder
         */
        public Builder assignment(ReviewAssignment assignment) {
            this.assignment = Objects.requireNonNull(assignment, "assignment");
            return this;
        }

        /**
         * How long a claim lasts unless renewed (default {@link #DEFAULT_LEASE}).
         *
         * @param lease positive, at most {@link ClaimStore#MAX_LEASE}
         * @return this builder
         */
        public Builder lease(Duration lease) {
            this.lease = Objects.requireNonNull(lease, "lease");
            return this;
        }

        /**
         * The clock that dates claims and decides expiry (default UTC system clock); give every app instance a clock
         * that agrees.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The queue.
         *
         * @return a thread-safe queue
         * @throws dev.tuneloop.errors.ValidationException when the lease is not positive or above a day
         */
        public ReviewQueue build() {
            ClaimStore.checkArguments("builder", 1, lease);
            return new ClaimingReviewQueue(this);
        }
    }
}
