package dev.tuneloop.benchmarks;

import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.record.InteractionSink;
import dev.tuneloop.record.RecorderOptions;
import dev.tuneloop.springai.TuneloopAdvisor;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * What the {@link TuneloopAdvisor} adds to a Spring AI {@code ChatClient} call: the same client over an in-process
 * {@code ChatModel} that answers at once (no network), with and without the advisor. The difference is what a host
 * pays per call to record it (the recorder's store is a no-op sink; its queue is large enough not to drop, and is
 * flushed after each iteration). {@code withObservation} is the peer the issue names: the same client with Spring
 * AI's own observations on (a registry with a handler that does nothing), no advisor. Run with {@code -prof gc} to
 * compare allocation per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class SpringAiAdvisorBenchmark {
    private static final String SYSTEM = "You are a financial analyst assistant. Answer from the filings.";
    private static final String QUESTION = "What was NVDA's stock-based compensation in Q3 FY2025?";
    private static final String ANSWER = "NVIDIA reported stock-based compensation of $1.25B in Q3 FY2025.";

    private InteractionRecorder recorder;
    private ChatClient plain;
    private ChatClient advised;
    private ChatClient observed;

    /** A model that answers at once with a fixed response, as a provider would (model name and usage). */
    static final class InstantModel implements ChatModel {
        private final ChatResponse response = new ChatResponse(
                List.of(new Generation(new AssistantMessage(ANSWER))),
                ChatResponseMetadata.builder()
                        .model("gpt-4o-mini")
                        .usage(new DefaultUsage(31, 9))
                        .build());

        @Override
        public ChatResponse call(Prompt prompt) {
            return response;
        }

        @Override
        public ChatOptions getOptions() {
            return ChatOptions.builder().model("gpt-4o-mini").build();
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        InteractionSink noop = (interactions, events) -> {};
        recorder = InteractionRecorder.async(
                noop, RecorderOptions.builder().maxQueueSize(1 << 22).build());
        ChatModel model = new InstantModel();
        plain = ChatClient.builder(model).build();
        advised = ChatClient.builder(model)
                .defaultAdvisors(TuneloopAdvisor.create(recorder))
                .build();
        // Spring AI's own observation of the call: a registry with one handler that does nothing, so the client's
        // and the advisors' observations are made, started and stopped
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(context -> true);
        observed = ChatClient.builder(model, registry, null, null).build();
    }

    @TearDown(Level.Iteration)
    public void drain() {
        recorder.flush(Duration.ofSeconds(30));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        System.out.println("recorder: " + recorder.stats());
        recorder.close();
    }

    @Benchmark
    public ChatClientResponse withoutAdvisor() {
        return plain.prompt()
                .system(SYSTEM)
                .user(QUESTION)
                .advisors(a -> a.param(TuneloopAdvisor.USER_ID, "user-42"))
                .call()
                .chatClientResponse();
    }

    @Benchmark
    public ChatClientResponse withObservation() {
        return observed.prompt()
                .system(SYSTEM)
                .user(QUESTION)
                .advisors(a -> a.param(TuneloopAdvisor.USER_ID, "user-42"))
                .call()
                .chatClientResponse();
    }

    @Benchmark
    public ChatClientResponse withAdvisor() {
        return advised.prompt()
                .system(SYSTEM)
                .user(QUESTION)
                .advisors(a -> a.param(TuneloopAdvisor.USER_ID, "user-42"))
                .call()
                .chatClientResponse();
    }
}
