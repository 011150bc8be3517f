package dev.tuneloop.jdbc.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A read-only JPA view of one row of {@code feedback_events}: a rating, an edit or a follow-up about one interaction
 * (which may not be stored yet). Write through {@link dev.tuneloop.jdbc.JdbcStore} only. Not thread-safe.
 */
@Entity(name = "TuneloopFeedbackEvent")
@Table(name = "feedback_events")
public class FeedbackEventEntity {
    @Id
    @Column(name = "event_id", nullable = false, updatable = false)
    private UUID eventId;

    @Column(name = "interaction_id", nullable = false)
    private UUID interactionId;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(name = "kind", nullable = false)
    private String kind;

    @Column(name = "rating")
    private @Nullable Short rating;

    @Column(name = "body")
    private @Nullable String body;

    @Column(name = "editor")
    private @Nullable String editor;

    /** For JPA, which fills the fields by reflection after calling it. */
    protected FeedbackEventEntity() {}

    /**
     * The event's id (idempotency key: an event is stored once).
     *
     * @return the {@code event_id} column
     */
    public UUID getEventId() {
        return eventId;
    }

    /**
     * The interaction the event is about, which may not be stored (yet).
     *
     * @return the {@code interaction_id} column
     */
    public UUID getInteractionId() {
        return interactionId;
    }

    /**
     * When the user gave the feedback.
     *
     * @return the {@code occurred_at} column, in UTC, to the microsecond
     */
    public Instant getOccurredAt() {
        return occurredAt;
    }

    /**
     * What kind of feedback this is.
     *
     * @return the {@code kind} column: {@code rating}, {@code edit} or {@code followup}
     */
    public String getKind() {
        return kind;
    }

    /**
     * The rating of a rating event.
     *
     * @return the {@code rating} column: 1 or -1 for a rating; {@code null} otherwise
     */
    public @Nullable Short getRating() {
        return rating;
    }

    /**
     * The event's text: the rating's comment, the edited response, or the follow-up message.
     *
     * @return the {@code body} column; {@code null} when the event has no text
     */
    public @Nullable String getBody() {
        return body;
    }

    /**
     * Who edited, for an edit event.
     *
     * @return the {@code editor} column; {@code null} when not known or not an edit
     */
    public @Nullable String getEditor() {
        return editor;
    }
}
