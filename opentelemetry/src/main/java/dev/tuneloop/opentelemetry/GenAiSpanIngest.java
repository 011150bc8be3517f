package dev.tuneloop.opentelemetry;

import dev.tuneloop.opentelemetry.GenAiMessages.Message;
import dev.tuneloop.opentelemetry.GenAiMessages.Skip;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.InteractionRecorder;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SpanExporter} that records GenAI chat spans with captured content as Tuneloop interactions, for hosts
 * already instrumented with OpenTelemetry (GenAI semantic conventions {@value OtelFeedbackExporter#SEMCONV_VERSION}).
 * Register it beside the host's own exporter, behind a {@code BatchSpanProcessor} so the mapping runs on the
 * processor's thread, not on the thread that ends the span. For content captured on the
 * {@value #OPERATION_DETAILS_EVENT} log event instead of the span, register {@link #events()} as a log exporter.
 *
 * <p><b>What it reads.</b> A span is a GenAI span of an ingested operation when {@code gen_ai.operation.name} is one
 * of {@link Builder#operations} ({@code chat} by default); other spans are {@linkplain IngestStats#ignored() ignored}.
 * It needs the content the host captures only when it opts in ({@code gen_ai.input.messages} and
 * {@code gen_ai.output.messages}, as JSON text or structured values); a span without them is counted in
 * {@link IngestStats#skippedNoContent()} and skipped, never guessed. Then:
 * <ul>
 *   <li>{@code gen_ai.system_instructions}' text parts, and leading {@code system} messages, are the system prompt;
 *   <li>the input messages are cut at the last {@code user} message: before it are the prior turns, after it the
 *       tool-calling steps (assistant {@code tool_call} parts and {@code tool} messages' {@code tool_call_response}
 *       parts), and the first output message's text is the answer; an output that calls tools is an intermediate
 *       step of a tool loop (the next chat span carries the whole exchange) and is skipped by rule;
 *   <li>{@code gen_ai.tool.definitions}' function tools are the tools offered;
 *   <li>the model is {@code gen_ai.response.model}, else {@code gen_ai.request.model}; tokens are
 *       {@code gen_ai.usage.input_tokens} / {@code output_tokens}; the latency is the span's duration; the session is
 *       {@code gen_ai.conversation.id};
 *   <li>the user id is the first of {@link Builder#userIdAttributes} present on the span ({@code user.id}, then
 *       {@code enduser.id} by default); a span without one is skipped by rule;
 *   <li>the metadata keeps {@code gen_ai.response.id}, {@code gen_ai.provider.name} and the span's W3C traceparent
 *       ({@value OtelFeedbackExporter#TRACEPARENT_METADATA}), so feedback exported by {@link OtelFeedbackExporter}
 *       is parented to the chat span.
 * </ul>
 * Not kept: reasoning, image, audio, file and URI parts, server-side tool calls, retrieved documents (they live on
 * separate retrieval spans), other output choices than the first, and spans that ended in an error
 * ({@code error.type}).
 *
 * <p>The interaction's id is derived from the span's trace and span ids (a UUIDv7 with the span's start
 * millisecond), so a span exported twice is stored once. Each interaction goes to the recorder with
 * {@link InteractionRecorder#log(Interaction.Builder)}: enqueued without validation, checked on the recorder's worker.
 *
 * <p>{@link #export} never throws and always reports success, so the host's tracing pipeline is never disturbed; a
 * span that cannot be mapped is counted by rule in {@link #stats()} (the attribute and the rule, never the content).
 * {@link #shutdown()} does not close the recorder, which belongs to the host. Thread-safe.
 */
public final class GenAiSpanIngest implements SpanExporter {

    /** The user id attributes read by default, in order: {@code user.id}, then the older {@code enduser.id}. */
    public static final List<String> DEFAULT_USER_ID_ATTRIBUTES = List.of("user.id", "enduser.id");

    /** The operations ingested by default: {@code chat}. */
    public static final Set<String> DEFAULT_OPERATIONS = Set.of("chat");

    /** The event that carries a GenAI call's content outside the span: read by {@link #events()}. */
    public static final String OPERATION_DETAILS_EVENT = "gen_ai.client.inference.operation.details";

    static final String INPUT_MESSAGES = "gen_ai.input.messages";
    static final String OUTPUT_MESSAGES = "gen_ai.output.messages";
    static final String SYSTEM_INSTRUCTIONS = "gen_ai.system_instructions";
    static final String TOOL_DEFINITIONS = "gen_ai.tool.definitions";
    static final String PROVIDER_METADATA = "gen_ai.provider.name";

    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    private static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    private static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
    private static final AttributeKey<String> RESPONSE_ID = AttributeKey.stringKey("gen_ai.response.id");
    private static final AttributeKey<String> PROVIDER = AttributeKey.stringKey(PROVIDER_METADATA);
    private static final AttributeKey<String> CONVERSATION = AttributeKey.stringKey("gen_ai.conversation.id");
    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    private static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    private static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");

    private static final Logger LOG = LoggerFactory.getLogger(GenAiSpanIngest.class);

    private final InteractionRecorder recorder;
    private final List<AttributeKey<String>> userIdKeys;
    private final Set<String> operations;
    private final AtomicLong spans = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private final AtomicLong logged = new AtomicLong();
    private final AtomicLong skippedNoContent = new AtomicLong();
    private final ConcurrentHashMap<String, LongAdder> skippedByRule = new ConcurrentHashMap<>();

    private GenAiSpanIngest(Builder b) {
        this.recorder = b.recorder;
        List<AttributeKey<String>> keys = new ArrayList<>();
        for (String k : b.userIdAttributes) {
            keys.add(AttributeKey.stringKey(k));
        }
        this.userIdKeys = List.copyOf(keys);
        this.operations = Set.copyOf(b.operations);
    }

    /**
     * An exporter that records into {@code recorder}, with the defaults.
     *
     * @param recorder the host's recorder, preferably the asynchronous one
     * @return the exporter
     * @throws NullPointerException when {@code recorder} is null
     */
    public static GenAiSpanIngest create(InteractionRecorder recorder) {
        return builder(recorder).build();
    }

    /**
     * A builder for an exporter that records into {@code recorder}.
     *
     * @param recorder the host's recorder, preferably the asynchronous one
     * @return the builder
     * @throws NullPointerException when {@code recorder} is null
     */
    public static Builder builder(InteractionRecorder recorder) {
        return new Builder(recorder);
    }

    /**
     * Records each GenAI span with content as an interaction; counts and skips the others. Never throws.
     *
     * @param batch the ended spans
     * @return success, always
     */
    @Override
    public CompletableResultCode export(Collection<SpanData> batch) {
        for (SpanData span : batch) {
            spans.incrementAndGet();
            try {
                ingest(span);
            } catch (RuntimeException e) {
                skip("unexpected error: " + e.getClass().getName());
                LOG.warn(
                        "span {} was not ingested: {}",
                        span.getSpanId(),
                        e.getClass().getName());
            }
        }
        return CompletableResultCode.ofSuccess();
    }

    /**
     * A {@link LogRecordExporter} that records {@value #OPERATION_DETAILS_EVENT} events the same way, for hosts whose
     * instrumentation captures content on that event instead of on the span (GenAI semantic conventions 1.37 and
     * later): the event carries the same attributes as the chat span. It shares this ingest's settings and
     * {@link #stats()} (its events count as {@link IngestStats#spans()}); log records of other event names are
     * {@linkplain IngestStats#ignored() ignored}. An event has no duration, so the latency is not measured (zero); its
     * time is the interaction's {@code createdAt}. Register the span exporter or this one, not both, for the same
     * calls: a span and its event are different interactions to the store. Never throws; always reports success.
     *
     * @return the exporter, one per call to this method, all writing through this ingest
     */
    public LogRecordExporter events() {
        return new LogRecordExporter() {
            @Override
            public CompletableResultCode export(Collection<LogRecordData> batch) {
                for (LogRecordData event : batch) {
                    if (!OPERATION_DETAILS_EVENT.equals(event.getEventName())) {
                        ignored.incrementAndGet();
                        spans.incrementAndGet();
                        continue;
                    }
                    spans.incrementAndGet();
                    try {
                        ingest(event);
                    } catch (RuntimeException e) {
                        skip("unexpected error: " + e.getClass().getName());
                        LOG.warn("event was not ingested: {}", e.getClass().getName());
                    }
                }
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return GenAiSpanIngest.this.flush();
            }

            @Override
            public CompletableResultCode shutdown() {
                return GenAiSpanIngest.this.shutdown();
            }
        };
    }

    /**
     * Nothing is buffered here: the recorder has its own {@code flush}.
     *
     * @return success
     */
    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    /**
     * Does not close the recorder (the host owns it).
     *
     * @return success
     */
    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }

    /**
     * The counters now.
     *
     * @return a snapshot
     */
    public IngestStats stats() {
        Map<String, Long> byRule = new TreeMap<>();
        skippedByRule.forEach((k, v) -> byRule.put(k, v.sum()));
        return new IngestStats(spans.get(), ignored.get(), logged.get(), skippedNoContent.get(), byRule);
    }

    private void ingest(SpanData span) {
        ingest(
                span.getAttributes(),
                new Origin(
                        span.getSpanContext(),
                        span.getStartEpochNanos(),
                        Duration.ofNanos(Math.max(0, span.getEndEpochNanos() - span.getStartEpochNanos()))));
    }

    private void ingest(LogRecordData event) {
        long at = event.getTimestampEpochNanos() != 0
                ? event.getTimestampEpochNanos()
                : event.getObservedTimestampEpochNanos();
        ingest(event.getAttributes(), new Origin(event.getSpanContext(), at, null));
    }

    /**
     * Where a span or an event came from: its span context, when it started (a span) or happened (an event), and how
     * long it took (null for an event, which has no duration).
     */
    private record Origin(
            SpanContext context,
            long startEpochNanos,
            @Nullable Duration latency) {}

    private void ingest(Attributes attrs, Origin origin) {
        String operation = attrs.get(OPERATION);
        if (operation == null || !operations.contains(operation)) {
            ignored.incrementAndGet();
            return;
        }
        Object input = content(attrs, INPUT_MESSAGES);
        Object output = content(attrs, OUTPUT_MESSAGES);
        if (input == null || output == null) {
            skippedNoContent.incrementAndGet();
            return;
        }
        try {
            Interaction.Builder draft = map(origin, attrs, input, output);
            recorder.log(draft);
            logged.incrementAndGet();
        } catch (Skip s) {
            skip(s.rule());
        }
    }

    private Interaction.Builder map(Origin origin, Attributes attrs, Object input, Object output) throws Skip {
        if (attrs.get(ERROR_TYPE) != null) {
            throw new Skip("error.type: the call ended in an error");
        }
        String userId = null;
        for (AttributeKey<String> k : userIdKeys) {
            String v = attrs.get(k);
            if (v != null && !v.isBlank()) {
                userId = v;
                break;
            }
        }
        if (userId == null) {
            throw new Skip("user id: none of " + keyNames() + " is set on the span or event");
        }
        String model = nonBlank(attrs.get(RESPONSE_MODEL));
        if (model == null) {
            model = nonBlank(attrs.get(REQUEST_MODEL));
        }
        if (model == null) {
            throw new Skip("model: neither gen_ai.response.model nor gen_ai.request.model is set");
        }

        List<Message> in = GenAiMessages.messages(INPUT_MESSAGES, GenAiMessages.tree(INPUT_MESSAGES, input));
        List<Message> out = GenAiMessages.messages(OUTPUT_MESSAGES, GenAiMessages.tree(OUTPUT_MESSAGES, output));

        StringBuilder system = new StringBuilder();
        Object instructions = content(attrs, SYSTEM_INSTRUCTIONS);
        if (instructions != null) {
            system.append(GenAiMessages.systemInstructions(GenAiMessages.tree(SYSTEM_INSTRUCTIONS, instructions)));
        }
        int first = 0;
        while (first < in.size() && isSystem(in.get(first).role())) {
            if (system.length() > 0) {
                system.append('\n');
            }
            system.append(in.get(first).text());
            first++;
        }
        int lastUser = -1;
        for (int i = in.size() - 1; i >= first; i--) {
            if (in.get(i).role().equals("user")) {
                lastUser = i;
                break;
            }
        }
        if (lastUser < 0) {
            throw new Skip(INPUT_MESSAGES + " has no user message");
        }
        if (in.get(lastUser).text().isEmpty()) {
            throw new Skip(INPUT_MESSAGES + ": the last user message has no text part");
        }
        List<ChatMessage> prior = new ArrayList<>();
        for (int i = first; i < lastUser; i++) {
            addTurn(prior, in.get(i));
        }
        List<ChatMessage> steps = new ArrayList<>();
        for (int i = lastUser + 1; i < in.size(); i++) {
            addTurn(steps, in.get(i));
        }
        if (out.isEmpty()) {
            throw new Skip(OUTPUT_MESSAGES + " has no message");
        }
        Message answer = out.get(0);
        if (!answer.toolCalls().isEmpty()) {
            throw new Skip(OUTPUT_MESSAGES + " calls tools: an intermediate step of a tool loop");
        }
        if (answer.text().isEmpty()) {
            throw new Skip(OUTPUT_MESSAGES + ": the first message has no text part");
        }

        Interaction.Builder draft = Interaction.builder()
                .id(idOf(origin, input, output))
                .createdAt(Instant.ofEpochSecond(0, origin.startEpochNanos()))
                .userId(userId)
                .sessionId(nonBlank(attrs.get(CONVERSATION)))
                .systemPrompt(system.length() == 0 ? null : system.toString())
                .priorTurns(prior)
                .userMessage(in.get(lastUser).text())
                .steps(steps)
                .assistantResponse(answer.text())
                .modelUsed(model)
                .latency(origin.latency())
                .tokens(tokens(attrs.get(INPUT_TOKENS)), tokens(attrs.get(OUTPUT_TOKENS)));
        Object tools = content(attrs, TOOL_DEFINITIONS);
        if (tools != null) {
            draft.tools(GenAiMessages.toolDefinitions(GenAiMessages.tree(TOOL_DEFINITIONS, tools)));
        }
        String responseId = nonBlank(attrs.get(RESPONSE_ID));
        if (responseId != null) {
            draft.putMetadata(OtelFeedbackExporter.RESPONSE_ID_METADATA, responseId);
        }
        String provider = nonBlank(attrs.get(PROVIDER));
        if (provider != null) {
            draft.putMetadata(PROVIDER_METADATA, provider);
        }
        SpanContext sc = origin.context();
        if (sc.isValid()) {
            draft.putMetadata(OtelFeedbackExporter.TRACEPARENT_METADATA, Correlation.traceparent(sc));
        }
        return draft;
    }

    private static boolean isSystem(String role) {
        return role.equals("system") || role.equals("developer");
    }

    private static void addTurn(List<ChatMessage> into, Message m) throws Skip {
        switch (m.role()) {
            case "user" -> into.add(ChatMessage.user(m.text()));
            case "assistant" -> into.add(ChatMessage.assistant(m.text(), m.toolCalls()));
            case "tool" -> {
                if (m.toolResults().isEmpty()) {
                    throw new Skip(INPUT_MESSAGES + ": a tool message needs a tool_call_response part");
                }
                into.addAll(m.toolResults());
            }
            case "system", "developer" ->
                throw new Skip(INPUT_MESSAGES + ": a system message is only kept before the first turn");
            default -> throw new Skip(INPUT_MESSAGES + ": message.role must be one of system, user, assistant, tool");
        }
        if (!m.role().equals("tool") && !m.toolResults().isEmpty()) {
            throw new Skip(INPUT_MESSAGES + ": a tool_call_response part belongs in a tool message");
        }
        if (!m.role().equals("assistant") && !m.toolCalls().isEmpty()) {
            throw new Skip(INPUT_MESSAGES + ": a tool_call part belongs in an assistant message");
        }
    }

    private static @Nullable Object content(Attributes attrs, String name) {
        String text = attrs.get(AttributeKey.stringKey(name));
        if (text != null) {
            return text;
        }
        Value<?> structured = attrs.get(AttributeKey.valueKey(name));
        return structured;
    }

    private String keyNames() {
        List<String> names = new ArrayList<>();
        for (AttributeKey<String> k : userIdKeys) {
            names.add(k.getKey());
        }
        return String.join(", ", names);
    }

    private void skip(String rule) {
        skippedByRule.computeIfAbsent(rule, r -> new LongAdder()).increment();
    }

    private static @Nullable String nonBlank(@Nullable String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static int tokens(@Nullable Long n) {
        if (n == null || n < 0) {
            return 0;
        }
        return (int) Math.min(Integer.MAX_VALUE, n);
    }

    /**
     * A UUIDv7 whose timestamp is the span's start millisecond and whose other 74 bits come from SHA-256 of the
     * trace and span ids: the same span always gives the same id.
     */
    static InteractionId idOf(SpanData span) {
        return uuid7(span.getStartEpochNanos(), span.getTraceId() + ":" + span.getSpanId());
    }

    /**
     * A span's id as {@link #idOf(SpanData)}; an event's from its trace and span ids with the event's millisecond
     * (an event inside a span; so it differs from the span's own), or, outside any span, from the event's time and
     * its input and output content: the same event exported twice is stored once.
     */
    private static InteractionId idOf(Origin origin, Object input, Object output) {
        SpanContext sc = origin.context();
        if (origin.latency() != null) {
            return uuid7(origin.startEpochNanos(), sc.getTraceId() + ":" + sc.getSpanId());
        }
        String key = sc.isValid()
                ? "event:" + sc.getTraceId() + ":" + sc.getSpanId() + ":" + origin.startEpochNanos()
                : "event:" + origin.startEpochNanos() + ":" + text(input) + "\u0000" + text(output);
        return uuid7(origin.startEpochNanos(), key);
    }

    private static String text(Object content) {
        return content instanceof Value<?> v ? v.asString() : content.toString();
    }

    private static InteractionId uuid7(long epochNanos, String key) {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
        ByteBuffer h = ByteBuffer.wrap(hash);
        long millis = epochNanos / 1_000_000L;
        long msb = ((millis & 0xFFFF_FFFF_FFFFL) << 16) | 0x7000L | (h.getShort() & 0x0FFFL);
        long lsb = (h.getLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return InteractionId.of(new UUID(msb, lsb));
    }

    /** Settings of a {@link GenAiSpanIngest}. */
    public static final class Builder {
        private final InteractionRecorder recorder;
        private List<String> userIdAttributes = DEFAULT_USER_ID_ATTRIBUTES;
        private Set<String> operations = DEFAULT_OPERATIONS;

        private Builder(InteractionRecorder recorder) {
            this.recorder = Objects.requireNonNull(recorder, "recorder");
        }

        /**
         * The span attributes that hold the end user's id, read in order; default
         * {@link #DEFAULT_USER_ID_ATTRIBUTES}.
         *
         * @param keys one or more attribute names, e.g. {@code "app.user_id"}
         * @return this builder
         * @throws IllegalArgumentException when no key is given or a key is blank
         */
        public Builder userIdAttributes(String... keys) {
            if (keys.length == 0) {
                throw new IllegalArgumentException("userIdAttributes must name at least one attribute, but was empty");
            }
            for (String k : keys) {
                if (k == null || k.isBlank()) {
                    throw new IllegalArgumentException("userIdAttributes must not hold a blank name");
                }
            }
            this.userIdAttributes = List.of(keys);
            return this;
        }

        /**
         * The values of {@code gen_ai.operation.name} whose spans are ingested; default {@link #DEFAULT_OPERATIONS}.
         * {@code text_completion} and {@code generate_content} spans carry the same content attributes.
         *
         * @param names one or more operation names
         * @return this builder
         * @throws IllegalArgumentException when no name is given or a name is blank
         */
        public Builder operations(String... names) {
            if (names.length == 0) {
                throw new IllegalArgumentException("operations must name at least one operation, but was empty");
            }
            for (String n : names) {
                if (n == null || n.isBlank()) {
                    throw new IllegalArgumentException("operations must not hold a blank name");
                }
            }
            this.operations = Set.copyOf(Arrays.asList(names));
            return this;
        }

        /**
         * Builds the exporter.
         *
         * @return the exporter
         */
        public GenAiSpanIngest build() {
            return new GenAiSpanIngest(this);
        }
    }
}
