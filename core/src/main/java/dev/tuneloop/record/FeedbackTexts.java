package dev.tuneloop.record;

import dev.tuneloop.errors.Checks;

/**
 * The configured text limit applied to feedback when it is recorded. {@link Edit} and {@link FollowUp} check their
 * texts against {@link Limits#HARD_MAX_TEXT_BYTES} when constructed (a record cannot know a recorder's settings); the
 * recorders apply their {@link Limits} on top, so an edit is held to the same limit as the answer it corrects.
 */
final class FeedbackTexts {
    private FeedbackTexts() {}

    /** @throws dev.tuneloop.errors.ValidationException naming the field when a text is over {@code limits} */
    static void check(Feedback feedback, Limits limits) {
        int max = limits.maxTextBytes();
        if (feedback instanceof Edit e) {
            check("editedResponse", e.editedResponse(), max);
        } else if (feedback instanceof FollowUp f && f.message() != null) {
            check("followUp.message", f.message(), max);
        }
    }

    private static void check(String field, String text, int maxUtf8Bytes) {
        // every UTF-16 char is at most 3 UTF-8 bytes: short texts need no count
        if ((long) text.length() * 3 > maxUtf8Bytes) {
            Checks.start().text(field, text, false, maxUtf8Bytes).orThrow();
        }
    }
}
