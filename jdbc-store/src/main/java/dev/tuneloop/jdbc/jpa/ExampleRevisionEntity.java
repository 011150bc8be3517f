package dev.tuneloop.jdbc.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A read-only JPA view of one row of {@code example_revisions}: who changed which fields of a training example, when.
 * Write through {@link dev.tuneloop.jdbc.JdbcStore} only. Not thread-safe.
 */
@Entity(name = "TuneloopExampleRevision")
@Table(name = "example_revisions")
public class ExampleRevisionEntity {
    @Id
    @Column(name = "revision_id", nullable = false, updatable = false)
    private long revisionId;

    @Column(name = "example_id", nullable = false)
    private UUID exampleId;

    @Column(name = "version", nullable = false)
    private int version;

    @Column(name = "revised_at", nullable = false)
    private Instant revisedAt;

    @Column(name = "reviewer", nullable = false)
    private String reviewer;

    @Column(name = "changed_fields", nullable = false)
    private String changedFieldsJson;

    @Column(name = "note")
    private @Nullable String note;

    /** For JPA. */
    protected ExampleRevisionEntity() {}

    /** Increases with every revision written; orders an example's history. */
    public long getRevisionId() {
        return revisionId;
    }

    public UUID getExampleId() {
        return exampleId;
    }

    public int getVersion() {
        return version;
    }

    public Instant getRevisedAt() {
        return revisedAt;
    }

    public String getReviewer() {
        return reviewer;
    }

    /** A JSON array of field names. */
    public String getChangedFieldsJson() {
        return changedFieldsJson;
    }

    /** May be null. */
    public @Nullable String getNote() {
        return note;
    }
}
