package dev.tuneloop.curate;

import dev.tuneloop.errors.Checks;
import dev.tuneloop.errors.ConflictException;
import dev.tuneloop.errors.NotFoundException;
import dev.tuneloop.record.InteractionId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** {@link ReviewQueue} over a {@link Curator} and a {@link ClaimStore}. Stateless apart from its settings. */
final class ClaimingReviewQueue implements ReviewQueue {
    private final Curator curator;
    private final ClaimStore claims;
    private final CurationPolicy policy;
    private final ReviewAssignment assignment;
    private final Duration lease;
    private final Clock clock;
    private final @Nullable BlindReviewStore blind; // null = blind double review off
    private final double blindShare;

    ClaimingReviewQueue(ReviewQueue.Builder b) {
        this.curator = b.curator;
        this.claims = b.claims;
        this.policy = b.policy;
        this.assignment = b.assignment;
        this.lease = b.lease;
        this.clock = b.clock;
        this.blind = b.blindShare > 0 ? b.blind : null;
        this.blindShare = b.blindShare;
    }

    @Override
    public List<Candidate> claim(String reviewer, int max) {
        Checks.start()
                .text("reviewer", reviewer, true, 1024)
                .require(max >= 1 && max <= MAX_BATCH, "max must be between 1 and " + MAX_BATCH + ", but was " + max)
                .orThrow();
        Instant now = clock.instant();
        Set<InteractionId> held = new HashSet<>();
        claims.active(now).forEach(c -> held.add(c.interactionId()));
        Map<InteractionId, BlindCase> open = openCases();
        // claimed candidates, and blind ones waiting for a settlement, are still candidates: look further by as many
        long wanted = (long) policy.limit() + held.size() + open.size();
        CurationPolicy wider = policy.toBuilder()
                .limit((int) Math.min(Integer.MAX_VALUE, wanted))
                .build();
        Map<InteractionId, Candidate> offered = new HashMap<>();
        List<InteractionId> order = new ArrayList<>();
        for (Candidate c : curator.candidates(wider)) {
            if (!held.contains(c.interactionId()) && offers(reviewer, c, open)) {
                offered.put(c.interactionId(), c);
                order.add(c.interactionId());
            }
        }
        if (order.isEmpty()) {
            return List.of();
        }
        List<Claim> taken = claims.claim(reviewer, order, max, now, lease);
        if (blind != null && taken.stream().anyMatch(c -> inBlindShare(c.interactionId()))) {
            // a second blind review may have landed between the read above and the claim: give those back
            Map<InteractionId, BlindCase> after = openCases();
            List<Claim> kept = new ArrayList<>(taken.size());
            for (Claim c : taken) {
                BlindCase bc = after.get(c.interactionId());
                boolean closedMeanwhile = bc == null && open.containsKey(c.interactionId());
                if (inBlindShare(c.interactionId())
                        && (closedMeanwhile || (bc != null && (bc.isComplete() || bc.reviewedBy(reviewer))))) {
                    claims.release(reviewer, c.interactionId());
                } else {
                    kept.add(c);
                }
            }
            taken = kept;
        }
        List<Candidate> out = new ArrayList<>();
        for (Claim c : taken) {
            Candidate candidate = offered.get(c.interactionId());
            if (candidate != null) {
                out.add(candidate);
            }
        }
        return out;
    }

    /** The assignment rule, and for the blind share: a second review goes to anyone but the first reviewer. */
    private boolean offers(String reviewer, Candidate c, Map<InteractionId, BlindCase> open) {
        if (blind == null || !inBlindShare(c.interactionId())) {
            return assignment.offers(reviewer, c);
        }
        BlindCase bc = open.get(c.interactionId());
        if (bc == null) {
            return assignment.offers(reviewer, c);
        }
        return !bc.isComplete() && !bc.reviewedBy(reviewer);
    }

    private Map<InteractionId, BlindCase> openCases() {
        if (blind == null) {
            return Map.of();
        }
        Map<InteractionId, BlindCase> open = new HashMap<>();
        for (BlindCase c : blind.open()) {
            open.put(c.interactionId(), c);
        }
        return open;
    }

    @Override
    public List<Candidate> queue(String reviewer) {
        List<Candidate> out = new ArrayList<>();
        for (Claim c : claims.heldBy(reviewer, clock.instant())) {
            curator.candidate(c.interactionId()).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public List<Claim> renew(String reviewer) {
        return claims.renew(reviewer, clock.instant(), lease);
    }

    @Override
    public boolean release(String reviewer, InteractionId interactionId) {
        return claims.release(reviewer, interactionId);
    }

    @Override
    public List<Claim> claims() {
        return claims.active(clock.instant());
    }

    @Override
    public TrainingExample approve(InteractionId interactionId, Review review) {
        refuseIfBlind(interactionId, "approve");
        refuseIfHeldByAnother(interactionId, review.reviewer(), "approve");
        TrainingExample example = curator.approve(interactionId, review);
        claims.release(review.reviewer(), interactionId);
        return example;
    }

    @Override
    public TrainingExample reject(InteractionId interactionId, String reason, String reviewer) {
        refuseIfBlind(interactionId, "reject");
        refuseIfHeldByAnother(interactionId, reviewer, "reject");
        TrainingExample example = curator.reject(interactionId, reason, reviewer);
        claims.release(reviewer, interactionId);
        return example;
    }

    @Override
    public ReviewOutcome submit(InteractionId interactionId, Review review) {
        Objects.requireNonNull(interactionId, "interactionId");
        Objects.requireNonNull(review, "review");
        BlindReviewStore store = blind;
        if (store == null || !inBlindShare(interactionId)) {
            return new ReviewOutcome(interactionId, ReviewOutcome.State.PROMOTED, approve(interactionId, review));
        }
        refuseIfHeldByAnother(interactionId, review.reviewer(), "approve");
        Review checked = curator.checkedApproval(interactionId, review);
        BlindCase bc = store.add(BlindDecision.approval(interactionId, checked, clock.instant()));
        // promote before giving the claim back, so nobody claims a candidate that is about to stop being one
        ReviewOutcome outcome = conclude(bc);
        claims.release(review.reviewer(), interactionId);
        return outcome;
    }

    @Override
    public ReviewOutcome submitRejection(InteractionId interactionId, String reason, String reviewer) {
        Objects.requireNonNull(interactionId, "interactionId");
        BlindReviewStore store = blind;
        if (store == null || !inBlindShare(interactionId)) {
            return new ReviewOutcome(
                    interactionId, ReviewOutcome.State.REJECTED, reject(interactionId, reason, reviewer));
        }
        BlindDecision d = BlindDecision.rejection(interactionId, reviewer, reason, clock.instant());
        refuseIfHeldByAnother(interactionId, reviewer, "reject");
        BlindCase bc = store.add(d);
        ReviewOutcome outcome = conclude(bc);
        claims.release(reviewer, interactionId);
        return outcome;
    }

    /**
     * Promotes (or rejects) an agreeing pair once. The rule: the agreed category, the lower of the two scores (the
     * example is exported only when both reviewers think it good enough), the first decision's improved answer, else
     * the second's; the second reviewer stores it, and the notes name both.
     */
    private ReviewOutcome conclude(BlindCase bc) {
        InteractionId id = bc.interactionId();
        if (!bc.isComplete()) {
            return new ReviewOutcome(id, ReviewOutcome.State.AWAITING_SECOND_REVIEW, null);
        }
        if (bc.disagrees()) {
            return new ReviewOutcome(id, ReviewOutcome.State.DISAGREEMENT, null);
        }
        BlindDecision a = bc.decisions().get(0);
        BlindDecision b = bc.decisions().get(1);
        String both = "blind double review by '" + a.reviewer() + "' and '" + b.reviewer() + "': ";
        if (!a.approved()) {
            return new ReviewOutcome(
                    id, ReviewOutcome.State.REJECTED, curator.reject(id, both + "both rejected", b.reviewer()));
        }
        QualityScore qa = Objects.requireNonNull(a.quality(), "quality");
        QualityScore qb = Objects.requireNonNull(b.quality(), "quality");
        String improved = a.improvedResponse() != null ? a.improvedResponse() : b.improvedResponse();
        Category category = Objects.requireNonNull(a.category(), "category");
        Review merged = new Review(
                b.reviewer(),
                improved,
                category.name(),
                Math.min(qa.value(), qb.value()),
                both + "agreed on " + category.name() + ", scores " + qa.value() + " and " + qb.value()
                        + " (the lower is kept)");
        return new ReviewOutcome(id, ReviewOutcome.State.PROMOTED, curator.approve(id, merged));
    }

    @Override
    public boolean inBlindShare(InteractionId interactionId) {
        return blind != null && ReviewQueue.inBlindShare(interactionId, blindShare);
    }

    @Override
    public List<BlindCase> disagreements() {
        BlindReviewStore store = blind;
        if (store == null) {
            return List.of();
        }
        return store.open().stream().filter(BlindCase::isComplete).toList();
    }

    @Override
    public TrainingExample settle(InteractionId interactionId, Review approval, String reason) {
        Objects.requireNonNull(approval, "approval");
        BlindReviewStore store = settleable(interactionId, approval.reviewer(), reason);
        String notes = "settled by '" + approval.reviewer() + "': " + reason
                + (approval.notes() == null ? "" : "\n" + approval.notes());
        Review withNotes = new Review(
                approval.reviewer(), approval.improvedResponse(), approval.category(), approval.quality(), notes);
        TrainingExample example = curator.approve(interactionId, withNotes);
        store.settle(new Settlement(interactionId, approval.reviewer(), true, reason, clock.instant()));
        return example;
    }

    @Override
    public TrainingExample settleByRejecting(InteractionId interactionId, String settledBy, String reason) {
        BlindReviewStore store = settleable(interactionId, settledBy, reason);
        TrainingExample example = curator.reject(interactionId, "settled by '" + settledBy + "': " + reason, settledBy);
        store.settle(new Settlement(interactionId, settledBy, false, reason, clock.instant()));
        return example;
    }

    /** The blind store, once the case is known to have both decisions and the arguments are valid. */
    private BlindReviewStore settleable(InteractionId interactionId, String settledBy, String reason) {
        Objects.requireNonNull(interactionId, "interactionId");
        BlindReviewStore store = blind;
        if (store == null) {
            throw new IllegalStateException("blind double review is off for this review queue: nothing to settle");
        }
        Checks.start()
                .text("settledBy", settledBy, true, 1024)
                .text("reason", reason, true, Review.MAX_NOTES_BYTES)
                .orThrow();
        BlindCase bc = store.find(interactionId)
                .orElseThrow(
                        () -> new NotFoundException("interaction " + interactionId + " has no blind review to settle"));
        if (!bc.isComplete()) {
            throw new ConflictException("interaction " + interactionId + " has 1 blind review of 2; a case is settled"
                    + " only when both are in");
        }
        Settlement done = bc.settlement();
        if (done != null) {
            throw new ConflictException(
                    "interaction " + interactionId + " was already settled by '" + done.settledBy() + "'");
        }
        return store;
    }

    @Override
    public AgreementReport agreement() {
        BlindReviewStore store = blind;
        return store == null ? AgreementReport.of(List.of()) : store.agreementReport();
    }

    private void refuseIfBlind(InteractionId id, String action) {
        if (inBlindShare(id)) {
            throw new ConflictException("interaction " + id + " is in the blind double-review share; " + action
                    + " it with submit, which stores a blind review");
        }
    }

    private void refuseIfHeldByAnother(InteractionId id, String reviewer, String action) {
        Optional<Claim> holder = claims.holder(id, clock.instant());
        if (holder.isPresent() && !holder.get().reviewer().equals(reviewer)) {
            Claim c = holder.get();
            throw new ConflictException("interaction " + id + " is claimed by reviewer '" + c.reviewer() + "' until "
                    + c.expiresAt() + "; '" + reviewer + "' cannot " + action
                    + " it until that claim is released or expires");
        }
    }
}
