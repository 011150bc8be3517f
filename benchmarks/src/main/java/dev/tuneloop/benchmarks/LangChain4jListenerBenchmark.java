package dev.tuneloop.benchmarks;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.tuneloop.langchain4j.TuneloopAttributes;
import dev.tuneloop.langchain4j.TuneloopChatModelListener;
import dev.tuneloop.record.Feedback;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.record.InteractionSink;
import dev.tuneloop.record.RecorderOptions;
import dev.tuneloop.record.RecorderStats;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code TuneloopChatModelListener} adds to one LangChain4j {@code ChatModel.chat(request, options)} call: the
 * same in-process fake model (it returns a prebuilt response with token usage, no I/O) called through LangChain4j's own
 * {@code chat} path three ways:
 *
 * <ul>
 *   <li>{@code noListener}: no listener registered; LangChain4j still merges the parameters and builds the attributes
 *       map.</li>
 *   <li>{@code noopListener}: one listener that does nothing, i.e. LangChain4j's own observation cost (its request and
 *       response contexts), the peer the issue compares against.</li>
 *   <li>{@code tuneloopListener}: Tuneloop's listener on an asynchronous recorder whose store discards.</li>
 *   <li>{@code tuneloopListenerNoQueue}: Tuneloop's listener on a recorder that returns a fixed id at once: the
 *       listener's own mapping, without the recorder's enqueue and its hand-off to the worker thread.</li>
 * </ul>
 *
 * <p>JMH's {@code gc.alloc.rate.norm} counts the allocation of every thread per call, the recorder's worker included.
 * {@link #main(String[])} measures what the <em>calling</em> thread allocates per call, with the JVM's per-thread
 * allocation counter: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.tuneloop.benchmarks.LangChain4jListenerBenchmark}.
 *
 * <p>The call is the seed's shape: a system prompt and a user question, one-line texts, user id in the options. Below
 * saturation: the recorder's queue is large and flushed after every iteration; the trial prints its stats (dropped
 * and rejected must be 0). Run with {@code -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class LangChain4jListenerBenchmark {
    static final int QUEUE = 1 << 21;

    private InteractionRecorder recorder;
    private ChatModel bare;
    private ChatModel observed;
    private ChatModel recorded;
    private ChatModel mappedOnly;
    private ChatRequest request;
    private ChatRequestOptions options;

    /** The fake model: LangChain4j's {@code chat} path with a prebuilt response instead of HTTP. */
    static final class FakeChatModel implements ChatModel {
        private final List<ChatModelListener> listeners;
        private final ChatResponse response = ChatResponse.builder()
                .aiMessage(AiMessage.from("NVIDIA's stock-based compensation in Q3 FY2025 was $1.4B."))
                .modelName("gpt-4o-mini-2024-07-18")
                .tokenUsage(new TokenUsage(31, 12))
                .finishReason(FinishReason.STOP)
                .build();

        FakeChatModel(List<ChatModelListener> listeners) {
            this.listeners = listeners;
        }

        @Override
        public ChatResponse doChat(ChatRequest chatRequest) {
            return response;
        }

        @Override
        public List<ChatModelListener> listeners() {
            return listeners;
        }
    }

    /** A listener that does nothing but read the contexts, as the cheapest observer would. */
    static final class NoopListener implements ChatModelListener {
        volatile Object sink;

        @Override
        public void onRequest(ChatModelRequestContext requestContext) {
            sink = requestContext.chatRequest();
        }

        @Override
        public void onResponse(ChatModelResponseContext responseContext) {
            sink = responseContext.chatResponse();
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        InteractionSink discard = (interactions, events) -> {};
        recorder = InteractionRecorder.async(
                discard, RecorderOptions.builder().maxQueueSize(QUEUE).build());
        bare = new FakeChatModel(List.of());
        observed = new FakeChatModel(List.of(new NoopListener()));
        recorded = new FakeChatModel(List.of(TuneloopChatModelListener.create(recorder)));
        mappedOnly = new FakeChatModel(List.of(TuneloopChatModelListener.create(new FixedIdRecorder())));
        request = ChatRequest.builder()
                .messages(
                        SystemMessage.from("You are a financial analyst assistant for SigmaSight."),
                        UserMessage.from("What was NVDA's SBC in Q3?"))
                .modelName("gpt-4o-mini")
                .build();
        options = TuneloopAttributes.forUser("user-123");
    }

    /** Empties the recorder's queue between iterations so that no iteration runs against a full queue. */
    @TearDown(Level.Iteration)
    public void drain() {
        recorder.flush(Duration.ofMinutes(2));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        recorder.flush(Duration.ofSeconds(60));
        System.out.println("\n[tuneloop recorder stats] " + recorder.stats());
        recorder.close();
    }

    /** The fake model, no listener. */
    @Benchmark
    public ChatResponse noListener() {
        return bare.chat(request, options);
    }

    /** The fake model with a do-nothing listener: LangChain4j's own observation. */
    @Benchmark
    public ChatResponse noopListener() {
        return observed.chat(request, options);
    }

    /** The fake model with Tuneloop's listener. */
    @Benchmark
    public ChatResponse tuneloopListener() {
        return recorded.chat(request, options);
    }

    /** The fake model with Tuneloop's listener on a recorder that only returns an id. */
    @Benchmark
    public ChatResponse tuneloopListenerNoQueue() {
        return mappedOnly.chat(request, options);
    }

    /** A recorder that keeps nothing: {@code log} returns one id at once. */
    static final class FixedIdRecorder implements InteractionRecorder {
        private final InteractionId id = InteractionId.next();

        @Override
        public InteractionId log(Interaction interaction) {
            return id;
        }

        @Override
        public InteractionId log(Interaction.Builder draft) {
            return id;
        }

        @Override
        public void feedback(InteractionId interactionId, Feedback feedback) {}

        @Override
        public boolean flush(Duration timeout) {
            return true;
        }

        @Override
        public void close() {}

        @Override
        public RecorderStats stats() {
            return new RecorderStats(0, 0, 0, 0, 0, 0, 0);
        }
    }

    /**
     * Bytes the calling thread allocates per call, for each variant: 5 rounds of 200 000 calls after 200 000 warm-up
     * calls, read from the JVM's per-thread allocation counter.
     *
     * @param args none
     */
    public static void main(String[] args) {
        LangChain4jListenerBenchmark b = new LangChain4jListenerBenchmark();
        b.setUp();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        Map<String, Supplier<ChatResponse>> variants = new LinkedHashMap<>();
        variants.put("noListener", b::noListener);
        variants.put("noopListener", b::noopListener);
        variants.put("tuneloopListener", b::tuneloopListener);
        variants.put("tuneloopListenerNoQueue", b::tuneloopListenerNoQueue);
        int calls = 200_000;
        int answered = 0;
        for (Map.Entry<String, Supplier<ChatResponse>> v : variants.entrySet()) {
            for (int i = 0; i < calls; i++) {
                answered += v.getValue().get() == null ? 0 : 1;
            }
            b.drain();
            StringBuilder rounds = new StringBuilder();
            for (int round = 0; round < 5; round++) {
                long before = threads.getThreadAllocatedBytes(self);
                for (int i = 0; i < calls; i++) {
                    answered += v.getValue().get() == null ? 0 : 1;
                }
                long after = threads.getThreadAllocatedBytes(self);
                rounds.append(' ').append((after - before) / calls);
                b.drain();
            }
            System.out.println(v.getKey() + ": calling thread B/op per round:" + rounds);
        }
        System.out.println(answered + " calls answered");
        b.tearDown();
    }
}
