package dev.tuneloop.curate;

import dev.tuneloop.errors.Checks;
import dev.tuneloop.record.InteractionId;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One reviewer's stored decision on a candidate of the blind double-review share (see {@link BlindReviewStore}): an
 * approval with a category, a 1-10 score and an optional improved answer, or a rejection with a reason. Neither
 * reviewer sees the other's decision until both are in.
 *
 * <p>{@link #toString()} shows ids, the reviewer, the decision, the category and the score, never a text.
 *
 * @param interactionId    the candidate
 * @param reviewer         who decided; not blank, at most 1024 UTF-8 bytes
 * @param approved         {@code true} for an approval, {@code false} for a rejection
 * @param category         the category; required for an approval, null for a rejection
 * @param quality          the 1-10 score; required for an approval, null for a rejection
 * @param improvedResponse the reviewer's better answer; null for none (always null for a rejection)
 * @param note             the reviewer's notes on an approval (may be null), the reason of a rejection (required)
 * @param reviewedAt       when
 */
public record BlindDecision(
        InteractionId interactionId,
        String reviewer,
        boolean approved,
        @Nullable Category category,
        @Nullable QualityScore quality,
        @Nullable String improvedResponse,
        @Nullable String note,
        Instant reviewedAt) {

    /**
     * Checks every rule, all problems at once.
     *
     * @param interactionId    the candidate
     * @param reviewer         who decided; not blank, at most 1024 UTF-8 bytes
     * @param approved         {@code true} for an approval, {@code false} for a rejection
     * @param category         the category; required for an approval, null for a rejection
     * @param quality          the 1-10 score; required for an approval, null for a rejection
     * @param improvedResponse the reviewer's better answer; null for none (always null for a rejection)
     * @param note             the reviewer's notes on an approval (may be null), the reason of a rejection (required)
     * @param reviewedAt       when
     * @throws NullPointerException when the interaction id or the time is null
     * @throws dev.tuneloop.errors.ValidationException listing every broken rule
     */
    public BlindDecision {
        Objects.requireNonNull(interactionId, "interactionId");
        Objects.requireNonNull(reviewedAt, "reviewedAt");
        Checks.start()
                .text("reviewer", reviewer, true, 1024)
                .text("improvedResponse", improvedResponse, false, Integer.MAX_VALUE)
                .text("note", note, !approved, Review.MAX_NOTES_BYTES)
                .require(
                        !approved || (category != null && quality != null),
                        "an approval needs a category and a quality score (interaction " + interactionId + ")")
                .require(
                        approved || (category == null && quality == null && improvedResponse == null),
                        "a rejection has no category, quality score or improved answer (interaction " + interactionId
                                + ")")
                .require(improvedResponse == null || !improvedResponse.isBlank(), "improvedResponse must not be blank")
                .orThrow();
    }

    /**
     * An approval, from a {@link Review} that has a category and a quality.
     *
     * @param interactionId the candidate
     * @param review        the reviewer's review
     * @param at            when
     * @return the decision
     * @throws dev.tuneloop.errors.ValidationException when the review lacks a category or a quality
     */
    public static BlindDecision approval(InteractionId interactionId, Review review, Instant at) {
        return new BlindDecision(
                interactionId,
                review.reviewer(),
                true,
                review.categoryValue(),
                review.qualityValue(),
                review.improvedResponse(),
                review.notes(),
                at);
    }

    /**
     * A rejection.
     *
     * @param interactionId the candidate
     * @param reviewer      who
     * @param reason        why; not blank
     * @param at            when
     * @return the decision
     * @throws dev.tuneloop.errors.ValidationException when the reviewer or the reason is blank
     */
    public static BlindDecision rejection(InteractionId interactionId, String reviewer, String reason, Instant at) {
        return new BlindDecision(interactionId, reviewer, false, null, null, null, reason, at);
    }

    /**
     * The decision as {@link AgreementReport} counts it.
     *
     * @return the blind review
     */
    public BlindReview toBlindReview() {
        return new BlindReview(interactionId, reviewer, approved, category, quality, reviewedAt);
    }

    /**
     * Whether this decision and {@code other} agree for promotion: both rejections, or both approvals in the same
     * category (scores may differ).
     *
     * @param other the other reviewer's decision
     * @return whether they agree
     */
    public boolean agreesWith(BlindDecision other) {
        return approved == other.approved && Objects.equals(category, other.category);
    }

    @Override
    public String toString() {
        return "BlindDecision[interaction=" + interactionId + ", reviewer=" + reviewer + ", approved=" + approved
                + ", category=" + category + ", quality=" + (quality == null ? null : quality.value()) + ", improved="
                + (improvedResponse != null) + ", reviewedAt=" + reviewedAt + "]";
    }
}
