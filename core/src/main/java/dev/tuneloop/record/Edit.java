package dev.tuneloop.record;

import dev.tuneloop.errors.Checks;
import org.jspecify.annotations.Nullable;

/**
 * The user's corrected answer (the seed's "gold standard"). Every edit is kept; the latest is the
 * {@code user_edited_response}; the original response is never overwritten. {@link #toString()} shows the size of the
 * text, never the text.
 *
 * @param editedResponse the corrected text; required, non-blank, at most {@link Limits#HARD_MAX_TEXT_BYTES}
 * @param editor         who edited (a user id or name); may be null, at most 1024 UTF-8 bytes
 */
public record Edit(String editedResponse, @Nullable String editor) implements Feedback {
    /**
     * Checks both texts.
     *
     * @param editedResponse the corrected text; required, non-blank, at most {@link Limits#HARD_MAX_TEXT_BYTES}
     * @param editor         who edited; may be null, at most 1024 UTF-8 bytes
     * @throws dev.tuneloop.errors.ValidationException listing every broken rule
     */
    public Edit {
        Checks.start()
                .text("editedResponse", editedResponse, true, Limits.HARD_MAX_TEXT_BYTES)
                .text("editor", editor, false, 1024)
                .orThrow();
    }

    /**
     * An edit by an unnamed editor.
     *
     * @param editedResponse the corrected text; required, non-blank
     * @return the edit
     * @throws dev.tuneloop.errors.ValidationException when the text is blank, too large or not valid Unicode
     */
    public static Edit of(String editedResponse) {
        return new Edit(editedResponse, null);
    }

    @Override
    public String toString() {
        return "Edit[chars=" + editedResponse.length() + ", editor=" + editor + "]";
    }
}
