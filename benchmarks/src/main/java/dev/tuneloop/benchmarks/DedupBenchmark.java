package dev.tuneloop.benchmarks;

import dev.tuneloop.dedup.DuplicatePair;
import dev.tuneloop.dedup.FinancialTexts;
import dev.tuneloop.dedup.NearDuplicateDetector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Near-duplicate detection: MinHash + LSH ({@code findPairs}) on 100 000 and on 5 000 financial Q&A texts of 60-120
 * words (20 % of them near copies edited at 0-8 % of words), against the brute-force exact Jaccard of every pair
 * ({@code findPairsExhaustive}) on the same 5 000. Single-shot: each measurement is one whole deduplication.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar DedupBenchmark -bm ss -f 1 -wi 1 -i 3</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgs = {"-Xmx4g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class DedupBenchmark {
    private final NearDuplicateDetector detector = NearDuplicateDetector.create();
    private Map<Integer, String> large;
    private Map<Integer, String> small;

    @Setup(Level.Trial)
    public void setUp() {
        large = corpus(100_000, 42);
        small = corpus(5_000, 43);
    }

    static Map<Integer, String> corpus(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<Integer, String> texts = new HashMap<>(size * 2);
        int bases = size * 4 / 5;
        for (int i = 0; i < bases; i++) {
            texts.put(i, FinancialTexts.document(random));
        }
        for (int i = bases; i < size; i++) {
            String base = texts.get(random.nextInt(bases));
            texts.put(i, FinancialTexts.edit(base, random.nextDouble() * 0.08, random));
        }
        return texts;
    }

    @Benchmark
    public List<DuplicatePair<Integer>> lsh100k() {
        return detector.findPairs(large);
    }

    @Benchmark
    public List<DuplicatePair<Integer>> lsh5k() {
        return detector.findPairs(small);
    }

    @Benchmark
    public List<DuplicatePair<Integer>> bruteForce5k() {
        return detector.findPairsExhaustive(small);
    }

    /** Prints pair counts and recall of LSH against brute force on the 5 000 (not a benchmark). */
    public static void main(String[] args) {
        DedupBenchmark b = new DedupBenchmark();
        b.setUp();
        long t0 = System.nanoTime();
        int lsh = b.lsh100k().size();
        long t1 = System.nanoTime();
        List<DuplicatePair<Integer>> exact = b.bruteForce5k();
        long t2 = System.nanoTime();
        List<DuplicatePair<Integer>> approx = b.lsh5k();
        long t3 = System.nanoTime();
        long found = approx.stream().filter(exact::contains).count();
        System.out.printf(
                "100k: %d pairs in %d ms; 5k brute force: %d pairs in %d ms; 5k LSH: %d pairs in %d ms,"
                        + " recall %.4f%n",
                lsh,
                (t1 - t0) / 1_000_000,
                exact.size(),
                (t2 - t1) / 1_000_000,
                approx.size(),
                (t3 - t2) / 1_000_000,
                (double) found / exact.size());
    }
}
