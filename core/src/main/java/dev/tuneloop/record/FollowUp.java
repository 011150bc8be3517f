package dev.tuneloop.record;

import dev.tuneloop.errors.Checks;
import org.jspecify.annotations.Nullable;

/**
 * The user asked a clarifying question after the answer: a sign it was incomplete or wrong (the seed's
 * {@code had_followup}). {@link #toString()} shows the size of the message, never the message.
 *
 * @param message the follow-up message; may be null when the host only knows that there was one
 */
public record FollowUp(@Nullable String message) implements Feedback {
    private static final FollowUp ANONYMOUS = new FollowUp(null);

    /**
     * Checks the message.
     *
     * @param message the follow-up message; may be null, else at most {@link Limits#HARD_MAX_TEXT_BYTES}
     * @throws dev.tuneloop.errors.ValidationException when the message is too large or not valid Unicode
     */
    public FollowUp {
        Checks.start()
                .text("followUp.message", message, false, Limits.HARD_MAX_TEXT_BYTES)
                .orThrow();
    }

    /**
     * A follow-up whose message the host does not know.
     *
     * @return the shared instance without a message
     */
    public static FollowUp of() {
        return ANONYMOUS;
    }

    /**
     * A follow-up with the user's message.
     *
     * @param message the follow-up message
     * @return the follow-up
     * @throws dev.tuneloop.errors.ValidationException when the message is too large or not valid Unicode
     */
    public static FollowUp of(String message) {
        return new FollowUp(message);
    }

    @Override
    public String toString() {
        return "FollowUp[" + (message == null ? "no message" : "chars=" + message.length()) + "]";
    }
}
