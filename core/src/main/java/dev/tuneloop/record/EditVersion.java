package dev.tuneloop.record;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One version of a user's edit, as kept in {@link FeedbackState#edits()}. {@link #toString()} shows the size of the
 * text, never the text.
 *
 * @param text   the edited response
 * @param editor who edited; may be null
 * @param at     when
 */
public record EditVersion(String text, @Nullable String editor, Instant at) {
    /**
     * Checks the required fields.
     *
     * @param text   the edited response
     * @param editor who edited; may be null
     * @param at     when
     * @throws NullPointerException when {@code text} or {@code at} is null
     */
    public EditVersion {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String toString() {
        return "EditVersion[chars=" + text.length() + ", editor=" + editor + ", at=" + at + "]";
    }
}
