package dev.tuneloop.benchmarks;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.tuneloop.curate.ExampleQuery;
import dev.tuneloop.curate.Split;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.export.TokenCounter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Counting the o200k tokens of one ~500-token example (its three texts): Tuneloop's {@link TokenCounter} against
 * jtokkit counting each text whole, the peer. Both give the same counts (checked in setup).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class TokenCountBenchmark {

    private final List<String[]> texts = new ArrayList<>();
    private final TokenCounter counter = TokenCounter.forModel("gpt-4o-mini");
    private final Encoding jtokkit = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    private int next;

    @Setup
    public void setUp() {
        new SyntheticExampleStore(1000, 500)
                .scan(
                        ExampleQuery.approved().withSplit(Split.TRAIN),
                        (TrainingExample e) ->
                                texts.add(new String[] {e.systemPrompt(), e.userMessage(), e.trainingResponse()}));
        for (String[] t : texts) {
            for (String s : t) {
                if (counter.count(s) != jtokkit.countTokensOrdinary(s)) {
                    throw new IllegalStateException("counts differ");
                }
            }
        }
    }

    private String[] nextExample() {
        String[] t = texts.get(next);
        next = (next + 1) % texts.size();
        return t;
    }

    @Benchmark
    public int tuneloop() {
        int n = 0;
        for (String s : nextExample()) {
            n += counter.count(s);
        }
        return n;
    }

    @Benchmark
    public int jtokkitWhole() {
        int n = 0;
        for (String s : nextExample()) {
            n += jtokkit.countTokensOrdinary(s);
        }
        return n;
    }
}
