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

    /** For JPA. */
    protected FeedbackEventEntity() {}

    public UUID getEventId() {
        return eventId;
    }

    public UUID getInteractionId() {
        return interactionId;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }

    /** {@code rating}, {@code edit} or {@code followup}. */
    public String getKind() {
        return kind;
    }

    /** 1 or -1 for a rating; null otherwise. */
    public @Nullable Short getRating() {
        return rating;
    }

    /** The rating's comment, the edited response, or the follow-up message; may be null. */
    public @Nullable String getBody() {
        return body;
    }

    /** Who edited; may be null. */
    public @Nullable String getEditor() {
        return editor;
    }
}
