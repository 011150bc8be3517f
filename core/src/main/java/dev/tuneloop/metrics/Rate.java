package dev.tuneloop.metrics;

/**
 * A per-arm rate: the share of an arm's interactions with some property. Every rate's denominator is the arm's
 * interaction count, so rates of arms are comparable even when their feedback coverage differs.
 */
public enum Rate {
    /** Interactions with any feedback (rating, edit or follow-up). Higher is better. */
    FEEDBACK_COVERAGE(true),
    /** Interactions whose latest rating is thumbs up. Higher is better. */
    THUMBS_UP(true),
    /** Interactions whose latest rating is thumbs down. Higher is worse. */
    THUMBS_DOWN(false),
    /** Interactions the user edited. Higher is worse (the answer needed fixing). */
    EDIT(false),
    /** Interactions followed by a follow-up question. Higher is worse (the answer did not settle it). */
    FOLLOW_UP(false);

    private final boolean higherIsBetter;

    Rate(boolean higherIsBetter) {
        this.higherIsBetter = higherIsBetter;
    }

    /**
     * Whether a higher rate means a better model.
     *
     * @return true for FEEDBACK_COVERAGE and THUMBS_UP
     */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /**
     * The number of an arm's interactions with this property.
     *
     * @param stats the arm's statistics
     * @return the count, the numerator of {@link ArmStats#rate(Rate)}
     */
    public long successes(ArmStats stats) {
        return switch (this) {
            case FEEDBACK_COVERAGE -> stats.withFeedback();
            case THUMBS_UP -> stats.thumbsUp();
            case THUMBS_DOWN -> stats.thumbsDown();
            case EDIT -> stats.edited();
            case FOLLOW_UP -> stats.followedUp();
        };
    }
}
