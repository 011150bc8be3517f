package dev.tuneloop.record;

import dev.tuneloop.internal.Checks;

/**
 * The user's corrected answer (the seed's "gold standard"). Every edit is kept; the latest is the
 * {@code user_edited_response}; the original response is never overwritten.
 *
 * @param editedResponse the corrected text; required, non-blank, at most {@link Limits#HARD_MAX_TEXT_BYTES}
 * @param editor         who edited (a user id or name); may be null
 */
public record Edit(String editedResponse, String editor) implements Feedback {
    public Edit {
        Checks.start()
                .text("editedResponse", editedResponse, true, Limits.HARD_MAX_TEXT_BYTES)
                .text("editor", editor, false, 1024)
                .orThrow();
    }

    public static Edit of(String editedResponse) {
        return new Edit(editedResponse, null);
    }

    @Override
    public String toString() {
        return "Edit[chars=" + editedResponse.length() + ", editor=" + editor + "]";
    }
}
