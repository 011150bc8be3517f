package dev.tuneloop.record;

import dev.tuneloop.internal.Checks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One LLM call as the host made it: what was asked, with what context, which model answered and how.
 * Feedback arrives later as events ({@link Rating}, {@link Edit}, {@link FollowUp}) and never changes this record:
 * the original response is kept exactly as it was.
 *
 * <p>Carries the seed's interaction fields {@code user_message}, {@code assistant_response}, {@code system_prompt},
 * {@code retrieved_context} and {@code model_used}; the three feedback fields ({@code feedback_rating},
 * {@code user_edited_response}, {@code had_followup}) are derived from events, see {@link FeedbackState}.
 *
 * <p>Built with {@link #builder()}; every rule is checked at construction and all problems are reported at once
 * in a {@link dev.tuneloop.errors.ValidationException} naming the field and the rule. Any valid Unicode is kept exactly;
 * U+0000 and unpaired surrogates are rejected so that every store behaves the same.
 *
 * @param id                the id; made in-process (UUIDv7) by the builder unless given
 * @param createdAt         when the call happened (kept to the microsecond)
 * @param userId            the end user's id in the host; required, non-blank, at most 256 characters
 * @param sessionId         the conversation id; may be null
 * @param systemPrompt      the system prompt given to the model; may be null when there was none
 * @param userMessage       the user's message; required, non-blank
 * @param assistantResponse the model's answer; required, non-blank
 * @param retrievedContext  documents given to the model (RAG); never null, may be empty
 * @param modelUsed         the model that answered, e.g. {@code gpt-4o-mini}; required, non-blank
 * @param priorTurns        earlier turns of the conversation, oldest first (no system message); never null
 * @param latency           how long the call took; {@link Duration#ZERO} when not measured
 * @param promptTokens      input tokens as reported by the provider; 0 when not reported
 * @param completionTokens  output tokens as reported by the provider; 0 when not reported
 * @param metadata          host-defined string attributes (e.g. feature, locale); never null
 */
public record Interaction(
        InteractionId id,
        Instant createdAt,
        String userId,
        String sessionId,
        String systemPrompt,
        String userMessage,
        String assistantResponse,
        List<RetrievedDocument> retrievedContext,
        String modelUsed,
        List<ChatMessage> priorTurns,
        Duration latency,
        int promptTokens,
        int completionTokens,
        Map<String, String> metadata) {

    /** Maximum characters of {@code userId}, {@code sessionId} and {@code modelUsed}. */
    public static final int MAX_ID_CHARS = 256;

    public Interaction {
        retrievedContext = retrievedContext == null ? List.of() : List.copyOf(retrievedContext);
        priorTurns = priorTurns == null ? List.of() : List.copyOf(priorTurns);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        latency = latency == null ? Duration.ZERO : latency;
        // every store keeps microseconds (PostgreSQL's precision): truncate so a round trip is exact
        createdAt = createdAt == null ? null : createdAt.truncatedTo(ChronoUnit.MICROS);
        validate(
                Limits.HARD,
                id,
                createdAt,
                userId,
                sessionId,
                systemPrompt,
                userMessage,
                assistantResponse,
                retrievedContext,
                modelUsed,
                priorTurns,
                latency,
                promptTokens,
                completionTokens,
                metadata);
    }

    static void validate(
            Limits limits,
            InteractionId id,
            Instant createdAt,
            String userId,
            String sessionId,
            String systemPrompt,
            String userMessage,
            String assistantResponse,
            List<RetrievedDocument> retrievedContext,
            String modelUsed,
            List<ChatMessage> priorTurns,
            Duration latency,
            int promptTokens,
            int completionTokens,
            Map<String, String> metadata) {
        int max = limits.maxTextBytes();
        Checks c = Checks.start()
                .require(id != null, "id is required, but was null")
                .require(createdAt != null, "createdAt is required, but was null")
                .text("userId", userId, true, MAX_ID_CHARS * 4)
                .require(
                        userId == null || userId.length() <= MAX_ID_CHARS,
                        "userId must be at most " + MAX_ID_CHARS + " characters, but has "
                                + (userId == null ? 0 : userId.length()))
                .text("sessionId", sessionId, false, MAX_ID_CHARS * 4)
                .require(
                        sessionId == null || sessionId.length() <= MAX_ID_CHARS,
                        "sessionId must be at most " + MAX_ID_CHARS + " characters")
                .text("systemPrompt", systemPrompt, false, max)
                .text("userMessage", userMessage, true, max)
                .text("assistantResponse", assistantResponse, true, max)
                .text("modelUsed", modelUsed, true, MAX_ID_CHARS * 4)
                .require(
                        modelUsed == null || modelUsed.length() <= MAX_ID_CHARS,
                        "modelUsed must be at most " + MAX_ID_CHARS + " characters")
                .require(!latency.isNegative(), "latency must be >= 0, but was " + latency)
                .require(promptTokens >= 0, "promptTokens must be >= 0, but was " + promptTokens)
                .require(completionTokens >= 0, "completionTokens must be >= 0, but was " + completionTokens)
                .require(
                        retrievedContext.size() <= limits.maxDocuments(),
                        "retrievedContext must have at most " + limits.maxDocuments() + " documents, but has "
                                + retrievedContext.size())
                .require(
                        priorTurns.size() <= limits.maxPriorTurns(),
                        "priorTurns must have at most " + limits.maxPriorTurns() + " turns, but has "
                                + priorTurns.size())
                .require(
                        metadata.size() <= limits.maxMetadataEntries(),
                        "metadata must have at most " + limits.maxMetadataEntries() + " entries, but has "
                                + metadata.size());
        for (RetrievedDocument d : retrievedContext) {
            c.text("retrievedContext.text", d.text(), false, max);
        }
        for (ChatMessage m : priorTurns) {
            c.text("priorTurns.content", m.content(), false, max);
            c.require(
                    m.role() != Role.SYSTEM && m.role() != Role.DEVELOPER,
                    "priorTurns must not contain a " + m.role().wireName() + " message (use systemPrompt)");
        }
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            String key = e.getKey();
            c.text("metadata key", key, true, limits.maxMetadataKeyChars() * 4);
            if (key.length() > limits.maxMetadataKeyChars()) {
                c.add("metadata key must be at most " + limits.maxMetadataKeyChars() + " characters, but has "
                        + key.length());
            }
            c.text(
                    "metadata['" + (key.length() > 40 ? key.substring(0, 40) : key) + "']",
                    e.getValue(),
                    false,
                    limits.maxMetadataValueBytes());
        }
        c.orThrow();
    }

    /** A builder with the default {@link Limits} and the system clock. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this interaction (same id). */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.createdAt = createdAt;
        b.userId = userId;
        b.sessionId = sessionId;
        b.systemPrompt = systemPrompt;
        b.userMessage = userMessage;
        b.assistantResponse = assistantResponse;
        b.retrievedContext.addAll(retrievedContext);
        b.modelUsed = modelUsed;
        b.priorTurns.addAll(priorTurns);
        b.latency = latency;
        b.promptTokens = promptTokens;
        b.completionTokens = completionTokens;
        b.metadata.putAll(metadata);
        return b;
    }

    @Override
    public String toString() {
        // never the texts: they may hold personal data
        return "Interaction[id=" + id + ", createdAt=" + createdAt + ", userId=" + userId + ", modelUsed=" + modelUsed
                + ", userMessageChars=" + userMessage.length() + ", responseChars=" + assistantResponse.length() + "]";
    }

    /** Builds an {@link Interaction}. Not thread-safe; one per interaction. */
    public static final class Builder {
        private Limits limits = Limits.DEFAULT;
        private Clock clock = Clock.systemUTC();
        private InteractionId id;
        private Instant createdAt;
        private String userId;
        private String sessionId;
        private String systemPrompt;
        private String userMessage;
        private String assistantResponse;
        private final List<RetrievedDocument> retrievedContext = new ArrayList<>();
        private String modelUsed;
        private final List<ChatMessage> priorTurns = new ArrayList<>();
        private Duration latency = Duration.ZERO;
        private int promptTokens;
        private int completionTokens;
        private final Map<String, String> metadata = new LinkedHashMap<>();

        private Builder() {}

        /** Size limits to check against (default {@link Limits#DEFAULT}). */
        public Builder limits(Limits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** The clock that stamps {@code createdAt} and the id when they are not given (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The caller's own id; writes are idempotent on it. Default: a new UUIDv7. */
        public Builder id(InteractionId id) {
            this.id = id;
            return this;
        }

        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public Builder userId(String userId) {
            this.userId = userId;
            return this;
        }

        public Builder sessionId(String sessionId) {
            this.sessionId = sessionId;
            return this;
        }

        public Builder systemPrompt(String systemPrompt) {
            this.systemPrompt = systemPrompt;
            return this;
        }

        public Builder userMessage(String userMessage) {
            this.userMessage = userMessage;
            return this;
        }

        public Builder assistantResponse(String assistantResponse) {
            this.assistantResponse = assistantResponse;
            return this;
        }

        public Builder retrievedContext(List<RetrievedDocument> documents) {
            this.retrievedContext.clear();
            this.retrievedContext.addAll(documents);
            return this;
        }

        public Builder addRetrievedDocument(String id, String source, String text) {
            this.retrievedContext.add(new RetrievedDocument(id, source, text));
            return this;
        }

        public Builder modelUsed(String modelUsed) {
            this.modelUsed = modelUsed;
            return this;
        }

        public Builder priorTurns(List<ChatMessage> turns) {
            this.priorTurns.clear();
            this.priorTurns.addAll(turns);
            return this;
        }

        public Builder addPriorTurn(Role role, String content) {
            this.priorTurns.add(new ChatMessage(role, content));
            return this;
        }

        public Builder latency(Duration latency) {
            this.latency = latency;
            return this;
        }

        public Builder tokens(int promptTokens, int completionTokens) {
            this.promptTokens = promptTokens;
            this.completionTokens = completionTokens;
            return this;
        }

        public Builder metadata(Map<String, String> metadata) {
            this.metadata.clear();
            this.metadata.putAll(metadata);
            return this;
        }

        public Builder putMetadata(String key, String value) {
            this.metadata.put(key, value);
            return this;
        }

        /**
         * Checks every rule against the configured limits and builds the interaction.
         *
         * @throws dev.tuneloop.errors.ValidationException listing every problem, each naming its field and rule
         */
        public Interaction build() {
            InteractionId theId = id != null ? id : InteractionId.next(clock);
            // from the clock, not from the id: ids stay strictly increasing, so under a fixed or slow clock their
            // embedded millisecond may run ahead of the clock's
            Instant at = createdAt != null ? createdAt : clock.instant();
            Duration lat = latency == null ? Duration.ZERO : latency;
            validate(
                    limits,
                    theId,
                    at,
                    userId,
                    sessionId,
                    systemPrompt,
                    userMessage,
                    assistantResponse,
                    retrievedContext,
                    modelUsed,
                    priorTurns,
                    lat,
                    promptTokens,
                    completionTokens,
                    metadata);
            return new Interaction(
                    theId,
                    at,
                    userId,
                    sessionId,
                    systemPrompt,
                    userMessage,
                    assistantResponse,
                    retrievedContext,
                    modelUsed,
                    priorTurns,
                    lat,
                    promptTokens,
                    completionTokens,
                    metadata);
        }
    }
}
