package dev.tuneloop.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.ContentPart;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.record.RetrievedDocument;
import dev.tuneloop.record.Role;
import dev.tuneloop.record.ToolCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A LangChain4j {@link ChatModelListener} that records every successful chat model call as a Tuneloop
 * {@link Interaction} through the host's asynchronous {@link InteractionRecorder}. Register it on the model
 * ({@code OpenAiChatModel.builder().listeners(List.of(listener))}); it works for {@code ChatModel} and
 * {@code StreamingChatModel} alike.
 *
 * <p><b>What is recorded.</b> The request's messages are cut at the last user message: a system message is the
 * {@code systemPrompt} (several are joined by a blank line), the messages before the last user message are the
 * {@code priorTurns} (with their tool calls and results), the last user message's text parts are the
 * {@code userMessage} (with an image given by URL, its {@code TextContent}s and {@code ImageContent}s are the
 * {@code userMessageParts}, in order, and a user message before it keeps its parts the same way; an image given as
 * bytes is not kept), the AI messages with tool calls and the tool results after it are the {@code steps}, and the
 * response's text is the {@code assistantResponse}. The request's tool specifications are the {@code tools}; the
 * model is the routed arm's model ({@link TuneloopAttributes#ARM_MODEL}), else the request's model name, else the
 * response's; latency is from {@code onRequest} to {@code onResponse}; tokens are the response's token usage;
 * documents come from {@link TuneloopAttributes#RETRIEVED_CONTEXT}. The user id and the session id come from the
 * listener attributes {@link TuneloopAttributes#USER_ID} and {@link TuneloopAttributes#SESSION_ID}, or, when absent,
 * from the resolvers given to the builder.
 *
 * <p><b>Tool loops are recorded once.</b> A response that asks for tool calls is not recorded (it has no answer to
 * rate): it is counted in {@link ListenerStats#toolCallTurns()}. The loop's last call, whose request carries the
 * tool calls and their results after the user's message and whose response is the answer, is recorded once, with
 * the exchange as its {@code steps}.
 *
 * <p><b>The id goes back to the app.</b> The recorded {@link InteractionId} is put into the attributes under
 * {@link TuneloopAttributes#INTERACTION_ID}, handed to the call's {@link TuneloopAttributes.OnRecorded} (attribute
 * {@link TuneloopAttributes#ON_RECORDED}) and to the builder's {@code onRecorded} callback, so the app's 👍 button
 * can call {@code recorder.rate(id, ...)}. For a streaming call this happens before the app's
 * {@code onCompleteResponse} runs.
 *
 * <p><b>It never blocks and never throws.</b> LangChain4j may call {@code onResponse} on its HTTP I/O thread. The
 * listener maps references and enqueues the unbuilt {@link Interaction.Builder}: the rules (required fields, sizes,
 * tool-call structure) are checked on the recorder's worker, and an interaction that breaks one is counted in the
 * recorder's {@code rejectedByRule} (for example a call without a user id). Anything thrown while mapping, and any
 * callback that throws, is caught, counted in {@link #stats()} and logged with its type only, never with prompt or
 * answer text. Use the asynchronous recorder: the write-through one does I/O on the calling thread.
 *
 * <p>Thread-safe; one listener serves every model and call.
 */
public final class TuneloopChatModelListener implements ChatModelListener {
    private static final Logger LOG = LoggerFactory.getLogger(TuneloopChatModelListener.class);

    /** Key of the start time in the attributes; an object of this class, so it clashes with no one's key. */
    private static final Object START_NANOS = new Object();

    /** Metadata key of the routed arm's name. */
    public static final String ARM_METADATA = "tuneloop.arm";

    private final InteractionRecorder recorder;
    private final @Nullable IdResolver userId;
    private final @Nullable IdResolver sessionId;
    private final @Nullable BiConsumer<InteractionId, Map<Object, Object>> onRecorded;
    private final LongSupplier ticker;
    private final ToolDefinitions tools = new ToolDefinitions();
    private final LongAdder recorded = new LongAdder();
    private final LongAdder toolCallTurns = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder callbackFailures = new LongAdder();

    private TuneloopChatModelListener(Builder b) {
        this.recorder = b.recorder;
        this.userId = b.userId;
        this.sessionId = b.sessionId;
        this.onRecorded = b.onRecorded;
        this.ticker = b.ticker;
    }

    /**
     * A listener that takes the user and session ids from the listener attributes only.
     *
     * @param recorder the asynchronous recorder
     * @return the listener
     * @throws NullPointerException when {@code recorder} is null
     */
    public static TuneloopChatModelListener create(InteractionRecorder recorder) {
        return builder(recorder).build();
    }

    /**
     * A builder.
     *
     * @param recorder the asynchronous recorder
     * @return a new builder
     * @throws NullPointerException when {@code recorder} is null
     */
    public static Builder builder(InteractionRecorder recorder) {
        return new Builder(recorder);
    }

    /**
     * Notes the start time and resolves the user and session ids on the calling thread.
     *
     * @param requestContext LangChain4j's request context
     */
    @Override
    public void onRequest(ChatModelRequestContext requestContext) {
        try {
            Map<Object, Object> attributes = requestContext.attributes();
            attributes.put(START_NANOS, ticker.getAsLong());
            resolve(attributes, TuneloopAttributes.USER_ID, userId);
            resolve(attributes, TuneloopAttributes.SESSION_ID, sessionId);
        } catch (RuntimeException | LinkageError e) {
            failed(e);
        }
    }

    /**
     * Records the call, unless its response asks for tool calls.
     *
     * @param responseContext LangChain4j's response context
     */
    @Override
    public void onResponse(ChatModelResponseContext responseContext) {
        InteractionId id;
        Map<Object, Object> attributes;
        try {
            ChatResponse response = responseContext.chatResponse();
            AiMessage answer = response.aiMessage();
            if (answer.hasToolExecutionRequests()) {
                toolCallTurns.increment();
                return;
            }
            attributes = responseContext.attributes();
            Interaction.Builder draft = Interaction.builder()
                    .userId(string(attributes.get(TuneloopAttributes.USER_ID)))
                    .sessionId(string(attributes.get(TuneloopAttributes.SESSION_ID)))
                    .assistantResponse(answer.text() == null ? "" : answer.text());
            ChatRequest request = responseContext.chatRequest();
            conversation(request.messages(), draft);
            String armModel = string(attributes.get(TuneloopAttributes.ARM_MODEL));
            draft.modelUsed(
                    armModel != null
                            ? armModel
                            : request.modelName() != null ? request.modelName() : response.modelName());
            if (attributes.get(START_NANOS) instanceof Long start) {
                draft.latency(Duration.ofNanos(Math.max(0, ticker.getAsLong() - start)));
            }
            TokenUsage usage = response.tokenUsage();
            if (usage != null) {
                draft.tokens(count(usage.inputTokenCount()), count(usage.outputTokenCount()));
            }
            List<ToolSpecification> specs = request.toolSpecifications();
            if (specs != null) {
                for (ToolSpecification spec : specs) {
                    draft.addTool(tools.of(spec));
                }
            }
            if (attributes.get(TuneloopAttributes.RETRIEVED_CONTEXT) instanceof List<?> documents) {
                documents(documents, draft);
            }
            String arm = string(attributes.get(TuneloopAttributes.ARM));
            if (arm != null) {
                draft.putMetadata(ARM_METADATA, arm);
            }
            id = recorder.log(draft);
            recorded.increment();
            attributes.put(TuneloopAttributes.INTERACTION_ID, id);
        } catch (RuntimeException | LinkageError e) {
            failed(e);
            return;
        }
        notify(id, attributes);
    }

    /**
     * The counters now.
     *
     * @return a snapshot
     */
    public ListenerStats stats() {
        return new ListenerStats(recorded.sum(), toolCallTurns.sum(), failures.sum(), callbackFailures.sum());
    }

    private void notify(InteractionId id, Map<Object, Object> attributes) {
        if (attributes.get(TuneloopAttributes.ON_RECORDED) instanceof TuneloopAttributes.OnRecorded perCall) {
            try {
                perCall.recorded(id);
            } catch (RuntimeException e) {
                callbackFailed(e);
            }
        }
        if (onRecorded != null) {
            try {
                onRecorded.accept(id, attributes);
            } catch (RuntimeException e) {
                callbackFailed(e);
            }
        }
    }

    private static void resolve(Map<Object, Object> attributes, String key, @Nullable IdResolver resolver) {
        if (resolver != null && !(attributes.get(key) instanceof String)) {
            String value = resolver.resolve(attributes);
            if (value != null) {
                attributes.put(key, value);
            }
        }
    }

    private static void conversation(
            List<dev.langchain4j.data.message.ChatMessage> messages, Interaction.Builder draft) {
        int lastUser = -1;
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof UserMessage) {
                lastUser = i;
                break;
            }
        }
        String system = null;
        boolean toolTurns = false;
        for (int i = 0; i < messages.size(); i++) {
            dev.langchain4j.data.message.ChatMessage m = messages.get(i);
            if (m instanceof SystemMessage s) {
                system = system == null ? s.text() : system + "\n\n" + s.text();
            } else if (i < lastUser
                    && (m instanceof ToolExecutionResultMessage
                            || (m instanceof AiMessage ai && ai.hasToolExecutionRequests())
                            || (m instanceof UserMessage u && parts(u) != null))) {
                toolTurns = true;
            }
        }
        draft.systemPrompt(system);
        if (toolTurns) {
            // the builder takes a prior turn with tool calls or parts only as a ChatMessage, which checks its text now
            List<ChatMessage> prior = new ArrayList<>(lastUser);
            for (int i = 0; i < lastUser; i++) {
                dev.langchain4j.data.message.ChatMessage m = messages.get(i);
                if (m instanceof UserMessage u) {
                    List<ContentPart> parts = parts(u);
                    prior.add(parts == null ? ChatMessage.user(text(u)) : ChatMessage.ofParts(Role.USER, parts));
                } else if (m instanceof AiMessage ai) {
                    prior.add(ChatMessage.assistant(nonNull(ai.text()), calls(ai)));
                } else if (m instanceof ToolExecutionResultMessage t) {
                    prior.add(new ChatMessage(Role.TOOL, text(t), List.of(), t.id()));
                }
            }
            draft.priorTurns(prior);
        } else {
            for (int i = 0; i < lastUser; i++) {
                dev.langchain4j.data.message.ChatMessage m = messages.get(i);
                if (m instanceof UserMessage u) {
                    draft.addPriorTurn(Role.USER, text(u));
                } else if (m instanceof AiMessage ai) {
                    draft.addPriorTurn(Role.ASSISTANT, nonNull(ai.text()));
                }
            }
        }
        if (lastUser < 0) {
            return; // no user message: the recorder rejects it by rule ("userMessage is required")
        }
        UserMessage last = (UserMessage) messages.get(lastUser);
        List<ContentPart> parts = parts(last);
        if (parts == null) {
            draft.userMessage(text(last));
        } else {
            draft.userMessageParts(parts); // joined and checked on the recorder's worker
        }
        for (int i = lastUser + 1; i < messages.size(); i++) {
            dev.langchain4j.data.message.ChatMessage m = messages.get(i);
            if (m instanceof AiMessage ai && ai.hasToolExecutionRequests()) {
                draft.addToolCalls(ai.text(), calls(ai));
            } else if (m instanceof ToolExecutionResultMessage t) {
                draft.addToolResult(t.id(), text(t));
            }
        }
    }

    private static List<ToolCall> calls(AiMessage ai) {
        List<ToolExecutionRequest> requests = ai.toolExecutionRequests();
        if (requests == null || requests.isEmpty()) {
            return List.of();
        }
        List<ToolCall> calls = new ArrayList<>(requests.size());
        for (ToolExecutionRequest r : requests) {
            // a missing part becomes empty, so that the recorder's rules reject it by name instead of a throw here
            calls.add(new ToolCall(nonNull(r.id()), nonNull(r.name()), nonNull(r.arguments())));
        }
        return calls;
    }

    private static String text(UserMessage u) {
        return u.hasSingleText() ? u.singleText() : joinText(u.contents());
    }

    /**
     * The message's text and image parts in order, when it has an image given by URL; null otherwise (its text is
     * then the message). An image given as bytes ({@code base64Data}, a {@code data:} URL) is not kept; audio, video
     * and PDF parts neither.
     */
    private static @Nullable List<ContentPart> parts(UserMessage u) {
        if (u.hasSingleText() || u.contents() == null) {
            return null;
        }
        List<ContentPart> parts = new ArrayList<>(u.contents().size());
        boolean image = false;
        for (Content c : u.contents()) {
            if (c instanceof TextContent t) {
                parts.add(ContentPart.text(nonNull(t.text())));
            } else if (c instanceof ImageContent ic
                    && ic.image() != null
                    && ic.image().url() != null) {
                String url = ic.image().url().toString();
                if (!url.regionMatches(true, 0, "data:", 0, 5)) {
                    parts.add(ContentPart.imageUrl(url, ic.image().mimeType()));
                    image = true;
                }
            }
        }
        return image ? parts : null;
    }

    private static String text(ToolExecutionResultMessage t) {
        return t.hasSingleText() ? t.text() : joinText(t.contents());
    }

    /** The text parts, one per line; image, audio, video and PDF parts are not kept. */
    private static String joinText(@Nullable List<Content> contents) {
        if (contents == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (Content c : contents) {
            if (c instanceof TextContent t) {
                if (text.length() > 0) {
                    text.append('\n');
                }
                text.append(t.text());
            }
        }
        return text.toString();
    }

    private static void documents(List<?> documents, Interaction.Builder draft) {
        int position = 0;
        for (Object o : documents) {
            position++;
            if (o instanceof RetrievedDocument d) {
                draft.addRetrievedDocument(d.id(), d.source(), d.text());
            } else if (o instanceof dev.langchain4j.rag.content.Content c) {
                segment(c.textSegment(), position, draft);
            } else if (o instanceof TextSegment s) {
                segment(s, position, draft);
            }
        }
    }

    private static void segment(@Nullable TextSegment s, int position, Interaction.Builder draft) {
        if (s == null) {
            return;
        }
        Map<String, Object> meta = s.metadata().toMap();
        String id = meta.get("id") instanceof String v ? v : Integer.toString(position);
        String source = meta.get("source") instanceof String v
                ? v
                : meta.get("file_name") instanceof String f ? f : meta.get("url") instanceof String u ? u : null;
        draft.addRetrievedDocument(id, source, s.text());
    }

    private static @Nullable String string(@Nullable Object value) {
        return value instanceof String s ? s : null;
    }

    private static String nonNull(@Nullable String s) {
        return s == null ? "" : s;
    }

    private static int count(@Nullable Integer tokens) {
        return tokens == null || tokens < 0 ? 0 : tokens;
    }

    private void failed(Throwable e) {
        failures.increment();
        long n = failures.sum();
        if (n == 1 || n % 1000 == 0) {
            // the type and the place only: a message may quote the prompt or the answer
            StackTraceElement[] at = e.getStackTrace();
            LOG.warn(
                    "could not record a LangChain4j call ({} at {}); {} failure(s) so far, the call itself went on",
                    e.getClass().getName(),
                    at.length > 0 ? at[0] : "?",
                    n);
        }
    }

    private void callbackFailed(RuntimeException e) {
        callbackFailures.increment();
        long n = callbackFailures.sum();
        if (n == 1 || n % 1000 == 0) {
            LOG.warn(
                    "an onRecorded callback threw {}; {} so far, ignored",
                    e.getClass().getName(),
                    n);
        }
    }

    /** Settings of a {@link TuneloopChatModelListener}. Not thread-safe. */
    public static final class Builder {
        private final InteractionRecorder recorder;
        private @Nullable IdResolver userId;
        private @Nullable IdResolver sessionId;
        private @Nullable BiConsumer<InteractionId, Map<Object, Object>> onRecorded;
        private LongSupplier ticker = System::nanoTime;

        private Builder(InteractionRecorder recorder) {
            this.recorder = Objects.requireNonNull(recorder, "recorder");
        }

        /**
         * Finds the user id when the call's attributes have no {@link TuneloopAttributes#USER_ID} (default: none;
         * such a call is rejected by the recorder's rule "userId is required" and counted there).
         *
         * @param resolver called in {@code onRequest} on the calling thread
         * @return this builder
         */
        public Builder userId(IdResolver resolver) {
            this.userId = Objects.requireNonNull(resolver, "userId");
            return this;
        }

        /**
         * Finds the session id when the call's attributes have no {@link TuneloopAttributes#SESSION_ID} (default:
         * none).
         *
         * @param resolver called in {@code onRequest} on the calling thread
         * @return this builder
         */
        public Builder sessionId(IdResolver resolver) {
            this.sessionId = Objects.requireNonNull(resolver, "sessionId");
            return this;
        }

        /**
         * Receives every recorded id with the call's attributes (default: none). Called on the thread that
         * completes the call; must not block; an exception it throws is counted and ignored.
         *
         * @param callback the callback
         * @return this builder
         */
        public Builder onRecorded(BiConsumer<InteractionId, Map<Object, Object>> callback) {
            this.onRecorded = Objects.requireNonNull(callback, "onRecorded");
            return this;
        }

        /**
         * The nanosecond clock latency is measured with (default {@link System#nanoTime()}); for tests.
         *
         * @param nanoTicker the clock
         * @return this builder
         */
        public Builder ticker(LongSupplier nanoTicker) {
            this.ticker = Objects.requireNonNull(nanoTicker, "ticker");
            return this;
        }

        /**
         * Builds the listener.
         *
         * @return the listener
         */
        public TuneloopChatModelListener build() {
            return new TuneloopChatModelListener(this);
        }
    }
}
