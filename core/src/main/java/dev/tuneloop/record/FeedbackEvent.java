package dev.tuneloop.record;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Objects;
import java.util.UUID;

/**
 * One piece of feedback about one interaction, as stored. Events are appended, never changed; stores are idempotent
 * on {@link #eventId()} so a retried batch never duplicates one.
 *
 * <p>Events of one interaction are applied in {@link #ORDER}: by time, then by event id (UUIDv7 ids made in one
 * JVM are strictly increasing, so events recorded in one process keep their order).
 *
 * @param eventId       the event's id (a UUIDv7 made in-process)
 * @param interactionId the interaction it is about (which may not be stored yet: stores keep such events and
 *                      apply them when the interaction arrives)
 * @param at            when it happened (kept to the microsecond)
 * @param feedback      what it says
 */
public record FeedbackEvent(UUID eventId, InteractionId interactionId, Instant at, Feedback feedback) {

    /** The order in which events are applied: time, then event id. */
    public static final Comparator<FeedbackEvent> ORDER = Comparator.comparing(FeedbackEvent::at)
            .thenComparing(e -> e.eventId().getMostSignificantBits(), Long::compareUnsigned)
            .thenComparing(e -> e.eventId().getLeastSignificantBits(), Long::compareUnsigned);

    /**
     * Checks the event and truncates its time to the microsecond, so that every store round-trips it exactly.
     *
     * @param eventId       the event's id
     * @param interactionId the interaction it is about
     * @param at            when it happened
     * @param feedback      what it says
     * @throws NullPointerException when an argument is null
     */
    public FeedbackEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(interactionId, "interactionId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(feedback, "feedback");
        at = at.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * A new event with a fresh UUIDv7 id whose timestamp is {@code at}'s millisecond.
     *
     * @param interactionId the interaction it is about
     * @param at            when it happened
     * @param feedback      what it says
     * @return the event
     * @throws NullPointerException when an argument is null
     */
    public static FeedbackEvent of(InteractionId interactionId, Instant at, Feedback feedback) {
        return new FeedbackEvent(InteractionId.uuidV7(at.toEpochMilli()), interactionId, at, feedback);
    }
}
