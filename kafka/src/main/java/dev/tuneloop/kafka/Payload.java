package dev.tuneloop.kafka;

import dev.tuneloop.record.FeedbackEvent;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One decoded Kafka record value: what {@link RecordCodec#decode(byte[])} returns. Four kinds travel on Tuneloop's
 * topics: interactions and feedback events (the data), and two kinds of erasure records.
 */
public sealed interface Payload
        permits Payload.OfInteraction, Payload.OfFeedback, Payload.UserErasure, Payload.ErasedInteraction {

    /**
     * An interaction, on the interactions topic.
     *
     * @param interaction the interaction, exactly as logged
     */
    record OfInteraction(Interaction interaction) implements Payload {
        /**
         * Checks the component.
         *
         * @param interaction the interaction
         * @throws NullPointerException when {@code interaction} is null
         */
        public OfInteraction {
            Objects.requireNonNull(interaction, "interaction");
        }
    }

    /**
     * A feedback event, on the feedback topic.
     *
     * @param event the event, exactly as recorded
     */
    record OfFeedback(FeedbackEvent event) implements Payload {
        /**
         * Checks the component.
         *
         * @param event the event
         * @throws NullPointerException when {@code event} is null
         */
        public OfFeedback {
            Objects.requireNonNull(event, "event");
        }
    }

    /**
     * A request to erase everything of one user, on the erasure topic (key: {@code user:} + the user id).
     *
     * @param userId the host's user id, exactly as recorded
     * @param requestedAt when erasure was requested; bridges apply it until {@code requestedAt} + their erasure window
     */
    record UserErasure(String userId, Instant requestedAt) implements Payload {
        /**
         * Checks the components and truncates the time to the microsecond (the codec's precision is the nanosecond,
         * but every store keeps microseconds).
         *
         * @param userId the user id
         * @param requestedAt when erasure was requested
         * @throws NullPointerException when a component is null
         * @throws dev.tuneloop.errors.ValidationException when {@code userId} is blank
         */
        public UserErasure {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(requestedAt, "requestedAt");
            if (userId.isBlank()) {
                throw new dev.tuneloop.errors.ValidationException("userId must not be empty or blank");
            }
            requestedAt = requestedAt.truncatedTo(ChronoUnit.MICROS);
        }

        @Override
        public String toString() {
            // the user id is personal data
            return "UserErasure[requestedAt=" + requestedAt + "]";
        }
    }

    /**
     * A note, published by a bridge on the erasure topic (key: {@code interaction:} + the id), that an interaction
     * belonged to an erased user: feedback events about it that arrive later are dropped, by every bridge and after a
     * restart, because a feedback event does not name its user.
     *
     * @param interactionId the erased interaction
     * @param requestedAt when the erasure of its user was requested (the window is counted from it)
     */
    record ErasedInteraction(InteractionId interactionId, Instant requestedAt) implements Payload {
        /**
         * Checks the components.
         *
         * @param interactionId the erased interaction
         * @param requestedAt when the erasure was requested
         * @throws NullPointerException when a component is null
         */
        public ErasedInteraction {
            Objects.requireNonNull(interactionId, "interactionId");
            Objects.requireNonNull(requestedAt, "requestedAt");
            requestedAt = requestedAt.truncatedTo(ChronoUnit.MICROS);
        }
    }
}
