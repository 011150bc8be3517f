package dev.tuneloop.benchmarks;

import dev.tuneloop.jdbc.JdbcStore;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.record.OverflowPolicy;
import dev.tuneloop.record.RecorderOptions;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Interactions per second written to PostgreSQL and H2: through the recorder (async, batches of {@code batchSize}),
 * straight through {@link JdbcStore#append} in batches of {@code batchSize}, and, as the peer, the naive way: one
 * {@code INSERT} per interaction, each its own transaction (autocommit). Every invocation writes
 * {@value #INTERACTIONS} fresh interactions (new ids, so idempotence never skips work); the tables are emptied before
 * every iteration.
 *
 * <p>{@code rttMicros} puts a {@link LatencyProxy} between the pool and PostgreSQL, so the cost of a round trip over a
 * real network shows (on loopback a commit costs tens of microseconds, which flatters the one-row-per-transaction
 * peer).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar JdbcIngestBenchmark -f 1 -wi 2 -w 2s -i 3 -r 3s}
 * (add {@code -p db=postgresql -p rttMicros=500} for the network case)
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JdbcIngestBenchmark {
    static final int INTERACTIONS = 1000;

    @Param({"postgresql", "h2"})
    public String db;

    @Param({"1", "100", "1000"})
    public int batchSize;

    /** Added network round trip to PostgreSQL in microseconds (0: loopback; 500: a typical same-zone network). */
    @Param({"0"})
    public int rttMicros;

    private JdbcBenchDatabases databases;
    private JdbcStore store;
    private List<Interaction> next;

    @Setup(Level.Trial)
    public void open() {
        databases = JdbcBenchDatabases.open(db, rttMicros);
        store = JdbcStore.create(databases.dataSource);
    }

    @Setup(Level.Iteration)
    public void empty() {
        databases.truncate();
    }

    @Setup(Level.Invocation)
    public void prepare() {
        next = interactions(INTERACTIONS);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        databases.close();
    }

    static List<Interaction> interactions(int n) {
        List<Interaction> out = new ArrayList<>(n);
        Instant now = Instant.now();
        for (int k = 0; k < n; k++) {
            out.add(Interaction.builder()
                    .id(InteractionId.next())
                    .createdAt(now.minusMillis(k))
                    .userId("user-" + (k % 97))
                    .sessionId("session-" + (k % 301))
                    .systemPrompt("You are a financial analyst. Cite the filing.")
                    .userMessage("What was NVDA's stock-based compensation in Q3 FY2025? (" + k + ")")
                    .assistantResponse("NVIDIA's stock-based compensation in Q3 FY2025 was $1.4B, representing 4.7% of "
                            + "revenue, per the 10-Q filed in November. GAAP vs non-GAAP reconciliation: ... " + k)
                    .addRetrievedDocument("doc-" + k, "NVDA 10-Q Q3 FY2025", "Stock-based compensation expense ...")
                    .modelUsed("gpt-4o-mini")
                    .latency(Duration.ofMillis(800 + k % 400))
                    .tokens(350, 120)
                    .putMetadata("feature", k % 3 == 0 ? "chat" : "search")
                    .build());
        }
        return out;
    }

    /** The recorder as a host uses it: log every interaction, then wait until all are written. */
    @Benchmark
    @OperationsPerInvocation(INTERACTIONS)
    public long recorderToJdbc() {
        RecorderOptions options = RecorderOptions.builder()
                .maxBatchSize(batchSize)
                .maxDelay(Duration.ofMillis(2))
                .maxQueueSize(4 * INTERACTIONS)
                .overflowPolicy(OverflowPolicy.BLOCK)
                .blockTimeout(Duration.ofSeconds(30))
                .build();
        try (InteractionRecorder recorder = InteractionRecorder.async(store.interactions(), options)) {
            for (Interaction i : next) {
                recorder.log(i);
            }
            if (!recorder.flush(Duration.ofMinutes(2))) {
                throw new IllegalStateException("recorder did not drain in time");
            }
            return recorder.stats().persisted();
        }
    }

    /** {@link JdbcStore#append} directly, {@code batchSize} interactions per call (one transaction each). */
    @Benchmark
    @OperationsPerInvocation(INTERACTIONS)
    public int storeAppend() {
        for (int from = 0; from < next.size(); from += batchSize) {
            store.interactions().append(next.subList(from, Math.min(next.size(), from + batchSize)), List.of());
        }
        return next.size();
    }

    /** The peer: one INSERT per interaction, each its own transaction, as a hand-written logger would. */
    @Benchmark
    @OperationsPerInvocation(INTERACTIONS)
    public int naiveOneRowPerTransaction() throws SQLException {
        String sql = "INSERT INTO interaction_logs (id, created_at, user_id, session_id, system_prompt, user_message, "
                + "assistant_response, response_chars, retrieved_context, model_used, prior_turns, latency_nanos, "
                + "prompt_tokens, completion_tokens, metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = databases.dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            c.setAutoCommit(true);
            for (Interaction i : next) {
                ps.setObject(1, i.id().value());
                ps.setTimestamp(2, Timestamp.from(i.createdAt()));
                ps.setString(3, i.userId());
                ps.setString(4, i.sessionId());
                ps.setString(5, i.systemPrompt());
                ps.setString(6, i.userMessage());
                ps.setString(7, i.assistantResponse());
                ps.setInt(8, i.assistantResponse().length());
                ps.setString(9, "[{\"id\":\"doc\",\"source\":\"NVDA 10-Q Q3 FY2025\",\"text\":\"...\"}]");
                ps.setString(10, i.modelUsed());
                ps.setString(11, "[]");
                ps.setLong(12, i.latency().toNanos());
                ps.setInt(13, i.promptTokens());
                ps.setInt(14, i.completionTokens());
                ps.setString(15, "{\"feature\":\"chat\"}");
                ps.executeUpdate();
            }
        }
        return next.size();
    }
}
