package dev.tuneloop.benchmarks;

import dev.tuneloop.opentelemetry.OtelFeedbackExporter;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.record.InteractionSink;
import dev.tuneloop.record.Rating;
import dev.tuneloop.record.RecorderOptions;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import java.time.Duration;
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

/**
 * What one 👍 costs with the OpenTelemetry feedback export on, beside the SDK's own path for the same event.
 *
 * <ul>
 *   <li>{@code tuneloopRate}: {@code recorder.rate(id, Rating.up())} on an asynchronous recorder whose sink is wrapped
 *       by {@link OtelFeedbackExporter} (the store discards); the worker emits the {@code gen_ai.evaluation.result}
 *       event, parented to the chat span and with its response id, into a {@code BatchLogRecordProcessor}.</li>
 *   <li>{@code tuneloopRateWithoutExport}: the same call on a recorder without the wrapper: what recording the
 *       feedback costs on its own.</li>
 *   <li>{@code otelEvent}: the peer, a host emitting the same event itself through the SDK's Logs API (event name, the
 *       four attributes, the chat span as context) into the same kind of processor.</li>
 * </ul>
 * Time is the caller's thread; {@code -prof gc}'s B/op counts every thread (the recorder's worker and the processor's
 * included). Both queues are {@link RecorderBenchmark#QUEUE} items and drained after each iteration.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 10, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class OtelFeedbackBenchmark {
    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    private static final String SPAN_ID = "b7ad6b7169203331";

    private SdkLoggerProvider exportProvider;
    private SdkLoggerProvider peerProvider;
    private OtelFeedbackExporter exporter;
    private InteractionRecorder withExport;
    private InteractionRecorder withoutExport;
    private Logger peerLogger;
    private Context chatSpan;
    private InteractionId id;

    private static SdkLoggerProvider provider() {
        return SdkLoggerProvider.builder()
                .addLogRecordProcessor(BatchLogRecordProcessor.builder(new RecorderBenchmark.NoopExporter())
                        .setMaxQueueSize(RecorderBenchmark.QUEUE)
                        .setMaxExportBatchSize(RecorderBenchmark.BATCH)
                        .build())
                .build();
    }

    private static RecorderOptions options() {
        return RecorderOptions.builder()
                .maxQueueSize(RecorderBenchmark.QUEUE)
                .maxBatchSize(RecorderBenchmark.BATCH)
                .build();
    }

    @Setup(Level.Trial)
    public void setUp() {
        InteractionSink discard = (interactions, events) -> {};
        exportProvider = provider();
        peerProvider = provider();
        exporter = OtelFeedbackExporter.builder(exportProvider).build();
        withExport = InteractionRecorder.async(exporter.wrap(discard), options());
        withoutExport = InteractionRecorder.async(discard, options());
        Interaction chat = Interaction.builder()
                .userId("user-123")
                .userMessage("What was NVDA's SBC in Q3?")
                .assistantResponse("NVIDIA's stock-based compensation in Q3 FY2025 was $1.4B.")
                .modelUsed("gpt-4o-mini")
                .putMetadata(OtelFeedbackExporter.RESPONSE_ID_METADATA, "chatcmpl-123")
                .putMetadata(OtelFeedbackExporter.TRACEPARENT_METADATA, "00-" + TRACE_ID + "-" + SPAN_ID + "-01")
                .build();
        exporter.remember(chat);
        id = chat.id();
        peerLogger = peerProvider.get("bench");
        chatSpan = Context.root()
                .with(Span.wrap(SpanContext.createFromRemoteParent(
                        TRACE_ID, SPAN_ID, TraceFlags.getSampled(), TraceState.getDefault())));
    }

    @TearDown(Level.Iteration)
    public void drain() {
        withExport.flush(Duration.ofMinutes(2));
        withoutExport.flush(Duration.ofMinutes(2));
        exportProvider.forceFlush().join(120, TimeUnit.SECONDS);
        peerProvider.forceFlush().join(120, TimeUnit.SECONDS);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        drain();
        System.out.println("\n[export stats] " + exporter.stats() + " [recorder] " + withExport.stats());
        withExport.close();
        withoutExport.close();
        exportProvider.close();
        peerProvider.close();
    }

    /** Tuneloop: the 👍 button with the OpenTelemetry export on. */
    @Benchmark
    public void tuneloopRate() {
        withExport.rate(id, Rating.up());
    }

    /** Tuneloop: the 👍 button without the export. */
    @Benchmark
    public void tuneloopRateWithoutExport() {
        withoutExport.rate(id, Rating.up());
    }

    /** Peer: the host emits the same event itself through the SDK. */
    @Benchmark
    public void otelEvent() {
        peerLogger
                .logRecordBuilder()
                .setEventName("gen_ai.evaluation.result")
                .setContext(chatSpan)
                .setAttribute(AttributeKey.stringKey("gen_ai.evaluation.name"), "user_rating")
                .setAttribute(AttributeKey.doubleKey("gen_ai.evaluation.score.value"), 1.0)
                .setAttribute(AttributeKey.stringKey("gen_ai.evaluation.score.label"), "thumbs_up")
                .setAttribute(AttributeKey.stringKey("gen_ai.response.id"), "chatcmpl-123")
                .setAttribute(
                        AttributeKey.stringKey("tuneloop.interaction.id"),
                        id.value().toString())
                .emit();
    }
}
