package dev.tuneloop.record;

import dev.tuneloop.errors.Checks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

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
 * U+0000 and unpaired surrogates are rejected so that every store behaves the same. {@link #toString()} shows ids and
 * sizes, never the texts (they may hold personal data).
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
        @Nullable String sessionId,
        @Nullable String systemPrompt,
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

    /**
     * Normalizes and checks every field against {@link Limits#HARD}: null lists and metadata become empty, a null
     * latency becomes {@link Duration#ZERO}, {@code createdAt} is truncated to the microsecond, and the collections
     * are copied. Prefer {@link #builder()}, which fills in the id and the time and applies the configured limits.
     *
     * @param id                the id; required
     * @param createdAt         when the call happened; required
     * @param userId            the end user's id; required, non-blank, at most {@link #MAX_ID_CHARS} characters
     * @param sessionId         the conversation id; may be null
     * @param systemPrompt      the system prompt; may be null
     * @param userMessage       the user's message; required, non-blank
     * @param assistantResponse the model's answer; required, non-blank
     * @param retrievedContext  documents given to the model; null for none
     * @param modelUsed         the model that answered; required, non-blank
     * @param priorTurns        earlier turns, oldest first, no system or developer message; null for none
     * @param latency           how long the call took, {@code >= 0}; null for not measured
     * @param promptTokens      input tokens, {@code >= 0}
     * @param completionTokens  output tokens, {@code >= 0}
     * @param metadata          host-defined string attributes; null for none
     * @throws dev.tuneloop.errors.ValidationException listing every broken rule, each naming its field
     */
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
            @Nullable InteractionId id,
            @Nullable Instant createdAt,
            @Nullable String userId,
            @Nullable String sessionId,
            @Nullable String systemPrompt,
            @Nullable String userMessage,
            @Nullable String assistantResponse,
            List<RetrievedDocument> retrievedContext,
            @Nullable String modelUsed,
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

    /**
     * A builder with the default {@link Limits} and the system clock.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder that starts from this interaction (same id and time), with the default {@link Limits} and the system
     * clock.
     *
     * @return a new builder with every field of this interaction
     */
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
        private @Nullable InteractionId id;
        private @Nullable Instant createdAt;
        private @Nullable String userId;
        private @Nullable String sessionId;
        private @Nullable String systemPrompt;
        private @Nullable String userMessage;
        private @Nullable String assistantResponse;
        private final List<RetrievedDocument> retrievedContext = new ArrayList<>();
        private @Nullable String modelUsed;
        private final List<ChatMessage> priorTurns = new ArrayList<>();
        private @Nullable Duration latency = Duration.ZERO;
        private int promptTokens;
        private int completionTokens;
        private final Map<String, String> metadata = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Size limits to check against at {@link #build()} (default {@link Limits#DEFAULT}).
         *
         * @param limits the limits
         * @return this builder
         */
        public Builder limits(Limits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * The clock that stamps {@code createdAt} and the id when they are not given (default: system UTC).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The caller's own id; writes are idempotent on it (default: a new UUIDv7 at {@link #build()}).
         *
         * @param id the id; null for a new one
         * @return this builder
         */
        public Builder id(@Nullable InteractionId id) {
            this.id = id;
            return this;
        }

        /**
         * When the call happened (default: the clock's instant at {@link #build()}).
         *
         * @param createdAt the time; null for the clock's
         * @return this builder
         */
        public Builder createdAt(@Nullable Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        /**
         * The end user's id in the host; required.
         *
         * @param userId non-blank, at most {@link Interaction#MAX_ID_CHARS} characters
         * @return this builder
         */
        public Builder userId(String userId) {
            this.userId = userId;
            return this;
        }

        /**
         * The conversation id (default: none).
         *
         * @param sessionId the id; null for none
         * @return this builder
         */
        public Builder sessionId(@Nullable String sessionId) {
            this.sessionId = sessionId;
            return this;
        }

        /**
         * The system prompt given to the model (default: none).
         *
         * @param systemPrompt the prompt; null for none
         * @return this builder
         */
        public Builder systemPrompt(@Nullable String systemPrompt) {
            this.systemPrompt = systemPrompt;
            return this;
        }

        /**
         * The user's message; required.
         *
         * @param userMessage non-blank
         * @return this builder
         */
        public Builder userMessage(String userMessage) {
            this.userMessage = userMessage;
            return this;
        }

        /**
         * The model's answer; required.
         *
         * @param assistantResponse non-blank
         * @return this builder
         */
        public Builder assistantResponse(String assistantResponse) {
            this.assistantResponse = assistantResponse;
            return this;
        }

        /**
         * The documents given to the model, replacing any added before.
         *
         * @param documents the documents, in the order given to the model
         * @return this builder
         */
        public Builder retrievedContext(List<RetrievedDocument> documents) {
            this.retrievedContext.clear();
            this.retrievedContext.addAll(documents);
            return this;
        }

        /**
         * Adds one document given to the model.
         *
         * @param id the document's id; non-blank
         * @param source where it came from; may be null
         * @param text the text given to the model
         * @return this builder
         * @throws dev.tuneloop.errors.ValidationException when the document breaks a rule
         */
        public Builder addRetrievedDocument(String id, @Nullable String source, String text) {
            this.retrievedContext.add(new RetrievedDocument(id, source, text));
            return this;
        }

        /**
         * The model that answered, e.g. {@code gpt-4o-mini}; required.
         *
         * @param modelUsed non-blank, at most {@link Interaction#MAX_ID_CHARS} characters
         * @return this builder
         */
        public Builder modelUsed(String modelUsed) {
            this.modelUsed = modelUsed;
            return this;
        }

        /**
         * The earlier turns of the conversation, replacing any added before.
         *
         * @param turns oldest first, no system or developer message
         * @return this builder
         */
        public Builder priorTurns(List<ChatMessage> turns) {
            this.priorTurns.clear();
            this.priorTurns.addAll(turns);
            return this;
        }

        /**
         * Adds one earlier turn, after those added before.
         *
         * @param role the role; a system or developer turn is rejected by {@link #build()}
         * @param content the text
         * @return this builder
         * @throws dev.tuneloop.errors.ValidationException when the message breaks a rule
         */
        public Builder addPriorTurn(Role role, String content) {
            this.priorTurns.add(new ChatMessage(role, content));
            return this;
        }

        /**
         * How long the call took (default: {@link Duration#ZERO}, not measured).
         *
         * @param latency {@code >= 0}; null for not measured
         * @return this builder
         */
        public Builder latency(@Nullable Duration latency) {
            this.latency = latency;
            return this;
        }

        /**
         * Token counts as reported by the provider (default 0 and 0, not reported).
         *
         * @param promptTokens input tokens, {@code >= 0}
         * @param completionTokens output tokens, {@code >= 0}
         * @return this builder
         */
        public Builder tokens(int promptTokens, int completionTokens) {
            this.promptTokens = promptTokens;
            this.completionTokens = completionTokens;
            return this;
        }

        /**
         * Host-defined string attributes, replacing any put before.
         *
         * @param metadata the attributes
         * @return this builder
         */
        public Builder metadata(Map<String, String> metadata) {
            this.metadata.clear();
            this.metadata.putAll(metadata);
            return this;
        }

        /**
         * Puts one host-defined attribute (e.g. feature, locale), replacing a value put before under the same key.
         *
         * @param key the key
         * @param value the value
         * @return this builder
         */
        public Builder putMetadata(String key, String value) {
            this.metadata.put(key, value);
            return this;
        }

        /**
         * Checks every rule against the configured limits and builds the interaction.
         *
         * @return the interaction
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
            // validate() has thrown if a required text is null; the checks below only say so to NullAway
            return new Interaction(
                    theId,
                    at,
                    Objects.requireNonNull(userId),
                    sessionId,
                    systemPrompt,
                    Objects.requireNonNull(userMessage),
                    Objects.requireNonNull(assistantResponse),
                    retrievedContext,
                    Objects.requireNonNull(modelUsed),
                    priorTurns,
                    lat,
                    promptTokens,
                    completionTokens,
                    metadata);
        }
    }
}
