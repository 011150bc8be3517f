package dev.tuneloop.store;

import dev.tuneloop.errors.Checks;

/**
 * What {@link Store#eraseUser} removed, counted per kind. Holds no user id and no text, so it can be logged.
 *
 * @param interactions interactions erased
 * @param feedbackEvents feedback events erased (ratings, edits, follow-ups), including events that had arrived
 *     without their interaction
 * @param examples reviewed examples erased
 * @param revisions revisions of those examples erased
 */
public record ErasureReport(int interactions, int feedbackEvents, int examples, int revisions) {

    /** Nothing was erased. */
    public static final ErasureReport NONE = new ErasureReport(0, 0, 0, 0);

    /**
     * Validates the counts.
     *
     * @param interactions   interactions erased
     * @param feedbackEvents feedback events erased (ratings, edits, follow-ups), including events that had arrived
     *                       without their interaction
     * @param examples       reviewed examples erased
     * @param revisions      revisions of those examples erased
     * @throws dev.tuneloop.errors.ValidationException when a count is negative
     */
    public ErasureReport {
        Checks.start()
                .require(interactions >= 0, "interactions must be >= 0, but was " + interactions)
                .require(feedbackEvents >= 0, "feedbackEvents must be >= 0, but was " + feedbackEvents)
                .require(examples >= 0, "examples must be >= 0, but was " + examples)
                .require(revisions >= 0, "revisions must be >= 0, but was " + revisions)
                .orThrow();
    }

    /**
     * Whether anything was erased.
     *
     * @return true when every count is zero
     */
    public boolean isEmpty() {
        return interactions == 0 && feedbackEvents == 0 && examples == 0 && revisions == 0;
    }
}
