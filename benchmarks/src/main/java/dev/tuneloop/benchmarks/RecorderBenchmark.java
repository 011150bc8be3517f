package dev.tuneloop.benchmarks;

import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.record.InteractionSink;
import dev.tuneloop.record.RecorderOptions;
import dev.tuneloop.store.Store;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of {@code recorder.log()} on the caller's thread, beside OpenTelemetry's {@code BatchLogRecordProcessor}
 * emitting one log record to a no-op exporter. Both use a queue of {@link #QUEUE} items and batches of
 * {@link #BATCH}. Run with {@code -t 1} and {@code -t 2} for one and two producer threads, and {@code -prof gc}.
 *
 * <p>The regime is "below saturation": iterations are short (200 ms) and the queues large enough that neither drops
 * anything (both are flushed after each iteration; the trial prints the recorder's stats so drops can be checked to
 * be zero). A saturated run (producers faster than the writer for seconds) mostly measures each library's drop
 * path, which is not what a host pays per request.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 10, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
public class RecorderBenchmark {
    static final int QUEUE = 1 << 24;
    static final int BATCH = 512;
    private static final AttributeKey<String> MODEL = AttributeKey.stringKey("model_used");
    private static final AttributeKey<String> USER = AttributeKey.stringKey("user_id");

    /** {@code noop}: a store that discards; {@code memory}: the in-memory store. */
    @Param({"noop", "memory"})
    public String store;

    private InteractionRecorder recorder;
    private Interaction interaction;
    private SdkLoggerProvider otelProvider;
    private Logger otelLogger;

    @Setup(Level.Trial)
    public void setUp() {
        InteractionSink s = "noop".equals(store)
                ? (interactions, events) -> {}
                : Store.inMemory().interactions();
        recorder = InteractionRecorder.async(
                s,
                RecorderOptions.builder()
                        .maxQueueSize(QUEUE)
                        .maxBatchSize(BATCH)
                        .build());
        interaction = Interaction.builder()
                .userId("user-123")
                .systemPrompt("You are a financial analyst assistant for SigmaSight.")
                .userMessage("What was NVDA's SBC in Q3?")
                .assistantResponse("NVIDIA's stock-based compensation in Q3 FY2025 was $1.4B, 4.7% of revenue.")
                .modelUsed("gpt-4o-mini")
                .build();
        otelProvider = SdkLoggerProvider.builder()
                .addLogRecordProcessor(BatchLogRecordProcessor.builder(new NoopExporter())
                        .setMaxQueueSize(QUEUE)
                        .setMaxExportBatchSize(BATCH)
                        .build())
                .build();
        otelLogger = otelProvider.get("bench");
    }

    /** Empties both queues between iterations so that no iteration runs against a full queue. */
    @TearDown(Level.Iteration)
    public void drain() {
        recorder.flush(Duration.ofSeconds(60));
        otelProvider.forceFlush().join(60, TimeUnit.SECONDS);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        recorder.flush(Duration.ofSeconds(10));
        System.out.println("\n[tuneloop recorder stats] " + recorder.stats());
        recorder.close();
        otelProvider.close();
    }

    /** Tuneloop: one interaction logged (the id was made when it was built). */
    @Benchmark
    public InteractionId tuneloopLog() {
        return recorder.log(interaction);
    }

    /** Peer: OpenTelemetry's batch processor, one log record with a body and two attributes. */
    @Benchmark
    public void otelBatchLogRecord() {
        otelLogger
                .logRecordBuilder()
                .setBody(interaction.userMessage())
                .setAttribute(MODEL, interaction.modelUsed())
                .setAttribute(USER, interaction.userId())
                .emit();
    }

    static final class NoopExporter implements LogRecordExporter {
        @Override
        public CompletableResultCode export(Collection<LogRecordData> logs) {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
