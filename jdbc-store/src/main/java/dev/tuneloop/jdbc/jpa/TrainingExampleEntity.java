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

    /** For JPA, which fills the fields by reflection after calling it. */
    protected TrainingExampleEntity() {}

    /**
     * The example's id.
     *
     * @return the {@code id} column
     */
    public UUID getId() {
        return id;
    }

    /**
     * The interaction the example was reviewed from (at most one example per interaction).
     *
     * @return the {@code source_interaction_id} column
     */
    public UUID getSourceInteractionId() {
        return sourceInteractionId;
    }

    /**
     * The user of the source interaction (what erasure deletes by).
     *
     * @return the {@code user_id} column
     */
    public String getUserId() {
        return userId;
    }

    /**
     * The review's outcome.
     *
     * @return the {@code status} column: {@code APPROVED} or {@code REJECTED}
     */
    public String getStatus() {
        return status;
    }

    /**
     * The frozen split the example belongs to.
     *
     * @return the {@code split} column: {@code TRAIN} or {@code HOLDOUT}
     */
    public String getSplit() {
        return split;
    }

    /**
     * When the source interaction was recorded.
     *
     * @return the {@code interaction_created_at} column, in UTC
     */
    public Instant getInteractionCreatedAt() {
        return interactionCreatedAt;
    }

    /**
     * The source interaction's system prompt.
     *
     * @return the {@code system_prompt} column; {@code null} when there was none
     */
    public @Nullable String getSystemPrompt() {
        return systemPrompt;
    }

    /**
     * The conversation before the user's message.
     *
     * @return the {@code prior_turns} column: a JSON array of {@code {"role","content"}} objects, oldest first
     */
    public String getPriorTurnsJson() {
        return priorTurnsJson;
    }

    /**
     * The user's message.
     *
     * @return the {@code user_message} column
     */
    public String getUserMessage() {
        return userMessage;
    }

    /**
     * The documents retrieved for the answer.
     *
     * @return the {@code retrieved_context} column: a JSON array of {@code {"id","source","text"}} objects
     */
    public String getRetrievedContextJson() {
        return retrievedContextJson;
    }

    /**
     * The model's answer as the user saw it.
     *
     * @return the {@code original_response} column
     */
    public String getOriginalResponse() {
        return originalResponse;
    }

    /**
     * The user's latest edit of the answer.
     *
     * @return the {@code user_edited_response} column; {@code null} when the user did not edit
     */
    public @Nullable String getUserEditedResponse() {
        return userEditedResponse;
    }

    /**
     * The reviewer's improved answer.
     *
     * @return the {@code improved_response} column; {@code null} when the reviewer wrote none
     */
    public @Nullable String getImprovedResponse() {
        return improvedResponse;
    }

    /**
     * The model that answered the source interaction.
     *
     * @return the {@code model_used} column
     */
    public String getModelUsed() {
        return modelUsed;
    }

    /**
     * The reviewer's category.
     *
     * @return the {@code category} column; always set for an approved example, may be {@code null} for a rejected one
     */
    public @Nullable String getCategory() {
        return category;
    }

    /**
     * The reviewer's quality score.
     *
     * @return the {@code quality} column, 1-10; always set for an approved example, may be {@code null} for a
     *     rejected one
     */
    public @Nullable Short getQuality() {
        return quality;
    }

    /**
     * Who reviewed last.
     *
     * @return the {@code reviewer} column
     */
    public String getReviewer() {
        return reviewer;
    }

    /**
     * The reviewer's notes.
     *
     * @return the {@code notes} column; {@code null} when there were none
     */
    public @Nullable String getNotes() {
        return notes;
    }

    /**
     * Why the example was rejected.
     *
     * @return the {@code reject_reason} column; {@code null} for an approved example
     */
    public @Nullable String getRejectReason() {
        return rejectReason;
    }

    /**
     * When the example was first reviewed.
     *
     * @return the {@code created_at} column, in UTC
     */
    public Instant getCreatedAt() {
        return createdAt;
    }

    /**
     * When the example was last reviewed.
     *
     * @return the {@code reviewed_at} column, in UTC
     */
    public Instant getReviewedAt() {
        return reviewedAt;
    }

    /**
     * The example's version: 1 after the first review, one more per re-review.
     *
     * @return the {@code version} column
     */
    public int getVersion() {
        return version;
    }
}
