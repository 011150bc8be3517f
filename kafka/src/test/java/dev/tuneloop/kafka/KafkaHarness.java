package dev.tuneloop.kafka;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tuneloop.jdbc.JdbcStore;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.record.OverflowPolicy;
import dev.tuneloop.record.RecorderOptions;
import dev.tuneloop.record.RecorderStats;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The full-length fault scenarios and the end-to-end throughput, run by hand (not by CI); see docs/BENCHMARKS.md for
 * the command. Everything runs in this JVM: a KRaft cluster (one controller, one broker), an embedded PostgreSQL,
 * the recorder, the sink and the bridge. Prints one line per run and the medians.
 *
 * <p>Arguments: {@code throughput [interactions] [runs]}, {@code store-down [seconds]}, {@code bridge-kill},
 * {@code broker-down [seconds]}, or {@code all}.
 */
public final class KafkaHarness {
    private static EmbeddedPostgres pg;
    private static TestCluster cluster;
    private static int schemas;

    private KafkaHarness() {}

    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "all";
        pg = EmbeddedPostgres.builder().start();
        cluster = TestCluster.start();
        try {
            if (what.equals("throughput") || what.equals("all")) {
                throughput(arg(args, 1, 100_000), arg(args, 2, 3));
            }
            if (what.equals("store-down") || what.equals("all")) {
                storeDown(arg(args, 1, 60));
            }
            if (what.equals("bridge-kill") || what.equals("all")) {
                bridgeKill();
            }
            if (what.equals("broker-down") || what.equals("all")) {
                brokerDown(arg(args, 1, 30));
            }
        } finally {
            cluster.close();
            pg.close();
        }
        System.exit(0);
    }

    private static int arg(String[] args, int i, int dflt) {
        return args.length > i && !args[0].equals("all") ? Integer.parseInt(args[i]) : dflt;
    }

    // ------------------------------------------------------------------ throughput

    static void throughput(int n, int runs) throws Exception {
        List<Double> direct = new ArrayList<>();
        List<Double> viaKafka = new ArrayList<>();
        List<Double> ratio = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            double d = directRun(n);
            double k = kafkaRun(n);
            direct.add(d);
            viaKafka.add(k);
            ratio.add(k / d);
            System.out.printf(
                    Locale.ROOT,
                    "throughput run %d: %d interactions; recorder -> PostgreSQL %.0f/s; recorder -> Kafka -> bridge "
                            + "-> PostgreSQL %.0f/s (%.2fx)%n",
                    run,
                    n,
                    d,
                    k,
                    k / d);
        }
        System.out.printf(
                Locale.ROOT,
                "throughput median of %d: direct %.0f/s, via Kafka %.0f/s, ratio %.2fx%n",
                runs,
                median(direct),
                median(viaKafka),
                median(ratio));
    }

    private static RecorderOptions blocking() {
        // the caller waits for room instead of dropping: the rate measured is what the whole path sustains
        return RecorderOptions.builder()
                .overflowPolicy(OverflowPolicy.BLOCK)
                .blockTimeout(Duration.ofSeconds(60))
                .closeTimeout(Duration.ofSeconds(120))
                .build();
    }

    private static double directRun(int n) throws Exception {
        DataSource ds = freshSchema();
        JdbcStore store = JdbcStore.create(ds);
        long start = System.nanoTime();
        try (InteractionRecorder recorder = InteractionRecorder.async(store.interactions(), blocking())) {
            logAll(recorder, n);
            awaitRows(ds, n, Duration.ofMinutes(10));
        }
        double rate = n / ((System.nanoTime() - start) / 1e9);
        ((HikariDataSource) ds).close();
        return rate;
    }

    private static double kafkaRun(int n) throws Exception {
        DataSource ds = freshSchema();
        JdbcStore store = JdbcStore.create(ds);
        KafkaTopics topics = cluster.newTopics("throughput", 4);
        long start;
        try (KafkaBridge bridge =
                        bridge(topics, store, "g-" + topics.interactions()).start();
                KafkaInteractionSink sink = KafkaInteractionSink.builder(cluster.clientConfig())
                        .topics(topics)
                        .build()) {
            start = System.nanoTime();
            try (InteractionRecorder recorder = InteractionRecorder.async(sink, blocking())) {
                logAll(recorder, n);
                awaitRows(ds, n, Duration.ofMinutes(10));
            }
            if (bridge.stats().deadLettered() != 0) {
                throw new IllegalStateException("the bridge dead-lettered records: " + bridge.stats());
            }
        }
        double rate = n / ((System.nanoTime() - start) / 1e9);
        ((HikariDataSource) ds).close();
        return rate;
    }

    private static void logAll(InteractionRecorder recorder, int n) {
        for (int i = 0; i < n; i++) {
            // built on the caller's path, as a host does
            Interaction interaction = KafkaEndToEndTest.interaction("user-" + (i % 1000), i);
            recorder.log(interaction);
        }
    }

    // ------------------------------------------------------------------ faults

    static void storeDown(int seconds) throws Exception {
        DataSource ds = freshSchema();
        FaultyStore store = new FaultyStore(JdbcStore.create(ds));
        KafkaTopics topics = cluster.newTopics("storedown", 4);
        AtomicLong maxLag = new AtomicLong();
        long[] catchUpMillis = new long[1];
        OutageScenario.Result r;
        KafkaBridgeStats end;
        try (KafkaBridge bridge = bridge(topics, store, "g-storedown").start();
                KafkaInteractionSink sink1 = KafkaInteractionSink.builder(cluster.clientConfig())
                        .topics(topics)
                        .build();
                KafkaInteractionSink sink2 = KafkaInteractionSink.builder(cluster.clientConfig())
                        .topics(topics)
                        .build()) {
            List<InteractionRecorder> recorders = List.of(
                    InteractionRecorder.async(sink1, RecorderOptions.defaults()),
                    InteractionRecorder.async(sink2, RecorderOptions.defaults()));
            Thread watcher = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    maxLag.accumulateAndGet(bridge.stats().lag(), Math::max);
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            watcher.start();
            long[] upAt = new long[1];
            r = OutageScenario.run(
                    recorders,
                    () -> store.down = true,
                    () -> {
                        store.down = false;
                        upAt[0] = System.nanoTime();
                    },
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(seconds),
                    2);
            awaitRows(ds, r.logged() - r.recorder().dropped(), Duration.ofMinutes(10));
            catchUpMillis[0] = (System.nanoTime() - upAt[0]) / 1_000_000;
            watcher.interrupt();
            end = bridge.stats();
        }
        long[] rows = rowCounts(ds);
        System.out.printf(
                Locale.ROOT,
                "store down %d s, 2 producers: logged %d, stored %d (distinct ids %d), dropped %d, lost %d, "
                        + "duplicated %d; max lag during the outage %d records; caught up %.1f s after the store "
                        + "returned; bridge store failures %d%n",
                seconds,
                r.logged(),
                rows[0],
                rows[1],
                r.recorder().dropped(),
                r.logged() - r.recorder().dropped() - rows[1],
                rows[0] - rows[1],
                maxLag.get(),
                catchUpMillis[0] / 1000.0,
                end.storeFailures());
        ((HikariDataSource) ds).close();
    }

    static void bridgeKill() throws Exception {
        int n = 100_000;
        DataSource ds = freshSchema();
        FaultyStore store = new FaultyStore(JdbcStore.create(ds));
        KafkaTopics topics = cluster.newTopics("kill", 4);
        try (KafkaInteractionSink sink = KafkaInteractionSink.builder(cluster.clientConfig())
                        .topics(topics)
                        .build();
                InteractionRecorder recorder = InteractionRecorder.async(sink, blocking())) {
            logAll(recorder, n);
            recorder.flush(Duration.ofMinutes(5));
        }
        store.crashAfterAppends.set(20);
        KafkaBridge first = bridge(topics, store, "g-kill").start();
        first.awaitTermination(Duration.ofMinutes(5));
        KafkaBridgeStats dead = first.stats();
        first.close();
        long atCrash = rowCounts(ds)[0];
        KafkaBridgeStats second;
        try (KafkaBridge b = bridge(topics, store, "g-kill").start()) {
            awaitRows(ds, n, Duration.ofMinutes(10));
            Thread.sleep(1000);
            second = b.stats();
        }
        long[] rows = rowCounts(ds);
        System.out.printf(
                Locale.ROOT,
                "bridge killed after the store committed its 20th batch: logged %d, stored at the crash %d, stored %d "
                        + "(distinct ids %d), lost %d, duplicated %d; records read by the two bridges %d (%d "
                        + "replayed)%n",
                n,
                atCrash,
                rows[0],
                rows[1],
                n - rows[1],
                rows[0] - rows[1],
                dead.recordsConsumed() + second.recordsConsumed(),
                dead.recordsConsumed() + second.recordsConsumed() - n);
        ((HikariDataSource) ds).close();
    }

    static void brokerDown(int seconds) throws Exception {
        DataSource ds = freshSchema();
        JdbcStore store = JdbcStore.create(ds);
        KafkaTopics topics = cluster.newTopics("brokerdown", 4);
        OutageScenario.Result r;
        try (KafkaBridge bridge = bridge(topics, store, "g-brokerdown").start();
                KafkaInteractionSink sink = KafkaInteractionSink.builder(cluster.clientConfig())
                        .topics(topics)
                        .build()) {
            r = OutageScenario.run(
                    List.of(InteractionRecorder.async(sink, RecorderOptions.defaults())),
                    cluster::stopBroker,
                    cluster::startBroker,
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(seconds),
                    2);
            awaitRows(ds, r.logged() - r.recorder().dropped(), Duration.ofMinutes(10));
            if (bridge.stats().deadLettered() != 0) {
                throw new IllegalStateException("the bridge dead-lettered records: " + bridge.stats());
            }
        }
        long[] rows = rowCounts(ds);
        RecorderStats s = r.recorder();
        System.out.printf(
                Locale.ROOT,
                "broker down %d s, 2 producer threads, default recorder options: logged %d, stored %d (distinct %d), "
                        + "dropped %d (recorder count), logged - stored - dropped = %d; rejected %d, failed batches %d%n",
                seconds,
                r.logged(),
                rows[0],
                rows[1],
                s.dropped(),
                r.logged() - rows[1] - s.dropped(),
                s.rejected(),
                s.failedBatches());
        ((HikariDataSource) ds).close();
    }

    // ------------------------------------------------------------------ plumbing

    private static KafkaBridge bridge(KafkaTopics topics, dev.tuneloop.store.Store store, String group) {
        return KafkaBridge.builder(cluster.clientConfig(), store)
                .topics(topics)
                .groupId(group)
                .maxBackoff(Duration.ofSeconds(2))
                .lagInterval(Duration.ofSeconds(1))
                .build();
    }

    private static DataSource freshSchema() throws SQLException {
        schemas++;
        String schema = "h" + schemas;
        try (Connection c = pg.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"localhost"});
        ds.setPortNumbers(new int[] {pg.getPort()});
        ds.setDatabaseName("postgres");
        ds.setUser("postgres");
        ds.setReWriteBatchedInserts(true);
        ds.setCurrentSchema(schema);
        HikariConfig cfg = new HikariConfig();
        cfg.setDataSource(ds);
        cfg.setMaximumPoolSize(4);
        return new HikariDataSource(cfg);
    }

    /** Rows and distinct ids in interaction_logs. */
    private static long[] rowCounts(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT id) FROM interaction_logs")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    private static void awaitRows(DataSource ds, long n, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (rowCounts(ds)[0] < n) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + rowCounts(ds)[0] + " of " + n + " rows after " + timeout);
            }
            Thread.sleep(50);
        }
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        int m = s.size() / 2;
        return s.size() % 2 == 1 ? s.get(m) : (s.get(m - 1) + s.get(m)) / 2;
    }
}
