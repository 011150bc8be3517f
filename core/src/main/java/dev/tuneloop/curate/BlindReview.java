package dev.tuneloop.curate;

import dev.tuneloop.record.InteractionId;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One reviewer's independent decision on a candidate that two reviewers review without seeing each other's work (the
 * input of {@link AgreementReport}).
 *
 * @param interactionId the candidate
 * @param reviewer      who decided
 * @param approved      {@code true} for an approval, {@code false} for a rejection
 * @param category      the category given; required for an approval, null for a rejection
 * @param quality       the 1-10 score given; required for an approval, null for a rejection
 * @param reviewedAt    when
 */
public record BlindReview(
        InteractionId interactionId,
        String reviewer,
        boolean approved,
        @Nullable Category category,
        @Nullable QualityScore quality,
        Instant reviewedAt) {

    /**
     * Validates the review.
     *
     * @param interactionId the candidate
     * @param reviewer      who decided
     * @param approved      {@code true} for an approval, {@code false} for a rejection
     * @param category      the category given; required for an approval, null for a rejection
     * @param quality       the 1-10 score given; required for an approval, null for a rejection
     * @param reviewedAt    when
     * @throws NullPointerException when a required component is null
     * @throws IllegalArgumentException when an approval lacks a category or a score, or a rejection has one
     */
    public BlindReview {
        Objects.requireNonNull(interactionId, "interactionId");
        Objects.requireNonNull(reviewer, "reviewer");
        Objects.requireNonNull(reviewedAt, "reviewedAt");
        if (approved && (category == null || quality == null)) {
            throw new IllegalArgumentException("an approval of interaction " + interactionId + " by " + reviewer
                    + " needs a category and a quality score");
        }
        if (!approved && (category != null || quality != null)) {
            throw new IllegalArgumentException("a rejection of interaction " + interactionId + " by " + reviewer
                    + " has no category or quality score");
        }
    }

    /**
     * The label compared for Cohen's kappa: the category's name, or {@value #REJECTED} for a rejection (so that
     * approve-versus-reject counts as a disagreement on category).
     *
     * @return the label
     */
    public String label() {
        return category == null ? REJECTED : category.name();
    }

    /** The {@link #label()} of a rejection. */
    public static final String REJECTED = "(rejected)";
}
