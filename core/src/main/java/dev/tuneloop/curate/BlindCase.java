package dev.tuneloop.curate;

import dev.tuneloop.record.InteractionId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Everything stored about one candidate of the blind double-review share: its one or two blind decisions (oldest
 * first) and, when they disagreed and someone settled it, the settlement.
 *
 * @param interactionId the candidate
 * @param decisions     one or two decisions by different reviewers, oldest first
 * @param settlement    how a disagreement was settled; null when not settled
 */
public record BlindCase(
        InteractionId interactionId,
        List<BlindDecision> decisions,
        @Nullable Settlement settlement) {

    /**
     * Copies the decisions.
     *
     * @param interactionId the candidate
     * @param decisions     one or two decisions by different reviewers, oldest first
     * @param settlement    how a disagreement was settled; null when not settled
     * @throws NullPointerException when the id or the list is null
     * @throws IllegalArgumentException when there are not one or two decisions
     */
    public BlindCase {
        Objects.requireNonNull(interactionId, "interactionId");
        decisions = List.copyOf(decisions);
        if (decisions.isEmpty() || decisions.size() > 2) {
            throw new IllegalArgumentException("a blind case has one or two decisions, but interaction " + interactionId
                    + " had " + decisions.size());
        }
    }

    /**
     * Whether both decisions are in.
     *
     * @return {@code true} with two decisions
     */
    public boolean isComplete() {
        return decisions.size() == 2;
    }

    /**
     * Whether both decisions are in and agree ({@link BlindDecision#agreesWith}).
     *
     * @return {@code true} when complete and agreeing
     */
    public boolean agrees() {
        return isComplete() && decisions.get(0).agreesWith(decisions.get(1));
    }

    /**
     * Whether both decisions are in and disagree on the category or the rejection.
     *
     * @return {@code true} when complete and not agreeing
     */
    public boolean disagrees() {
        return isComplete() && !agrees();
    }

    /**
     * Whether {@code reviewer} gave one of the decisions.
     *
     * @param reviewer the reviewer
     * @return {@code true} when they reviewed this candidate
     */
    public boolean reviewedBy(String reviewer) {
        return decisions.stream().anyMatch(d -> d.reviewer().equals(reviewer));
    }

    /**
     * The settlement.
     *
     * @return how it was settled; empty when not settled
     */
    public Optional<Settlement> settled() {
        return Optional.ofNullable(settlement);
    }
}
