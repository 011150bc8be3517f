package dev.tuneloop.benchmarks.growthbook;

import com.sdk.growthbook.GBSDKBuilder;
import com.sdk.growthbook.GrowthBookSDK;
import com.sdk.growthbook.model.GBExperiment;
import com.sdk.growthbook.model.GBExperimentResult;
import com.sdk.growthbook.model.GBString;
import com.sdk.growthbook.model.GBValue;
import com.sdk.growthbook.network.NetworkDispatcher;
import com.sdk.growthbook.utils.Resource;
import com.sdk.growthbook.utils.SSEConnectionController;
import dev.tuneloop.benchmarks.RouterIds;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import kotlin.Unit;
import kotlin.jvm.functions.Function1;
import kotlinx.coroutines.CompletableJob;
import kotlinx.coroutines.Job;
import kotlinx.coroutines.JobKt;
import kotlinx.coroutines.flow.Flow;
import kotlinx.coroutines.flow.FlowKt;
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
 * The peer of {@code RouterBenchmark}: GrowthBook's Kotlin/JVM SDK (io.growthbook.sdk:GrowthBook-jvm 7.3.0) deciding
 * the same 80 / 20 experiment for the same ids. Per request the SDK's API takes the user's attributes
 * ({@code setAttributes}) and then evaluates the experiment ({@code run}). No network: the dispatcher answers every
 * fetch with an error and the experiment is given inline. Built only on JDK 21+, which the GrowthBook jar needs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RouterBenchmarkGrowthBook {

    @Param({"16", "64"})
    public int idLength;

    private String[] ids;
    private int next;
    private GrowthBookSDK growthBook;
    private GBExperiment experiment;

    @Setup(Level.Trial)
    public void setUp() {
        ids = RouterIds.make(idLength);
        growthBook = new GBSDKBuilder(
                        "benchmark-key",
                        "http://localhost:1",
                        null,
                        new OfflineDispatcher(),
                        Map.of("id", new GBString(ids[0])),
                        null,
                        (exp, result) -> Unit.INSTANCE,
                        false,
                        false,
                        false)
                .initialize();
        // key, variations, hashAttribute "id", weights 0.8 / 0.2, active, full coverage; every other field unset
        experiment = new GBExperiment(
                "exp",
                List.<GBValue>of(new GBString(RouterIds.FINE_TUNED), new GBString(RouterIds.BASE)),
                null,
                "id",
                List.of(0.8f, 0.2f),
                true,
                1.0f,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        int fineTuned = 0;
        for (String id : ids) {
            growthBook.setAttributes(Map.of("id", new GBString(id)));
            GBExperimentResult r = growthBook.run(experiment);
            if (!r.getInExperiment()) {
                throw new IllegalStateException("GrowthBook left a user out of the experiment");
            }
            fineTuned += r.getVariationId() == 0 ? 1 : 0;
        }
        if (fineTuned < RouterIds.COUNT * 0.7 || fineTuned > RouterIds.COUNT * 0.9) {
            throw new IllegalStateException("GrowthBook split is not 80/20: " + fineTuned + " of " + RouterIds.COUNT);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        growthBook.close();
    }

    @Benchmark
    public GBValue growthBookRun() {
        growthBook.setAttributes(Map.of("id", new GBString(ids[next++ & (RouterIds.COUNT - 1)])));
        return growthBook.run(experiment).getValue();
    }

    /**
     * {@code run} alone, for the user set last in {@link #setUp} (no {@code setAttributes}): the evaluation's share of
     * {@link #growthBookRun}. Not a per-request option for a server, where every request has another user.
     */
    @Benchmark
    public GBValue growthBookRunSameUser() {
        return growthBook.run(experiment).getValue();
    }

    /** A dispatcher that never reaches a network. */
    static final class OfflineDispatcher implements NetworkDispatcher {
        @Override
        public Job consumeGETRequest(
                String url, Function1<? super String, Unit> onSuccess, Function1<? super Throwable, Unit> onError) {
            onError.invoke(new IllegalStateException("offline benchmark"));
            CompletableJob job = JobKt.Job(null);
            job.complete();
            return job;
        }

        @Override
        public Flow<Resource<String>> consumeSSEConnection(String url, SSEConnectionController controller) {
            return FlowKt.emptyFlow();
        }

        @Override
        public void consumePOSTRequest(
                String url,
                Map<String, ?> body,
                Function1<? super String, Unit> onSuccess,
                Function1<? super Throwable, Unit> onError) {
            onError.invoke(new IllegalStateException("offline benchmark"));
        }
    }
}
