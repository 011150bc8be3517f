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

    /** For JPA, which fills the fields by reflection after calling it. */
    protected ExampleRevisionEntity() {}

    /**
     * Increases with every revision written; orders an example's history.
     *
     * @return the {@code revision_id} column
     */
    public long getRevisionId() {
        return revisionId;
    }

    /**
     * The training example this revision changed.
     *
     * @return the {@code example_id} column
     */
    public UUID getExampleId() {
        return exampleId;
    }

    /**
     * The example's version after this revision (1 for the first review).
     *
     * @return the {@code version} column
     */
    public int getVersion() {
        return version;
    }

    /**
     * When the revision was made.
     *
     * @return the {@code revised_at} column, in UTC, to the microsecond
     */
    public Instant getRevisedAt() {
        return revisedAt;
    }

    /**
     * Who made the revision.
     *
     * @return the {@code reviewer} column
     */
    public String getReviewer() {
        return reviewer;
    }

    /**
     * The fields the revision changed.
     *
     * @return the {@code changed_fields} column: a JSON array of field names
     */
    public String getChangedFieldsJson() {
        return changedFieldsJson;
    }

    /**
     * The reviewer's note about the revision.
     *
     * @return the {@code note} column; {@code null} when there was none
     */
    public @Nullable String getNote() {
        return note;
    }
}
