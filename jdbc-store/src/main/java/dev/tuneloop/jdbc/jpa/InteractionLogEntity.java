package dev.tuneloop.jdbc.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A read-only JPA view of one row of {@code interaction_logs}, for hosts that read Tuneloop's tables through
 * JPA/Hibernate (reports, admin screens). Write through {@link dev.tuneloop.jdbc.JdbcStore} only: it keeps the seed's
 * derived columns ({@code feedback_rating}, {@code user_edited_response}, {@code had_followup}) consistent with
 * {@code feedback_events}.
 *
 * <p>The JSON columns ({@code retrieved_context}, {@code prior_turns}, {@code metadata}) are mapped as their JSON
 * text. Not thread-safe (a JPA entity).
 */
@Entity(name = "TuneloopInteractionLog")
@Table(name = "interaction_logs")
public class InteractionLogEntity {
    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "user_id", nullable = false)
    private String userId;

    @Column(name = "session_id")
    private @Nullable String sessionId;

    @Column(name = "system_prompt")
    private @Nullable String systemPrompt;

    @Column(name = "user_message", nullable = false)
    private String userMessage;

    @Column(name = "assistant_response", nullable = false)
    private String assistantResponse;

    @Column(name = "response_chars", nullable = false)
    private int responseChars;

    @Column(name = "retrieved_context", nullable = false)
    private String retrievedContextJson;

    @Column(name = "model_used", nullable = false)
    private String modelUsed;

    @Column(name = "prior_turns", nullable = false)
    private String priorTurnsJson;

    @Column(name = "latency_nanos", nullable = false)
    private long latencyNanos;

    @Column(name = "prompt_tokens", nullable = false)
    private int promptTokens;

    @Column(name = "completion_tokens", nullable = false)
    private int completionTokens;

    @Column(name = "metadata", nullable = false)
    private String metadataJson;

    @Column(name = "feedback_rating")
    private @Nullable Short feedbackRating;

    @Column(name = "user_edited_response")
    private @Nullable String userEditedResponse;

    @Column(name = "had_followup", nullable = false)
    private boolean hadFollowup;

    /** For JPA. */
    protected InteractionLogEntity() {}

    public UUID getId() {
        return id;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public String getUserId() {
        return userId;
    }

    /** May be null. */
    public @Nullable String getSessionId() {
        return sessionId;
    }

    /** May be null. */
    public @Nullable String getSystemPrompt() {
        return systemPrompt;
    }

    public String getUserMessage() {
        return userMessage;
    }

    public String getAssistantResponse() {
        return assistantResponse;
    }

    /** The response's length in UTF-16 chars (what {@code minResponseChars} filters on). */
    public int getResponseChars() {
        return responseChars;
    }

    /** A JSON array of {@code {"id","source","text"}} objects. */
    public String getRetrievedContextJson() {
        return retrievedContextJson;
    }

    public String getModelUsed() {
        return modelUsed;
    }

    /** A JSON array of {@code {"role","content"}} objects, oldest first. */
    public String getPriorTurnsJson() {
        return priorTurnsJson;
    }

    public long getLatencyNanos() {
        return latencyNanos;
    }

    public int getPromptTokens() {
        return promptTokens;
    }

    public int getCompletionTokens() {
        return completionTokens;
    }

    /** A JSON object of string values, keys sorted. */
    public String getMetadataJson() {
        return metadataJson;
    }

    /** The seed's rating: 1 up, -1 down, null none (the latest rating event). */
    public @Nullable Short getFeedbackRating() {
        return feedbackRating;
    }

    /** The latest edit; null when never edited. */
    public @Nullable String getUserEditedResponse() {
        return userEditedResponse;
    }

    public boolean isHadFollowup() {
        return hadFollowup;
    }
}
