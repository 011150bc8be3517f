package dev.tuneloop.record;

import dev.tuneloop.internal.Checks;

/**
 * The user asked a clarifying question after the answer: a sign it was incomplete or wrong (the seed's
 * {@code had_followup}).
 *
 * @param message the follow-up message; may be null when the host only knows that there was one
 */
public record FollowUp(String message) implements Feedback {
    private static final FollowUp ANONYMOUS = new FollowUp(null);

    public FollowUp {
        Checks.start()
                .text("followUp.message", message, false, Limits.HARD_MAX_TEXT_BYTES)
                .orThrow();
    }

    public static FollowUp of() {
        return ANONYMOUS;
    }

    public static FollowUp of(String message) {
        return new FollowUp(message);
    }

    @Override
    public String toString() {
        return "FollowUp[" + (message == null ? "no message" : "chars=" + message.length()) + "]";
    }
}
