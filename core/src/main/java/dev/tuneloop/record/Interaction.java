package dev.tuneloop.record;

import dev.tuneloop.errors.Checks;
import dev.tuneloop.errors.Texts;
import dev.tuneloop.errors.ValidationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
 * <p><b>The conversation.</b> {@link #messages()} is the whole exchange, in order: the system prompt, the prior
 * turns, the user's message, the {@link #steps()} (the model's tool calls and the tools' results) and the final
 * answer. The seed's simple case has no prior turns and no steps. A framework's message list maps onto it by cutting
 * it at the last user message: what comes before it (after a leading system message) is {@code priorTurns}, what
 * comes after it up to the last assistant message is {@code steps}, and that last assistant message's text is
 * {@code assistantResponse}; see {@link ChatMessage} for how each message maps, and {@link ToolDefinition} for the
 * tools offered ({@code tools} of OpenAI's request, LangChain4j's {@code ToolSpecification}s, Spring AI's
 * {@code ToolDefinition}s).
 *
 * <p><b>Recording without throwing.</b> A host hands the unbuilt {@link Builder} to
 * {@link InteractionRecorder#log(Interaction.Builder)}: the caller's thread only stamps the id and the time and
 * enqueues it; the rules are checked on the recorder's worker, and an interaction that breaks one is counted in
 * {@link RecorderStats#rejectedByRule()} and never stored.
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
 * @param steps             the tool-calling exchange between {@code userMessage} and the final
 *                          {@code assistantResponse}, in order: assistant messages with tool calls and the tool
 *                          messages answering them; empty for a plain call; never null
 * @param tools             the tools offered to the model; empty when none were; never null
 * @param userMessageParts  the user's message as content parts (text, and images as references), in order, when the
 *                          provider gave parts; {@code userMessage} is then their text parts joined by a newline;
 *                          empty for the seed's text-only message; never null
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
        Map<String, String> metadata,
        List<ChatMessage> steps,
        List<ToolDefinition> tools,
        List<ContentPart> userMessageParts) {

    /** Maximum characters of {@code userId}, {@code sessionId} and {@code modelUsed}. */
    public static final int MAX_ID_CHARS = 256;

    /** Maximum number of {@link #tools()}. */
    public static final int MAX_TOOLS = 128;

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
     * @param steps             the tool-calling exchange before the final answer: assistant messages with tool calls
     *                          and the tool messages answering each call; null for none
     * @param tools             the tools offered to the model; null for none
     * @param userMessageParts  the user's message as parts, when the provider gave parts ({@code userMessage} must
     *                          then be their text parts joined by a newline); null or empty for a text-only message
     * @throws dev.tuneloop.errors.ValidationException listing every broken rule, each naming its field
     */
    public Interaction {
        userMessageParts = userMessageParts == null ? List.of() : List.copyOf(userMessageParts);
        steps = steps == null ? List.of() : List.copyOf(steps);
        tools = tools == null ? List.of() : List.copyOf(tools);
        retrievedContext = retrievedContext == null ? List.of() : List.copyOf(retrievedContext);
        priorTurns = priorTurns == null ? List.of() : List.copyOf(priorTurns);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        latency = latency == null ? Duration.ZERO : latency;
        // every store keeps microseconds (PostgreSQL's precision): truncate so a round trip is exact
        createdAt = createdAt == null ? null : createdAt.truncatedTo(ChronoUnit.MICROS);
        Limits checked = CHECKED_BY_BUILDER.get();
        // Builder.build has just checked every rule against limits within the hard ceilings: scanning each text a
        // second time would only double the recorder worker's cost per interaction
        if (checked == null || !checked.atMost(Limits.HARD)) {
            Checks checks = Checks.start();
            validate(
                    Limits.HARD,
                    checks,
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
                    metadata,
                    steps,
                    tools,
                    userMessageParts);
            checks.orThrow();
        }
    }

    /**
     * An interaction whose user message is text only: the fields before multi-part user messages; see the canonical
     * constructor.
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
     * @param steps             the tool-calling exchange before the final answer; null for none
     * @param tools             the tools offered to the model; null for none
     * @throws dev.tuneloop.errors.ValidationException listing every broken rule, each naming its field
     */
    public Interaction(
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
            Map<String, String> metadata,
            List<ChatMessage> steps,
            List<ToolDefinition> tools) {
        this(
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
                metadata,
                steps,
                tools,
                List.of());
    }

    /**
     * An interaction without tool calls: the fields before version 2 of the model, with no steps and no tools.
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
    public Interaction(
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
        this(
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
                metadata,
                List.of(),
                List.of(),
                List.of());
    }

    /**
     * The whole conversation, in order: the system prompt (when there is one), the prior turns, the user's message,
     * the steps, and the final answer as an assistant message.
     *
     * @return a new unmodifiable list
     */
    public List<ChatMessage> messages() {
        List<ChatMessage> all = new ArrayList<>(priorTurns.size() + steps.size() + 3);
        if (systemPrompt != null) {
            all.add(ChatMessage.system(systemPrompt));
        }
        all.addAll(priorTurns);
        all.add(userChatMessage());
        all.addAll(steps);
        all.add(ChatMessage.assistant(assistantResponse));
        return List.copyOf(all);
    }

    /**
     * The user's message as a chat message: with its {@link #userMessageParts() parts} when it has them, else its
     * text.
     *
     * @return a user message whose {@link ChatMessage#content() content} is {@link #userMessage()}
     */
    public ChatMessage userChatMessage() {
        return userMessageParts.isEmpty()
                ? ChatMessage.user(userMessage)
                : new ChatMessage(Role.USER, userMessage, List.of(), null, userMessageParts);
    }

    /**
     * Whether the user's message came as content parts.
     *
     * @return true when {@link #userMessageParts()} is not empty
     */
    public boolean hasUserMessageParts() {
        return !userMessageParts.isEmpty();
    }

    /**
     * Whether the model called tools in this interaction (its steps, or its prior turns).
     *
     * @return true when any step or prior turn has a tool call
     */
    public boolean hasToolCalls() {
        return !steps.isEmpty()
                || priorTurns.stream().anyMatch(m -> !m.toolCalls().isEmpty());
    }

    /**
     * The limits {@link Builder#build()} has just checked the interaction being constructed against, on this thread;
     * null otherwise. Lets the constructor skip checking the same texts again.
     */
    private static final ThreadLocal<@Nullable Limits> CHECKED_BY_BUILDER = new ThreadLocal<>();

    static void validate(
            Limits limits,
            Checks c,
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
            Map<String, String> metadata,
            List<ChatMessage> steps,
            List<ToolDefinition> tools,
            List<ContentPart> userMessageParts) {
        int max = limits.maxTextBytes();
        // every message is built only when its rule is broken: valid input allocates nothing here
        if (id == null) {
            c.add("id is required, but was null");
        }
        if (createdAt == null) {
            c.add("createdAt is required, but was null");
        }
        c.text("userId", userId, true, MAX_ID_CHARS * 4);
        if (userId != null && userId.length() > MAX_ID_CHARS) {
            c.add("userId must be at most " + MAX_ID_CHARS + " characters, but has " + userId.length());
        }
        c.text("sessionId", sessionId, false, MAX_ID_CHARS * 4);
        if (sessionId != null && sessionId.length() > MAX_ID_CHARS) {
            c.add("sessionId must be at most " + MAX_ID_CHARS + " characters");
        }
        c.text("systemPrompt", systemPrompt, false, max)
                .text("userMessage", userMessage, true, max)
                .text("assistantResponse", assistantResponse, true, max)
                .text("modelUsed", modelUsed, true, MAX_ID_CHARS * 4);
        if (modelUsed != null && modelUsed.length() > MAX_ID_CHARS) {
            c.add("modelUsed must be at most " + MAX_ID_CHARS + " characters");
        }
        if (latency.isNegative()) {
            c.add("latency must be >= 0, but was " + latency);
        }
        if (promptTokens < 0) {
            c.add("promptTokens must be >= 0, but was " + promptTokens);
        }
        if (completionTokens < 0) {
            c.add("completionTokens must be >= 0, but was " + completionTokens);
        }
        if (retrievedContext.size() > limits.maxDocuments()) {
            c.add("retrievedContext must have at most " + limits.maxDocuments() + " documents, but has "
                    + retrievedContext.size());
        }
        if (priorTurns.size() > limits.maxPriorTurns()) {
            c.add("priorTurns must have at most " + limits.maxPriorTurns() + " turns, but has " + priorTurns.size());
        }
        if (metadata.size() > limits.maxMetadataEntries()) {
            c.add("metadata must have at most " + limits.maxMetadataEntries() + " entries, but has " + metadata.size());
        }
        for (RetrievedDocument d : retrievedContext) {
            c.text("retrievedContext.text", d.text(), false, max);
        }
        for (ChatMessage m : priorTurns) {
            c.text("priorTurns.content", m.content(), false, max);
            if (m.role() == Role.SYSTEM || m.role() == Role.DEVELOPER) {
                c.add("priorTurns must not contain a " + m.role().wireName() + " message (use systemPrompt)");
            }
            checkCalls(c, "priorTurns", m.toolCalls(), max);
        }
        if (!steps.isEmpty()) {
            checkSteps(c, steps, limits, max);
        }
        if (!userMessageParts.isEmpty()) {
            checkUserMessageParts(c, userMessage, userMessageParts, max);
        }
        if (!tools.isEmpty()) {
            if (tools.size() > MAX_TOOLS) {
                c.add("tools must have at most " + MAX_TOOLS + " tools, but has " + tools.size());
            }
            Set<String> names = new HashSet<>();
            for (ToolDefinition t : tools) {
                c.text("tools.name", t.name(), true, MAX_ID_CHARS * 4);
                c.text("tools.description", t.description(), false, max);
                c.text("tools.parameters", t.parameters(), true, max);
                if (!names.add(t.name())) {
                    c.add("tools.name must be unique, but a name appears twice");
                }
            }
        }
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            String key = e.getKey();
            c.text("metadata key", key, true, limits.maxMetadataKeyChars() * 4);
            if (key.length() > limits.maxMetadataKeyChars()) {
                c.add("metadata key must be at most " + limits.maxMetadataKeyChars() + " characters, but has "
                        + key.length());
            }
            String problem = Texts.problem(e.getValue(), limits.maxMetadataValueBytes());
            if (problem != null) {
                c.add("metadata['" + (key.length() > 40 ? key.substring(0, 40) : key) + "'] " + problem);
            }
        }
    }

    /**
     * The parts' references and count; their text is checked as {@code userMessage}, which must be their joined text.
     */
    private static void checkUserMessageParts(
            Checks c, @Nullable String userMessage, List<ContentPart> parts, int max) {
        if (parts.size() > ChatMessage.MAX_PARTS) {
            c.add("userMessageParts must have at most " + ChatMessage.MAX_PARTS + " parts, but has " + parts.size());
        }
        for (ContentPart p : parts) {
            c.text("userMessageParts.url", p.url(), false, max);
            c.text("userMessageParts.fileId", p.fileId(), false, max);
            c.text("userMessageParts.mediaType", p.mediaType(), false, MAX_ID_CHARS * 4);
        }
        if (userMessage != null && !userMessage.equals(ContentPart.joinedText(parts))) {
            c.add("userMessage must be the text parts of userMessageParts joined by a newline");
        }
    }

    private static void checkCalls(Checks c, String field, List<ToolCall> calls, int max) {
        for (ToolCall call : calls) {
            c.text(field + ".toolCalls.id", call.id(), true, MAX_ID_CHARS * 4);
            c.text(field + ".toolCalls.name", call.name(), true, MAX_ID_CHARS * 4);
            c.text(field + ".toolCalls.arguments", call.arguments(), false, max);
        }
    }

    private static void checkSteps(Checks c, List<ChatMessage> steps, Limits limits, int max) {
        c.require(
                steps.size() <= limits.maxPriorTurns(),
                "steps must have at most " + limits.maxPriorTurns() + " messages, but has " + steps.size());
        Set<String> open = new LinkedHashSet<>();
        Set<String> seen = new HashSet<>();
        for (ChatMessage m : steps) {
            c.text("steps.content", m.content(), false, max);
            if (m.role() == Role.ASSISTANT) {
                c.require(
                        !m.toolCalls().isEmpty(),
                        "steps must hold assistant messages with tool calls (the final answer is assistantResponse)");
                checkCalls(c, "steps", m.toolCalls(), max);
                for (ToolCall call : m.toolCalls()) {
                    c.require(seen.add(call.id()), "steps.toolCalls.id must be unique, but an id appears twice");
                    open.add(call.id());
                }
            } else if (m.role() == Role.TOOL) {
                String callId = m.toolCallId();
                c.require(callId != null, "steps.toolCallId is required for a tool message, but was null");
                c.require(
                        callId == null || open.remove(callId),
                        "steps must answer only earlier tool calls, but a tool message answers an unknown call id");
            } else {
                c.add("steps must hold only assistant and tool messages, but has a "
                        + m.role().wireName() + " message");
            }
        }
        c.require(
                open.isEmpty(),
                "steps must answer every tool call with a tool message, but has " + open.size() + " unanswered");
    }

    /**
     * Ids, times, the model and sizes only: never the texts, the tool arguments or the metadata, which may hold
     * personal data.
     *
     * @return a description without any text of the conversation
     */
    @Override
    public String toString() {
        return "Interaction[id=" + id + ", createdAt=" + createdAt + ", userId=" + userId + ", modelUsed=" + modelUsed
                + ", userMessageChars=" + userMessage.length() + ", responseChars=" + assistantResponse.length()
                + (userMessageParts.isEmpty() ? "" : ", userMessageParts=" + userMessageParts.size())
                + ", priorTurns=" + priorTurns.size() + ", steps=" + steps.size() + ", tools=" + tools.size() + "]";
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
        b.userMessageParts = userMessageParts.isEmpty() ? null : userMessageParts;
        b.assistantResponse = assistantResponse;
        b.retrievedContext(retrievedContext);
        b.modelUsed = modelUsed;
        b.priorTurns(priorTurns);
        b.latency = latency;
        b.promptTokens = promptTokens;
        b.completionTokens = completionTokens;
        b.metadata(metadata);
        b.steps(steps);
        b.tools(tools);
        return b;
    }

    /** A document added by parts; checked when the interaction is built. */
    private record RawDocument(
            @Nullable String id,
            @Nullable String source,
            @Nullable String text) {}

    /** A message added by parts; checked when the interaction is built. */
    private record RawMessage(
            @Nullable Role role,
            @Nullable String content,
            List<ToolCall> toolCalls,
            @Nullable String toolCallId) {}

    /**
     * Builds an {@link Interaction}. Not thread-safe; one per interaction.
     *
     * <p>The setters only keep references: nothing proportional to a text's length happens until {@link #build()}
     * (strict: throws on a broken rule) or until a recorder's worker builds it after
     * {@link InteractionRecorder#log(Interaction.Builder)} (lenient: a broken rule is counted, never thrown). A
     * builder handed to {@code log} belongs to the recorder from then on: a later setter call throws
     * {@link IllegalStateException}.
     */
    public static final class Builder {
        private Limits limits = Limits.DEFAULT;
        private Clock clock = Clock.systemUTC();
        private @Nullable InteractionId id;
        private @Nullable Instant createdAt;
        private @Nullable String userId;
        private @Nullable String sessionId;
        private @Nullable String systemPrompt;
        private @Nullable String userMessage;
        private @Nullable List<ContentPart> userMessageParts; // when given, userMessage is their text, joined at build
        private @Nullable String assistantResponse;
        private @Nullable String modelUsed;
        private @Nullable Duration latency = Duration.ZERO;
        private int promptTokens;
        private int completionTokens;
        // allocated at first use, so that a plain call allocates only what it holds
        private @Nullable List<Object> documents; // RetrievedDocument or RawDocument
        private @Nullable List<Object> turns; // ChatMessage or RawMessage
        private @Nullable List<Object> steps; // ChatMessage or RawMessage
        private @Nullable List<ToolDefinition> tools;
        /** The most metadata pairs built straight into an immutable map (more take a {@code LinkedHashMap} first). */
        private static final int SMALL_MAP = 4;

        private @Nullable List<@Nullable String> metadata; // key, value, key, value, ...
        private boolean logged;

        private Builder() {}

        private void mutable() {
            if (logged) {
                throw new IllegalStateException(
                        "this builder was handed to InteractionRecorder.log() and belongs to the recorder; use a new"
                                + " builder for the next interaction");
            }
        }

        /**
         * Size limits to check against at {@link #build()} (default {@link Limits#DEFAULT}). A recorder checks a
         * logged builder against its own {@link RecorderOptions#limits()} instead.
         *
         * @param limits the limits
         * @return this builder
         */
        public Builder limits(Limits limits) {
            mutable();
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
            mutable();
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The caller's own id; writes are idempotent on it (default: a new UUIDv7 at {@link #build()} or when logged).
         *
         * @param id the id; null for a new one
         * @return this builder
         */
        public Builder id(@Nullable InteractionId id) {
            mutable();
            this.id = id;
            return this;
        }

        /**
         * When the call happened (default: the clock's instant at {@link #build()} or when logged).
         *
         * @param createdAt the time; null for the clock's
         * @return this builder
         */
        public Builder createdAt(@Nullable Instant createdAt) {
            mutable();
            this.createdAt = createdAt;
            return this;
        }

        /**
         * The end user's id in the host; required.
         *
         * @param userId non-blank, at most {@link Interaction#MAX_ID_CHARS} characters
         * @return this builder
         */
        public Builder userId(@Nullable String userId) {
            mutable();
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
            mutable();
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
            mutable();
            this.systemPrompt = systemPrompt;
            return this;
        }

        /**
         * The user's message; required (this or {@link #userMessageParts(List)}). Replaces parts given before.
         *
         * @param userMessage non-blank
         * @return this builder
         */
        public Builder userMessage(@Nullable String userMessage) {
            mutable();
            this.userMessage = userMessage;
            this.userMessageParts = null;
            return this;
        }

        /**
         * The user's message as content parts, when the provider gave parts (e.g. a question and an image of a
         * chart); replaces a {@link #userMessage(String) text} given before. {@link Interaction#userMessage()} is then
         * the text parts joined by a newline, joined when the interaction is built (for a logged builder, on the
         * recorder's worker). The rules are those of the text message (the joined text is non-blank, within the size
         * limit, valid Unicode), plus at most {@link ChatMessage#MAX_PARTS} parts and valid Unicode in the references.
         *
         * @param parts the parts, in order
         * @return this builder
         * @throws NullPointerException when {@code parts} is null
         */
        public Builder userMessageParts(List<ContentPart> parts) {
            mutable();
            this.userMessageParts = new ArrayList<>(Objects.requireNonNull(parts, "userMessageParts"));
            this.userMessage = null;
            return this;
        }

        /**
         * The model's final answer; required.
         *
         * @param assistantResponse non-blank
         * @return this builder
         */
        public Builder assistantResponse(@Nullable String assistantResponse) {
            mutable();
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
            mutable();
            this.documents = new ArrayList<>(documents);
            return this;
        }

        /**
         * Adds one document given to the model; its rules are checked when the interaction is built.
         *
         * @param id the document's id; non-blank
         * @param source where it came from; may be null
         * @param text the text given to the model
         * @return this builder
         */
        public Builder addRetrievedDocument(@Nullable String id, @Nullable String source, @Nullable String text) {
            mutable();
            if (documents == null) {
                documents = new ArrayList<>(8);
            }
            documents.add(new RawDocument(id, source, text));
            return this;
        }

        /**
         * The model that answered, e.g. {@code gpt-4o-mini}; required.
         *
         * @param modelUsed non-blank, at most {@link Interaction#MAX_ID_CHARS} characters
         * @return this builder
         */
        public Builder modelUsed(@Nullable String modelUsed) {
            mutable();
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
            mutable();
            this.turns = new ArrayList<>(turns);
            return this;
        }

        /**
         * Adds one earlier turn, after those added before; its rules are checked when the interaction is built.
         *
         * @param role the role; a system or developer turn is a broken rule
         * @param content the text
         * @return this builder
         */
        public Builder addPriorTurn(@Nullable Role role, @Nullable String content) {
            mutable();
            if (turns == null) {
                turns = new ArrayList<>();
            }
            turns.add(new RawMessage(role, content, List.of(), null));
            return this;
        }

        /**
         * The tool-calling exchange before the final answer, replacing any added before.
         *
         * @param steps assistant messages with tool calls and the tool messages answering them, in order
         * @return this builder
         */
        public Builder steps(List<ChatMessage> steps) {
            mutable();
            this.steps = new ArrayList<>(steps);
            return this;
        }

        /**
         * Adds a step: an assistant message calling tools (several calls are parallel calls).
         *
         * @param content the model's text before the calls; may be empty
         * @param calls the calls
         * @return this builder
         */
        public Builder addToolCalls(@Nullable String content, List<ToolCall> calls) {
            mutable();
            if (steps == null) {
                steps = new ArrayList<>();
            }
            steps.add(new RawMessage(Role.ASSISTANT, content == null ? "" : content, calls, null));
            return this;
        }

        /**
         * Adds a step: the result of one tool call, as given back to the model.
         *
         * @param toolCallId the id of the call it answers
         * @param content the result
         * @return this builder
         */
        public Builder addToolResult(@Nullable String toolCallId, @Nullable String content) {
            mutable();
            if (steps == null) {
                steps = new ArrayList<>();
            }
            steps.add(new RawMessage(Role.TOOL, content, List.of(), toolCallId));
            return this;
        }

        /**
         * The tools offered to the model, replacing any given before.
         *
         * @param tools the definitions
         * @return this builder
         */
        public Builder tools(List<ToolDefinition> tools) {
            mutable();
            this.tools = new ArrayList<>(tools);
            return this;
        }

        /**
         * Adds one tool offered to the model.
         *
         * @param tool the definition
         * @return this builder
         */
        public Builder addTool(ToolDefinition tool) {
            mutable();
            if (tools == null) {
                tools = new ArrayList<>();
            }
            tools.add(tool);
            return this;
        }

        /**
         * How long the call took (default: {@link Duration#ZERO}, not measured).
         *
         * @param latency {@code >= 0}; null for not measured
         * @return this builder
         */
        public Builder latency(@Nullable Duration latency) {
            mutable();
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
            mutable();
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
            mutable();
            List<@Nullable String> flat = new ArrayList<>(2 * metadata.size());
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                flat.add(e.getKey());
                flat.add(e.getValue());
            }
            this.metadata = flat;
            return this;
        }

        /**
         * Puts one host-defined attribute (e.g. feature, locale), replacing a value put before under the same key.
         *
         * @param key the key
         * @param value the value
         * @return this builder
         */
        public Builder putMetadata(@Nullable String key, @Nullable String value) {
            mutable();
            if (metadata == null) {
                metadata = new ArrayList<>(8);
            }
            metadata.add(key);
            metadata.add(value);
            return this;
        }

        /**
         * Checks every rule against the configured limits and builds the interaction.
         *
         * @return the interaction
         * @throws dev.tuneloop.errors.ValidationException listing every problem, each naming its field and rule
         */
        public Interaction build() {
            return build(limits);
        }

        /**
         * Stamps the id and the time when they were not given, and hands the builder over: later setter calls throw.
         * O(1); called by a recorder on the caller's thread.
         *
         * @return the id
         */
        InteractionId stampForLog() {
            logged = true;
            if (id == null) {
                id = InteractionId.next(clock);
            }
            if (createdAt == null) {
                createdAt = clock.instant();
            }
            return id;
        }

        /** The id given or stamped; null before {@link #stampForLog()} when none was given. */
        @Nullable
        InteractionId idOrNull() {
            return id;
        }

        Interaction build(Limits checkAgainst) {
            Checks c = Checks.start();
            InteractionId theId = id != null ? id : InteractionId.next(clock);
            // from the clock, not from the id: ids stay strictly increasing, so under a fixed or slow clock their
            // embedded millisecond may run ahead of the clock's
            Instant at = createdAt != null ? createdAt : clock.instant();
            Duration lat = latency == null ? Duration.ZERO : latency;
            List<RetrievedDocument> docs = documents(c);
            List<ChatMessage> prior = messages(c, turns, "priorTurns");
            List<ChatMessage> theSteps = messages(c, steps, "steps");
            List<ToolDefinition> theTools = tools == null ? List.of() : tools;
            List<ContentPart> theParts = userParts(c);
            String question = theParts.isEmpty() ? userMessage : ContentPart.joinedText(theParts);
            Map<String, String> meta = metadataMap(c);
            validate(
                    checkAgainst,
                    c,
                    theId,
                    at,
                    userId,
                    sessionId,
                    systemPrompt,
                    question,
                    assistantResponse,
                    docs,
                    modelUsed,
                    prior,
                    lat,
                    promptTokens,
                    completionTokens,
                    meta,
                    theSteps,
                    theTools,
                    theParts);
            c.orThrow();
            CHECKED_BY_BUILDER.set(checkAgainst);
            try {
                return newInteraction(theId, at, question, docs, prior, lat, meta, theSteps, theTools, theParts);
            } finally {
                CHECKED_BY_BUILDER.set(null);
            }
        }

        private Interaction newInteraction(
                InteractionId theId,
                Instant at,
                @Nullable String question,
                List<RetrievedDocument> docs,
                List<ChatMessage> prior,
                Duration lat,
                Map<String, String> meta,
                List<ChatMessage> theSteps,
                List<ToolDefinition> theTools,
                List<ContentPart> theParts) {
            // validate() has thrown if a required text is null; the checks below only say so to NullAway
            return new Interaction(
                    theId,
                    at,
                    Objects.requireNonNull(userId),
                    sessionId,
                    systemPrompt,
                    Objects.requireNonNull(question),
                    Objects.requireNonNull(assistantResponse),
                    docs,
                    Objects.requireNonNull(modelUsed),
                    prior,
                    lat,
                    promptTokens,
                    completionTokens,
                    meta,
                    theSteps,
                    theTools,
                    theParts);
        }

        /** The user's message parts, without null elements (each one is a broken rule); empty when not given. */
        private List<ContentPart> userParts(Checks c) {
            List<ContentPart> parts = userMessageParts;
            if (parts == null) {
                return List.of();
            }
            if (parts.isEmpty()) {
                c.add("userMessageParts must not be empty when given (use userMessage for a text-only message)");
                return List.of();
            }
            List<ContentPart> out = new ArrayList<>(parts.size());
            for (ContentPart p : parts) {
                if (p != null) {
                    out.add(p);
                }
            }
            if (out.size() < parts.size()) {
                c.add("userMessageParts must not contain null");
            }
            return out;
        }

        private List<RetrievedDocument> documents(Checks c) {
            if (documents == null) {
                return List.of();
            }
            List<RetrievedDocument> out = new ArrayList<>(documents.size());
            for (Object o : documents) {
                if (o instanceof RawDocument raw) {
                    String docId = raw.id();
                    String text = raw.text();
                    if (docId == null || text == null) {
                        c.add("retrievedContext." + (docId == null ? "id" : "text") + " is required, but was null");
                        continue;
                    }
                    try {
                        out.add(new RetrievedDocument(docId, raw.source(), text));
                    } catch (ValidationException e) {
                        e.problems().forEach(c::add);
                    }
                } else {
                    out.add((RetrievedDocument) o);
                }
            }
            return out;
        }

        private static List<ChatMessage> messages(Checks c, @Nullable List<Object> items, String field) {
            if (items == null) {
                return List.of();
            }
            List<ChatMessage> out = new ArrayList<>(items.size());
            for (Object o : items) {
                if (o instanceof RawMessage raw) {
                    Role role = raw.role();
                    String content = raw.content();
                    if (role == null || content == null) {
                        c.add(field + "." + (role == null ? "role" : "content") + " is required, but was null");
                        continue;
                    }
                    try {
                        out.add(new ChatMessage(role, content, raw.toolCalls(), raw.toolCallId()));
                    } catch (ValidationException e) {
                        for (String p : e.problems()) {
                            c.add(p.startsWith("message.") ? field + p.substring("message".length()) : p);
                        }
                    }
                } else {
                    out.add((ChatMessage) o);
                }
            }
            return out;
        }

        private Map<String, String> metadataMap(Checks c) {
            if (metadata == null) {
                return Map.of();
            }
            int n = metadata.size();
            boolean simple = n <= 2 * SMALL_MAP;
            for (int i = 0; i < n; i += 2) {
                String key = metadata.get(i);
                String value = metadata.get(i + 1);
                if (key == null || value == null) {
                    c.add("metadata " + (key == null ? "key" : "value") + " is required, but was null");
                    simple = false;
                } else {
                    for (int j = 0; simple && j < i; j += 2) {
                        simple = !key.equals(metadata.get(j)); // a key given twice: the last value wins below
                    }
                }
            }
            if (simple) {
                return smallMap(metadata);
            }
            Map<String, String> out = new LinkedHashMap<>();
            for (int i = 0; i < n; i += 2) {
                String key = metadata.get(i);
                String value = metadata.get(i + 1);
                if (key != null && value != null) {
                    out.put(key, value);
                }
            }
            return out;
        }

        /**
         * The entries of an immutable map straight from the flat list (distinct, non-null keys and values, at most
         * {@link #SMALL_MAP} pairs): the record's {@code Map.copyOf} then keeps it as it is, so the map is built once.
         */
        @SuppressWarnings("NullAway") // the caller checked every key and value
        private static Map<String, String> smallMap(List<@Nullable String> kv) {
            return switch (kv.size() / 2) {
                case 0 -> Map.of();
                case 1 -> Map.of(kv.get(0), kv.get(1));
                case 2 -> Map.of(kv.get(0), kv.get(1), kv.get(2), kv.get(3));
                case 3 -> Map.of(kv.get(0), kv.get(1), kv.get(2), kv.get(3), kv.get(4), kv.get(5));
                case 4 ->
                    Map.of(kv.get(0), kv.get(1), kv.get(2), kv.get(3), kv.get(4), kv.get(5), kv.get(6), kv.get(7));
                default -> {
                    Map<String, String> out = new LinkedHashMap<>();
                    for (int i = 0; i < kv.size(); i += 2) {
                        out.put(kv.get(i), kv.get(i + 1));
                    }
                    yield Map.copyOf(out);
                }
            };
        }
    }
}
