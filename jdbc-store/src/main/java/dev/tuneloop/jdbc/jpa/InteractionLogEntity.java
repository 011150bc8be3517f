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

    /** For JPA, which fills the fields by reflection after calling it. */
    protected InteractionLogEntity() {}

    /**
     * The interaction's id (a UUIDv7, so ids sort by creation time).
     *
     * @return the {@code id} column
     */
    public UUID getId() {
        return id;
    }

    /**
     * When the interaction was recorded.
     *
     * @return the {@code created_at} column, in UTC, to the microsecond
     */
    public Instant getCreatedAt() {
        return createdAt;
    }

    /**
     * The host's user id.
     *
     * @return the {@code user_id} column
     */
    public String getUserId() {
        return userId;
    }

    /**
     * The host's session id.
     *
     * @return the {@code session_id} column; {@code null} when none was recorded
     */
    public @Nullable String getSessionId() {
        return sessionId;
    }

    /**
     * The system prompt sent to the model.
     *
     * @return the {@code system_prompt} column; {@code null} when there was none
     */
    public @Nullable String getSystemPrompt() {
        return systemPrompt;
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
     * The model's answer as it was shown to the user (never changed by an edit).
     *
     * @return the {@code assistant_response} column
     */
    public String getAssistantResponse() {
        return assistantResponse;
    }

    /**
     * The response's length in UTF-16 chars (what {@code minResponseChars} filters on).
     *
     * @return the {@code response_chars} column
     */
    public int getResponseChars() {
        return responseChars;
    }

    /**
     * The documents retrieved for the answer, as stored.
     *
     * @return the {@code retrieved_context} column: a JSON array of {@code {"id","source","text"}} objects, {@code
     *     source} omitted when unknown
     */
    public String getRetrievedContextJson() {
        return retrievedContextJson;
    }

    /**
     * The model that answered.
     *
     * @return the {@code model_used} column
     */
    public String getModelUsed() {
        return modelUsed;
    }

    /**
     * The conversation before the user's message, as stored.
     *
     * @return the {@code prior_turns} column: a JSON array of {@code {"role","content"}} objects, oldest first
     */
    public String getPriorTurnsJson() {
        return priorTurnsJson;
    }

    /**
     * How long the model call took.
     *
     * @return the {@code latency_nanos} column, in nanoseconds
     */
    public long getLatencyNanos() {
        return latencyNanos;
    }

    /**
     * The prompt tokens the provider reported.
     *
     * @return the {@code prompt_tokens} column
     */
    public int getPromptTokens() {
        return promptTokens;
    }

    /**
     * The completion tokens the provider reported.
     *
     * @return the {@code completion_tokens} column
     */
    public int getCompletionTokens() {
        return completionTokens;
    }

    /**
     * The host's metadata, as stored.
     *
     * @return the {@code metadata} column: a JSON object of string values, keys sorted
     */
    public String getMetadataJson() {
        return metadataJson;
    }

    /**
     * The seed's rating, derived from the latest rating event.
     *
     * @return the {@code feedback_rating} column: 1 up, -1 down; {@code null} when never rated
     */
    public @Nullable Short getFeedbackRating() {
        return feedbackRating;
    }

    /**
     * The user's correction, derived from the latest edit event.
     *
     * @return the {@code user_edited_response} column; {@code null} when never edited
     */
    public @Nullable String getUserEditedResponse() {
        return userEditedResponse;
    }

    /**
     * Whether the user asked a follow-up question about this answer (the seed's signal of a weak answer).
     *
     * @return the {@code had_followup} column
     */
    public boolean isHadFollowup() {
        return hadFollowup;
    }
}
