package dev.tuneloop.curate;

import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.Rating;
import dev.tuneloop.record.RecordedInteraction;
import dev.tuneloop.record.RetrievedDocument;
import dev.tuneloop.record.ToolDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a reviewer needs to judge one interaction (the seed's Step 2): the question and its context, the model's
 * tool calls and the tools' results, its answer, the user's latest edit and a word-level diff between them. A
 * reviewer's improved answer replaces the final answer only: the tool-calling steps stay as they were.
 *
 * <p>Immutable and thread-safe; {@link #toString()} shows ids and flags, never a text.
 *
 * @param interactionId     the interaction
 * @param userId            its user
 * @param question          the user's message
 * @param systemPrompt      the system prompt; null when there was none
 * @param retrievedContext  the RAG documents; never null
 * @param priorTurns        earlier turns, oldest first; never null
 * @param originalResponse  the model's answer, as logged
 * @param editedResponse    the user's latest edit; null when not edited
 * @param diff              original → edited, word by word ({@link WordDiff}); empty when not edited
 * @param rating            the latest rating; null when not rated
 * @param modelUsed         the model that answered
 * @param metadata          the host's attributes; never null
 * @param createdAt         when the interaction happened
 * @param feedbackAt        when the last feedback event arrived; null when there was none
 * @param steps             the tool calls and their results before the answer ({@link
 *                          dev.tuneloop.record.Interaction#steps()}); empty when the model called no tool; never null
 * @param tools             the tools offered to the model; empty when none were; never null
 */
public record Candidate(
        InteractionId interactionId,
        String userId,
        String question,
        @Nullable String systemPrompt,
        List<RetrievedDocument> retrievedContext,
        List<ChatMessage> priorTurns,
        String originalResponse,
        @Nullable String editedResponse,
        List<DiffOp> diff,
        Rating.@Nullable Value rating,
        String modelUsed,
        Map<String, String> metadata,
        Instant createdAt,
        @Nullable Instant feedbackAt,
        List<ChatMessage> steps,
        List<ToolDefinition> tools) {

    /**
     * Checks the required parts and copies the collections.
     *
     * @param interactionId    the interaction
     * @param userId           its user
     * @param question         the user's message
     * @param systemPrompt     the system prompt; null when there was none
     * @param retrievedContext the RAG documents; never null
     * @param priorTurns       earlier turns, oldest first; never null
     * @param originalResponse the model's answer, as logged
     * @param editedResponse   the user's latest edit; null when not edited
     * @param diff             original → edited, word by word ({@link WordDiff}); empty when not edited
     * @param rating           the latest rating; null when not rated
     * @param modelUsed        the model that answered
     * @param metadata         the host's attributes; never null
     * @param createdAt        when the interaction happened
     * @param feedbackAt       when the last feedback event arrived; null when there was none
     * @param steps            the tool calls and their results before the answer; never null
     * @param tools            the tools offered to the model; never null
     * @throws NullPointerException when a required part or a collection is null
     */
    public Candidate {
        Objects.requireNonNull(interactionId, "interactionId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(originalResponse, "originalResponse");
        Objects.requireNonNull(modelUsed, "modelUsed");
        Objects.requireNonNull(createdAt, "createdAt");
        retrievedContext = List.copyOf(retrievedContext);
        priorTurns = List.copyOf(priorTurns);
        diff = List.copyOf(diff);
        metadata = Map.copyOf(metadata);
        steps = List.copyOf(steps);
        tools = List.copyOf(tools);
    }

    /**
     * A candidate without tool calls (the form before tool calling).
     *
     * @param interactionId    the interaction
     * @param userId           its user
     * @param question         the user's message
     * @param systemPrompt     the system prompt; null when there was none
     * @param retrievedContext the RAG documents; never null
     * @param priorTurns       earlier turns, oldest first; never null
     * @param originalResponse the model's answer, as logged
     * @param editedResponse   the user's latest edit; null when not edited
     * @param diff             original → edited, word by word ({@link WordDiff}); empty when not edited
     * @param rating           the latest rating; null when not rated
     * @param modelUsed        the model that answered
     * @param metadata         the host's attributes; never null
     * @param createdAt        when the interaction happened
     * @param feedbackAt       when the last feedback event arrived; null when there was none
     * @throws NullPointerException when a required part or a collection is null
     */
    public Candidate(
            InteractionId interactionId,
            String userId,
            String question,
            @Nullable String systemPrompt,
            List<RetrievedDocument> retrievedContext,
            List<ChatMessage> priorTurns,
            String originalResponse,
            @Nullable String editedResponse,
            List<DiffOp> diff,
            Rating.@Nullable Value rating,
            String modelUsed,
            Map<String, String> metadata,
            Instant createdAt,
            @Nullable Instant feedbackAt) {
        this(
                interactionId,
                userId,
                question,
                systemPrompt,
                retrievedContext,
                priorTurns,
                originalResponse,
                editedResponse,
                diff,
                rating,
                modelUsed,
                metadata,
                createdAt,
                feedbackAt,
                List.of(),
                List.of());
    }

    /**
     * The candidate view of a stored interaction, with the diff computed.
     *
     * @param r the interaction and its derived feedback
     * @return the reviewer's view of {@code r}
     */
    public static Candidate of(RecordedInteraction r) {
        var i = r.interaction();
        var f = r.feedback();
        String edited = f.userEditedResponse().orElse(null);
        return new Candidate(
                i.id(),
                i.userId(),
                i.userMessage(),
                i.systemPrompt(),
                i.retrievedContext(),
                i.priorTurns(),
                i.assistantResponse(),
                edited,
                edited == null ? List.of() : WordDiff.between(i.assistantResponse(), edited),
                f.rating() == null ? null : f.rating().value(),
                i.modelUsed(),
                i.metadata(),
                i.createdAt(),
                f.lastFeedbackAt(),
                i.steps(),
                i.tools());
    }

    /**
     * Whether the user edited the answer.
     *
     * @return true when {@link #editedResponse()} is not null
     */
    public boolean isEdited() {
        return editedResponse != null;
    }

    @Override
    public String toString() {
        // never the texts: they may hold personal data
        return "Candidate[interactionId=" + interactionId + ", edited=" + isEdited() + ", rating=" + rating
                + ", modelUsed=" + modelUsed + ", steps=" + steps.size() + ", createdAt=" + createdAt + "]";
    }
}
