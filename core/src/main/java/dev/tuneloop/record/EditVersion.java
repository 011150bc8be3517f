package dev.tuneloop.record;

import java.time.Instant;
import java.util.Objects;

/**
 * One version of a user's edit, as kept in {@link FeedbackState#edits()}.
 *
 * @param text   the edited response
 * @param editor who edited; may be null
 * @param at     when
 */
public record EditVersion(String text, String editor, Instant at) {
    public EditVersion {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String toString() {
        return "EditVersion[chars=" + text.length() + ", editor=" + editor + ", at=" + at + "]";
    }
}
