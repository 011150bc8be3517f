package dev.tuneloop.benchmarks;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tuneloop.curate.ExampleQuery;
import dev.tuneloop.curate.Split;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.export.ExportFormat;
import dev.tuneloop.export.ExportOptions;
import dev.tuneloop.export.ExportReport;
import dev.tuneloop.export.JsonlExporter;
import dev.tuneloop.export.SkipReason;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
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
 * Exports {@code n} synthetic examples of about 500 tokens (with redaction, token counting and validation of every
 * line) to a byte-counting sink, one export per operation, in the preset named by {@code format} (any
 * {@link ExportFormat}; {@code -p format=SUPERVISED,TRL_SFT,…} compares them in one run). The store makes examples while it is scanned, so the
 * heap measured is the exporter's own. The peer, {@code jacksonOnly}, writes the same lines with a bare Jackson
 * generator (no redaction, no tokens, no validation, no leak check): the floor any exporter pays.
 *
 * <p>Each iteration prints: examples/s, MB/s, the peak heap used (sampled every 10 ms) and the old generation after
 * the last GC. The fork uses a 512 MiB heap; run with a small {@code -Xmx} (e.g. 128 MiB, of which jtokkit's o200k
 * tables take about 50) and two values of {@code n} to show that the heap does not grow with {@code n}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@State(Scope.Benchmark)
public class ExportBenchmark {

    @Param({"100000"})
    public int n;

    @Param({"500"})
    public int tokens;

    @Param({"2"})
    public int parallelism;

    @Param({"true", "false"})
    public boolean redact;

    /** The preset written: an {@link ExportFormat} name; {@code SUPERVISED} is today's OpenAI export. */
    @Param({"SUPERVISED"})
    public String format;

    private SyntheticExampleStore store;
    private JsonlExporter exporter;
    private CountingSink sink;
    private HeapSampler sampler;
    private long started;
    private volatile ExportReport last;

    @Setup(Level.Trial)
    public void setUp() {
        store = new SyntheticExampleStore(n, tokens);
        exporter = JsonlExporter.create(store);
    }

    @Setup(Level.Iteration)
    public void startIteration() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            p.resetPeakUsage();
        }
        sink = new CountingSink();
        sampler = new HeapSampler();
        sampler.start();
        started = System.nanoTime();
    }

    @TearDown(Level.Iteration)
    public void endIteration() throws InterruptedException {
        double seconds = (System.nanoTime() - started) / 1e9;
        sampler.stop = true;
        sampler.join();
        long oldAfterGc = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP
                    && p.getCollectionUsage() != null
                    && (p.getName().contains("Old") || p.getName().contains("Tenured"))) {
                oldAfterGc = Math.max(oldAfterGc, p.getCollectionUsage().getUsed());
            }
        }
        System.out.printf(
                "%n[export] format=%s n=%d examples/s=%.0f MB/s=%.1f peakHeapUsedMiB=%.1f oldGenAfterLastGcMiB=%.1f "
                        + "maxHeapMiB=%.0f bytes=%d meanTokens=%.0f redactions=%s%n",
                format,
                n,
                n / seconds,
                sink.bytes / seconds / 1e6,
                sampler.peak / 1048576.0,
                oldAfterGc / 1048576.0,
                Runtime.getRuntime().maxMemory() / 1048576.0,
                sink.bytes,
                last == null ? 0.0 : last.tokens().mean(),
                last == null ? "-" : last.redactions());
        last = null;
    }

    @Benchmark
    public ExportReport export() {
        ExportFormat f = ExportFormat.valueOf(format);
        ExportReport r = exporter.export(
                ExportOptions.builder()
                        .format(f)
                        .parallelism(parallelism)
                        .redact(redact)
                        .build(),
                sink);
        // KTO writes a second (undesirable) line for an edited example; pair presets skip unedited ones
        long examples = r.written() - r.validation().undesirable() + r.skipped(SkipReason.NO_PREFERENCE_PAIR);
        if (examples != n || !r.validation().ok()) {
            throw new IllegalStateException("export wrote " + r.written() + " of " + n + ", errors "
                    + r.validation().errors());
        }
        last = r;
        return r;
    }

    @Benchmark
    public long jacksonOnly() throws IOException {
        JsonGenerator gen = new JsonFactory().createGenerator(sink, JsonEncoding.UTF8);
        gen.setRootValueSeparator(null);
        long[] count = {0};
        store.scan(ExampleQuery.approved().withSplit(Split.TRAIN), e -> {
            try {
                line(gen, e);
                count[0]++;
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        });
        gen.flush();
        return count[0];
    }

    private static void line(JsonGenerator gen, TrainingExample e) throws IOException {
        gen.writeStartObject();
        gen.writeArrayFieldStart("messages");
        message(gen, "system", e.systemPrompt());
        message(gen, "user", e.userMessage());
        message(gen, "assistant", e.trainingResponse());
        gen.writeEndArray();
        gen.writeEndObject();
        gen.writeRaw('\n');
    }

    private static void message(JsonGenerator gen, String role, String content) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("role", role);
        gen.writeStringField("content", content);
        gen.writeEndObject();
    }

    /** Discards bytes, counting them. */
    static final class CountingSink extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    /** Samples the used heap every 10 ms and keeps the peak. */
    static final class HeapSampler extends Thread {
        volatile boolean stop;
        volatile long peak;

        HeapSampler() {
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!stop) {
                peak = Math.max(
                        peak,
                        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
            }
        }
    }
}
