package dev.tuneloop.benchmarks;

import dev.tuneloop.route.AbRouter;
import dev.tuneloop.route.Assignment;
import dev.tuneloop.route.RoutingPlan;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Cost of one routing decision for the seed's 80 % fine-tuned / 20 % base experiment: Tuneloop's
 * {@code AbRouter.modelFor} and {@code assign}, and the seed's own {@code hash(user_id) % 100 < 80} (here with Java's
 * {@code String.hashCode}, which is cached per String instance, so it is a floor rather than a peer). GrowthBook's JVM
 * SDK evaluating the same experiment is {@code growthbook.RouterBenchmarkGrowthBook}, built on JDK 21+ only; select
 * both with the pattern {@code RouterBenchmark}. Ids are random ASCII of {@code idLength} chars, cycled from
 * {@link RouterIds}.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar RouterBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RouterBenchmark {

    @Param({"16", "64"})
    public int idLength;

    private String[] ids;
    private int next;
    private AbRouter router;

    @Setup(Level.Trial)
    public void setUp() {
        ids = RouterIds.make(idLength);
        router = AbRouter.create(RoutingPlan.fineTunedVsBase("exp", RouterIds.FINE_TUNED, RouterIds.BASE, 8_000));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        router.close();
    }

    private String nextId() {
        return ids[next++ & (RouterIds.COUNT - 1)];
    }

    @Benchmark
    public String tuneloopModelFor() {
        return router.modelFor(nextId());
    }

    @Benchmark
    public Assignment tuneloopAssign() {
        return router.assign(nextId());
    }

    @Benchmark
    public String seedHashCodeModulo() {
        return Math.floorMod(nextId().hashCode(), 100) < 80 ? RouterIds.FINE_TUNED : RouterIds.BASE;
    }
}
