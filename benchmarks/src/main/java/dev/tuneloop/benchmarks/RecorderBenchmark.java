package dev.tuneloop.benchmarks;

import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.record.InteractionSink;
import dev.tuneloop.record.RecorderOptions;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.LogRecordBuilder;
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
 * What a host pays on its request thread to record one LLM call: building the interaction and logging it, beside
 * OpenTelemetry's {@code BatchLogRecordProcessor} emitting one log record that carries the same strings (to a no-op
 * exporter). Both use a queue of {@link #QUEUE} items and batches of {@link #BATCH}. Run with {@code -t 1} and
 * {@code -t 2} for one and two producer threads, and {@code -prof gc}.
 *
 * <p>Payloads: {@code rag} is a RAG-sized call (500-character system prompt, 200-character question, 2 000-character
 * answer, 4 retrieved documents of 1 000 characters, 3 metadata entries); {@code line} has one-line texts and no
 * documents. The strings are made once: a host's strings exist already; what is measured is what recording adds.
 *
 * <ul>
 *   <li>{@code tuneloopLog}: {@code recorder.log(Interaction.builder()...)}, the host path: the builder keeps
 *       references, {@code log} stamps the id and the time and enqueues; the rules are checked on the worker.</li>
 *   <li>{@code tuneloopBuildThenLog}: {@code recorder.log(Interaction.builder()...build())}, the strict path that
 *       validates on the caller's thread (what every host paid before the builder could be logged).</li>
 *   <li>{@code otelBatchLogRecord}: the peer, one log record with the user message as body and every other string
 *       as an attribute.</li>
 * </ul>
 *
 * <p>The regime is "below saturation": iterations are short (200 ms) and the queues large enough that neither drops
 * anything (both are flushed after each iteration; the trial prints the recorder's stats so drops and rejections can
 * be checked to be zero).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 10, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class RecorderBenchmark {
    static final int QUEUE = 1 << 22;
    static final int BATCH = 512;
    private static final AttributeKey<String> MODEL = AttributeKey.stringKey("gen_ai.request.model");
    private static final AttributeKey<String> USER = AttributeKey.stringKey("user.id");
    private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("gen_ai.system_instructions");
    private static final AttributeKey<String> ANSWER = AttributeKey.stringKey("gen_ai.output.messages");
    private static final AttributeKey<String>[] DOC_IDS = keys("rag.document.id.", 4);
    private static final AttributeKey<String>[] DOC_TEXTS = keys("rag.document.text.", 4);
    private static final String[] META_KEYS = {"feature", "locale", "tenant"};
    private static final AttributeKey<String>[] META = keys("meta.", 3);

    /** {@code rag}: RAG-sized texts; {@code line}: one-line texts. */
    @Param({"rag", "line"})
    public String payload;

    private InteractionRecorder recorder;
    private SdkLoggerProvider otelProvider;
    private Logger otelLogger;

    private String userId;
    private String systemPrompt;
    private String question;
    private String answer;
    private String model;
    private String[] docIds;
    private String[] docTexts;
    private String[] metaValues;

    @SuppressWarnings({"unchecked", "rawtypes"}) // a generic array: AttributeKey<String>[] cannot be created directly
    private static AttributeKey<String>[] keys(String prefix, int n) {
        AttributeKey<String>[] keys = new AttributeKey[n];
        for (int i = 0; i < n; i++) {
            keys[i] = AttributeKey.stringKey(prefix + i);
        }
        return keys;
    }

    private static String text(String seed, int chars) {
        StringBuilder b = new StringBuilder(chars);
        while (b.length() < chars) {
            b.append(seed).append(' ');
        }
        return b.substring(0, chars);
    }

    @Setup(Level.Trial)
    public void setUp() {
        InteractionSink discard = (interactions, events) -> {};
        recorder = InteractionRecorder.async(
                discard,
                RecorderOptions.builder()
                        .maxQueueSize(QUEUE)
                        .maxBatchSize(BATCH)
                        .build());
        otelProvider = SdkLoggerProvider.builder()
                .addLogRecordProcessor(BatchLogRecordProcessor.builder(new NoopExporter())
                        .setMaxQueueSize(QUEUE)
                        .setMaxExportBatchSize(BATCH)
                        .build())
                .build();
        otelLogger = otelProvider.get("bench");
        userId = "user-123";
        model = "gpt-4o-mini";
        metaValues = new String[] {"chat", "en-US", "sigmasight"};
        if ("rag".equals(payload)) {
            systemPrompt = text("You are a financial analyst assistant for SigmaSight; answer from the filings.", 500);
            question = text("What was NVDA's stock-based compensation in Q3 FY2025, and how did it change?", 200);
            answer = text("NVIDIA's stock-based compensation in Q3 FY2025 was $1.4B, 4.7% of revenue.", 2000);
            docIds = new String[] {"nvda-10q-q3-p12", "nvda-10q-q3-p13", "nvda-10k-fy24-p88", "nvda-8k-q3-p2"};
            docTexts = new String[4];
            for (int i = 0; i < 4; i++) {
                docTexts[i] = text("Stock-based compensation expense by line item, document " + i + ".", 1000);
            }
        } else {
            systemPrompt = "You are a financial analyst assistant for SigmaSight.";
            question = "What was NVDA's SBC in Q3?";
            answer = "NVIDIA's stock-based compensation in Q3 FY2025 was $1.4B, 4.7% of revenue.";
            docIds = new String[0];
            docTexts = new String[0];
        }
    }

    /** Empties both queues between iterations so that no iteration runs against a full queue. */
    @TearDown(Level.Iteration)
    public void drain() {
        recorder.flush(Duration.ofMinutes(2));
        otelProvider.forceFlush().join(120, TimeUnit.SECONDS);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        recorder.flush(Duration.ofSeconds(60));
        System.out.println("\n[tuneloop recorder stats] " + recorder.stats());
        recorder.close();
        otelProvider.close();
    }

    private Interaction.Builder draft() {
        Interaction.Builder b = Interaction.builder()
                .userId(userId)
                .systemPrompt(systemPrompt)
                .userMessage(question)
                .assistantResponse(answer)
                .modelUsed(model);
        for (int i = 0; i < docIds.length; i++) {
            b.addRetrievedDocument(docIds[i], null, docTexts[i]);
        }
        for (int i = 0; i < META_KEYS.length; i++) {
            b.putMetadata(META_KEYS[i], metaValues[i]);
        }
        return b;
    }

    /** Tuneloop, the host path: build the interaction's builder and log it. */
    @Benchmark
    public InteractionId tuneloopLog() {
        return recorder.log(draft());
    }

    /** Tuneloop, the strict path: build (validating on the caller's thread) and log. */
    @Benchmark
    public InteractionId tuneloopBuildThenLog() {
        return recorder.log(draft().build());
    }

    /** Peer: OpenTelemetry's batch processor, one log record carrying the same strings. */
    @Benchmark
    public void otelBatchLogRecord() {
        LogRecordBuilder r = otelLogger
                .logRecordBuilder()
                .setBody(question)
                .setAttribute(USER, userId)
                .setAttribute(MODEL, model)
                .setAttribute(SYSTEM, systemPrompt)
                .setAttribute(ANSWER, answer);
        for (int i = 0; i < docIds.length; i++) {
            r.setAttribute(DOC_IDS[i], docIds[i]);
            r.setAttribute(DOC_TEXTS[i], docTexts[i]);
        }
        for (int i = 0; i < META.length; i++) {
            r.setAttribute(META[i], metaValues[i]);
        }
        r.emit();
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
