package dev.tuneloop.curate;

import dev.tuneloop.errors.Checks;
import dev.tuneloop.errors.ConflictException;
import dev.tuneloop.record.InteractionId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@link ReviewQueue} over a {@link Curator} and a {@link ClaimStore}. Stateless apart from its settings. */
final class ClaimingReviewQueue implements ReviewQueue {
    private final Curator curator;
    private final ClaimStore claims;
    private final CurationPolicy policy;
    private final ReviewAssignment assignment;
    private final Duration lease;
    private final Clock clock;

    ClaimingReviewQueue(ReviewQueue.Builder b) {
        this.curator = b.curator;
        this.claims = b.claims;
        this.policy = b.policy;
        this.assignment = b.assignment;
        this.lease = b.lease;
        this.clock = b.clock;
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
        // claimed candidates are still candidates (not reviewed yet): look further by as many as are held
        long wanted = (long) policy.limit() + held.size();
        CurationPolicy wider = policy.toBuilder()
                .limit((int) Math.min(Integer.MAX_VALUE, wanted))
                .build();
        Map<InteractionId, Candidate> offered = new HashMap<>();
        List<InteractionId> order = new ArrayList<>();
        for (Candidate c : curator.candidates(wider)) {
            if (!held.contains(c.interactionId()) && assignment.offers(reviewer, c)) {
                offered.put(c.interactionId(), c);
                order.add(c.interactionId());
            }
        }
        if (order.isEmpty()) {
            return List.of();
        }
        List<Candidate> out = new ArrayList<>();
        for (Claim c : claims.claim(reviewer, order, max, now, lease)) {
            Candidate candidate = offered.get(c.interactionId());
            if (candidate != null) {
                out.add(candidate);
            }
        }
        return out;
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
        refuseIfHeldByAnother(interactionId, review.reviewer(), "approve");
        TrainingExample example = curator.approve(interactionId, review);
        claims.release(review.reviewer(), interactionId);
        return example;
    }

    @Override
    public TrainingExample reject(InteractionId interactionId, String reason, String reviewer) {
        refuseIfHeldByAnother(interactionId, reviewer, "reject");
        TrainingExample example = curator.reject(interactionId, reason, reviewer);
        claims.release(reviewer, interactionId);
        return example;
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
