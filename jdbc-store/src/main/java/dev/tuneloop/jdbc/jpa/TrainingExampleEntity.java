package dev.tuneloop.jdbc.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A read-only JPA view of one row of {@code training_examples} (the seed's table of reviewed interactions). Write
 * through {@link dev.tuneloop.jdbc.JdbcStore} only: it keeps {@code example_revisions} and the version consistent.
 * Not thread-safe.
 */
@Entity(name = "TuneloopTrainingExample")
@Table(name = "training_examples")
public class TrainingExampleEntity {
    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    @Column(name = "source_interaction_id", nullable = false, unique = true)
    private UUID sourceInteractionId;

    @Column(name = "user_id", nullable = false)
    private String userId;

    @Column(name = "status", nullable = false)
    private String status;

    @Column(name = "split", nullable = false)
    private String split;

    @Column(name = "interaction_created_at", nullable = false)
    private Instant interactionCreatedAt;

    @Column(name = "system_prompt")
    private @Nullable String systemPrompt;

    @Column(name = "prior_turns", nullable = false)
    private String priorTurnsJson;

    @Column(name = "user_message", nullable = false)
    private String userMessage;

    @Column(name = "retrieved_context", nullable = false)
    private String retrievedContextJson;

    @Column(name = "original_response", nullable = false)
    private String originalResponse;

    @Column(name = "user_edited_response")
    private @Nullable String userEditedResponse;

    @Column(name = "improved_response")
    private @Nullable String improvedResponse;

    @Column(name = "model_used", nullable = false)
    private String modelUsed;

    @Column(name = "category")
    private @Nullable String category;

    @Column(name = "quality")
    private @Nullable Short quality;

    @Column(name = "reviewer", nullable = false)
    private String reviewer;

    @Column(name = "notes")
    private @Nullable String notes;

    @Column(name = "reject_reason")
    private @Nullable String rejectReason;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "reviewed_at", nullable = false)
    private Instant reviewedAt;

    @Column(name = "version", nullable = false)
    private int version;

    /** For JPA. */
    protected TrainingExampleEntity() {}

    public UUID getId() {
        return id;
    }

    public UUID getSourceInteractionId() {
        return sourceInteractionId;
    }

    public String getUserId() {
        return userId;
    }

    /** {@code APPROVED} or {@code REJECTED}. */
    public String getStatus() {
        return status;
    }

    /** {@code TRAIN} or {@code HOLDOUT}. */
    public String getSplit() {
        return split;
    }

    public Instant getInteractionCreatedAt() {
        return interactionCreatedAt;
    }

    /** May be null. */
    public @Nullable String getSystemPrompt() {
        return systemPrompt;
    }

    /** A JSON array of {@code {"role","content"}} objects. */
    public String getPriorTurnsJson() {
        return priorTurnsJson;
    }

    public String getUserMessage() {
        return userMessage;
    }

    /** A JSON array of {@code {"id","source","text"}} objects. */
    public String getRetrievedContextJson() {
        return retrievedContextJson;
    }

    public String getOriginalResponse() {
        return originalResponse;
    }

    /** May be null. */
    public @Nullable String getUserEditedResponse() {
        return userEditedResponse;
    }

    /** May be null. */
    public @Nullable String getImprovedResponse() {
        return improvedResponse;
    }

    public String getModelUsed() {
        return modelUsed;
    }

    /** May be null for a rejected example. */
    public @Nullable String getCategory() {
        return category;
    }

    /** 1-10; null for a rejected example. */
    public @Nullable Short getQuality() {
        return quality;
    }

    public String getReviewer() {
        return reviewer;
    }

    /** May be null. */
    public @Nullable String getNotes() {
        return notes;
    }

    /** Null for an approved example. */
    public @Nullable String getRejectReason() {
        return rejectReason;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getReviewedAt() {
        return reviewedAt;
    }

    public int getVersion() {
        return version;
    }
}
