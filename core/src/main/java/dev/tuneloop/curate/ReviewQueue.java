package dev.tuneloop.curate;

import dev.tuneloop.record.InteractionId;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

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
     * claim on it. A candidate of the blind double-review share is refused: use {@link #submit}, which may store the
     * review without promoting.
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
     * on it. A candidate of the blind double-review share is refused: use {@link #submitRejection}.
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

    /**
     * Submits an approval. Outside the blind double-review share (or with it off) this is {@link #approve}: the
     * candidate is promoted ({@link ReviewOutcome.State#PROMOTED}). Inside the share the review is stored as a blind
     * decision and promotes nothing on its own: the first one waits for a second, different reviewer
     * ({@link ReviewOutcome.State#AWAITING_SECOND_REVIEW}); a second one that agrees (same category; scores may
     * differ) promotes the candidate once, with the lower of the two scores and the first improved answer given; a
     * second one that disagrees is listed in {@link #disagreements()} ({@link ReviewOutcome.State#DISAGREEMENT}).
     * Ends the reviewer's claim.
     *
     * @param interactionId the candidate
     * @param review        the review; needs a category and a quality
     * @return what the review did
     * @throws dev.tuneloop.errors.ConflictException when someone else holds the candidate, this reviewer already
     *     reviewed it blind, both blind reviews are in, or it was already reviewed
     * @throws dev.tuneloop.errors.ValidationException as {@link Curator#approve}
     * @throws dev.tuneloop.errors.NotFoundException as {@link Curator#approve}
     */
    ReviewOutcome submit(InteractionId interactionId, Review review);

    /**
     * Submits a rejection: as {@link #reject} outside the blind share; inside it, a blind decision as for
     * {@link #submit} (two rejections agree and reject the candidate once).
     *
     * @param interactionId the candidate
     * @param reason        why; not blank
     * @param reviewer      who
     * @return what the rejection did
     * @throws dev.tuneloop.errors.ConflictException as {@link #submit}
     * @throws dev.tuneloop.errors.ValidationException when the reason or the reviewer is blank
     * @throws dev.tuneloop.errors.NotFoundException when the interaction does not exist
     */
    ReviewOutcome submitRejection(InteractionId interactionId, String reason, String reviewer);

    /**
     * Whether a candidate belongs to the blind double-review share of this queue.
     *
     * @param interactionId the candidate
     * @return {@code false} when blind double review is off
     */
    boolean inBlindShare(InteractionId interactionId);

    /**
     * The blind cases to settle: both decisions in and disagreeing (or agreeing but not promoted, when the promotion
     * failed after the second decision was stored), oldest first. Empty when blind double review is off.
     *
     * @return the cases
     */
    List<BlindCase> disagreements();

    /**
     * Settles a blind case by promoting the candidate with {@code approval} (its reviewer is who settles: a third
     * person or either blind reviewer). Both blind decisions stay stored; the settlement and its reason are stored
     * beside them, and the example's notes say who settled it and why.
     *
     * @param interactionId the candidate
     * @param approval      the final review; needs a category and a quality
     * @param reason        why; not blank
     * @return the stored example
     * @throws dev.tuneloop.errors.ConflictException when the case lacks a decision, is settled, or the candidate was
     *     already reviewed
     * @throws dev.tuneloop.errors.NotFoundException when nobody reviewed the candidate blind
     * @throws dev.tuneloop.errors.ValidationException as {@link Curator#approve}, or when the reason is blank
     * @throws IllegalStateException when blind double review is off
     */
    TrainingExample settle(InteractionId interactionId, Review approval, String reason);

    /**
     * Settles a blind case by rejecting the candidate, as {@link #settle(InteractionId, Review, String)}.
     *
     * @param interactionId the candidate
     * @param settledBy     who settles
     * @param reason        why; not blank
     * @return the stored, rejected example
     * @throws dev.tuneloop.errors.ConflictException as {@link #settle(InteractionId, Review, String)}
     * @throws dev.tuneloop.errors.NotFoundException when nobody reviewed the candidate blind
     * @throws dev.tuneloop.errors.ValidationException when the reason or the name is blank
     * @throws IllegalStateException when blind double review is off
     */
    TrainingExample settleByRejecting(InteractionId interactionId, String settledBy, String reason);

    /**
     * The reviewers' agreement over every blind case the store holds ({@link BlindReviewStore#agreementReport()}).
     *
     * @return the report; empty when blind double review is off
     */
    AgreementReport agreement();

    /** The largest batch one {@link #claim} call takes. */
    int MAX_BATCH = 500;

    /**
     * Whether a candidate falls in a blind double-review share: {@code mix64(msb ^ lsb)} of its UUID (the SplitMix64
     * finalizer), unsigned, modulo 10 000, is below {@code share * 10 000}. Deterministic, so every app instance picks
     * the same candidates, and independent of the round-robin bucket (which uses the raw low bits).
     *
     * @param interactionId the candidate
     * @param share         0 to 1
     * @return whether it is in the share
     */
    static boolean inBlindShare(InteractionId interactionId, double share) {
        long z = interactionId.value().getMostSignificantBits()
                ^ interactionId.value().getLeastSignificantBits();
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        z = z ^ (z >>> 31);
        return Long.remainderUnsigned(z, 10_000) < Math.round(share * 10_000);
    }

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

        @Nullable
        BlindReviewStore blind;

        double blindShare;

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
         * Turns on blind double review (default off): the share of candidates picked by {@link #inBlindShare} is
         * reviewed by two different reviewers who do not see each other's decision; see {@link ReviewQueue#submit}.
         * The first review follows the assignment rule; the second is offered to any reviewer but the first.
         *
         * @param store where the blind decisions are kept, e.g. {@code store.blindReviews()}
         * @param share the share of candidates, 0 (off) to 1 (all), e.g. 0.1
         * @return this builder
         * @throws IllegalArgumentException when the share is outside [0, 1]
         */
        public Builder blindDoubleReview(BlindReviewStore store, double share) {
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException(
                        "blind double-review share must be between 0 and 1, but was " + share);
            }
            this.blind = Objects.requireNonNull(store, "store");
            this.blindShare = share;
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
