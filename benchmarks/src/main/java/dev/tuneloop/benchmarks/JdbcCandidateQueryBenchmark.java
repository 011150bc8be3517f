package dev.tuneloop.benchmarks;

import dev.tuneloop.jdbc.JdbcStore;
import dev.tuneloop.record.CandidateQuery;
import dev.tuneloop.record.RecordedInteraction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
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
 * Latency of the curation candidate query on {@value #ROWS} interactions spread over 90 days (about 7.8% in the
 * seed's 7-day window; 10% thumbs up, 2% down, 3% edited, 5% follow-ups; 20% of thumbs-up rows already reviewed),
 * loaded once with one {@code INSERT … SELECT} over generated rows, then {@code ANALYZE}d, into a database kept under
 * {@code benchmarks/target/candidates-1000000} so later trials and runs reuse it (delete the folder to reload; the
 * 7-day window moves with the clock, so reload after a few days).
 *
 * <p>Rows are generated in time order (one every 7.8 s over 90 days), as real traffic arrives, so a week's rows sit
 * together on disk as they would in production.
 *
 * <p>Measured side by side: the seed's weekly SQL verbatim through plain JDBC (the peer; on H2 with H2's interval
 * literal {@code INTERVAL '7' DAY}, the only change), the SDK's
 * {@code candidates(seedDefault)} (all candidates of the week, with their feedback events), the first review page
 * (limit 50), and a page filtered on metadata. On PostgreSQL the plans ({@code EXPLAIN (ANALYZE, BUFFERS)}) are
 * written to {@code target/jdbc-candidate-plans.txt}.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar JdbcCandidateQueryBenchmark -f 1 -wi 2 -w 2s -i 3 -r 3s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class JdbcCandidateQueryBenchmark {
    static final int ROWS = 1_000_000;

    @Param({"postgresql", "h2"})
    public String db;

    private JdbcBenchDatabases databases;
    private JdbcStore store;

    static final String SEED_SQL = """
            SELECT
                id,
                user_message,
                assistant_response,
                user_edited_response,
                feedback_rating,
                created_at
            FROM interaction_logs
            WHERE
                created_at > NOW() - INTERVAL '7 days'
                AND (
                    feedback_rating = 1  -- thumbs up
                    OR user_edited_response IS NOT NULL  -- user corrected
                )
                AND had_followup = FALSE
                AND id NOT IN (SELECT source_interaction_id FROM training_examples)
            ORDER BY
                CASE WHEN user_edited_response IS NOT NULL THEN 0 ELSE 1 END,
                created_at DESC""";

    /** The statement the SDK sends for {@code seedDefault(now)} with a limit (see CandidateSql), with literals. */
    static final String SDK_SQL_PAGE =
            "SELECT il.* FROM interaction_logs il WHERE il.created_at > now() - interval '7 days'"
                    + " AND (il.feedback_rating = 1 OR il.user_edited_response IS NOT NULL) AND il.had_followup = FALSE"
                    + " AND NOT EXISTS (SELECT 1 FROM training_examples te WHERE te.source_interaction_id = il.id)"
                    + " ORDER BY (il.user_edited_response IS NULL), il.created_at DESC, il.id DESC"
                    + " LIMIT 50";

    @Setup(Level.Trial)
    public void load() throws SQLException, IOException {
        databases = JdbcBenchDatabases.open(db, 0, Path.of("benchmarks", "target", "candidates-" + ROWS));
        store = JdbcStore.create(databases.dataSource);
        long t0 = System.nanoTime();
        try (Connection c = databases.dataSource.getConnection();
                Statement s = c.createStatement()) {
            long existing;
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM interaction_logs")) {
                rs.next();
                existing = rs.getLong(1);
            }
            if (existing != ROWS) {
                databases.truncate();
                for (String sql : db.equals("postgresql") ? postgresLoad() : h2Load()) {
                    s.execute(sql);
                }
                System.out.printf("# loaded %d interactions in %.1f s%n", ROWS, (System.nanoTime() - t0) / 1e9);
            }
        }
        if (db.equals("postgresql")) {
            StringBuilder plans = new StringBuilder();
            try (Connection c = databases.dataSource.getConnection();
                    Statement s = c.createStatement()) {
                for (String sql : List.of(SEED_SQL, SDK_SQL_PAGE, SDK_SQL_PAGE.replace(" LIMIT 50", ""))) {
                    plans.append("-- ")
                            .append(sql.replace('\n', ' ').replaceAll(" +", " "))
                            .append('\n');
                    try (ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
                        while (rs.next()) {
                            plans.append(rs.getString(1)).append('\n');
                        }
                    }
                    plans.append('\n');
                }
            }
            Path out = Path.of("target", "jdbc-candidate-plans.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, plans);
            System.out.println(plans);
        }
    }

    private static List<String> postgresLoad() {
        return List.of(
                "INSERT INTO interaction_logs (id, created_at, user_id, session_id, system_prompt, user_message, "
                        + "assistant_response, response_chars, retrieved_context, model_used, prior_turns, latency_nanos, "
                        + "prompt_tokens, completion_tokens, metadata, feedback_rating, user_edited_response, had_followup) "
                        + "SELECT gen_random_uuid(), now() - interval '90 days' * ((" + ROWS + " - g)::float8 / " + ROWS
                        + "), "
                        + "'user-' || (g % 5000), NULL, "
                        + "'You are a financial analyst.', 'question ' || g, r, length(r), '[]', "
                        + "CASE WHEN g % 10 = 4 THEN 'ft:v1' ELSE 'gpt-4o-mini' END, '[]', 900000000, 350, 120, "
                        + "CASE WHEN g % 3 = 0 THEN '{\"feature\":\"chat\"}' ELSE '{\"feature\":\"search\"}' END, "
                        + "CASE WHEN g % 10 = 0 THEN 1 WHEN g % 50 = 7 THEN -1 END, "
                        + "CASE WHEN g % 33 = 5 THEN 'edited answer ' || g END, g % 20 = 3 "
                        + "FROM generate_series(1, " + ROWS + ") g, "
                        + "LATERAL (SELECT 'answer ' || g || ' ' || repeat('x', 200) AS r) x",
                "INSERT INTO feedback_events SELECT gen_random_uuid(), id, created_at + interval '1 minute', 'rating', "
                        + "feedback_rating, NULL, NULL FROM interaction_logs WHERE feedback_rating IS NOT NULL",
                "INSERT INTO feedback_events SELECT gen_random_uuid(), id, created_at + interval '2 minutes', 'edit', "
                        + "NULL, user_edited_response, NULL FROM interaction_logs WHERE user_edited_response IS NOT NULL",
                "INSERT INTO feedback_events SELECT gen_random_uuid(), id, created_at + interval '3 minutes', 'followup', "
                        + "NULL, NULL, NULL FROM interaction_logs WHERE had_followup",
                "INSERT INTO training_examples (id, source_interaction_id, user_id, status, split, interaction_created_at, "
                        + "prior_turns, user_message, retrieved_context, original_response, model_used, category, quality, "
                        + "reviewer, created_at, reviewed_at, version) SELECT gen_random_uuid(), id, user_id, 'APPROVED', "
                        + "'TRAIN', created_at, '[]', user_message, '[]', assistant_response, model_used, 'comparison', 8, "
                        + "'bench', now(), now(), 1 FROM interaction_logs WHERE feedback_rating = 1 AND random() < 0.2",
                "ANALYZE");
    }

    private static List<String> h2Load() {
        return List.of(
                "INSERT INTO interaction_logs (id, created_at, user_id, session_id, system_prompt, user_message, "
                        + "assistant_response, response_chars, retrieved_context, model_used, prior_turns, latency_nanos, "
                        + "prompt_tokens, completion_tokens, metadata, feedback_rating, user_edited_response, had_followup) "
                        + "SELECT RANDOM_UUID(), DATEADD('SECOND', -CAST((" + ROWS + " - X) * 7776000.0 / " + ROWS
                        + " AS INT), CURRENT_TIMESTAMP), "
                        + "'user-' || MOD(X, 5000), NULL, 'You are a financial analyst.', 'question ' || X, "
                        + "'answer ' || X || ' ' || REPEAT('x', 200), LENGTH('answer ' || X || ' ' || REPEAT('x', 200)), "
                        + "'[]', CASE WHEN MOD(X, 10) = 4 THEN 'ft:v1' ELSE 'gpt-4o-mini' END, '[]', 900000000, 350, 120, "
                        + "CASE WHEN MOD(X, 3) = 0 THEN '{\"feature\":\"chat\"}' ELSE '{\"feature\":\"search\"}' END, "
                        + "CASE WHEN MOD(X, 10) = 0 THEN 1 WHEN MOD(X, 50) = 7 THEN -1 END, "
                        + "CASE WHEN MOD(X, 33) = 5 THEN 'edited answer ' || X END, MOD(X, 20) = 3 "
                        + "FROM SYSTEM_RANGE(1, " + ROWS + ")",
                "INSERT INTO feedback_events SELECT RANDOM_UUID(), id, DATEADD('MINUTE', 1, created_at), 'rating', "
                        + "feedback_rating, NULL, NULL FROM interaction_logs WHERE feedback_rating IS NOT NULL",
                "INSERT INTO feedback_events SELECT RANDOM_UUID(), id, DATEADD('MINUTE', 2, created_at), 'edit', "
                        + "NULL, user_edited_response, NULL FROM interaction_logs WHERE user_edited_response IS NOT NULL",
                "INSERT INTO feedback_events SELECT RANDOM_UUID(), id, DATEADD('MINUTE', 3, created_at), 'followup', "
                        + "NULL, NULL, NULL FROM interaction_logs WHERE had_followup",
                "INSERT INTO training_examples (id, source_interaction_id, user_id, status, split, interaction_created_at, "
                        + "prior_turns, user_message, retrieved_context, original_response, model_used, category, quality, "
                        + "reviewer, created_at, reviewed_at, version) SELECT RANDOM_UUID(), id, user_id, 'APPROVED', "
                        + "'TRAIN', created_at, '[]', user_message, '[]', assistant_response, model_used, 'comparison', 8, "
                        + "'bench', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1 FROM interaction_logs "
                        + "WHERE feedback_rating = 1 AND RAND() < 0.2",
                "ANALYZE");
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        databases.close();
    }

    /** The peer: the seed's SQL verbatim, every row read. */
    @Benchmark
    public int seedSqlVerbatim() throws SQLException {
        int n = 0;
        try (Connection c = databases.dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        db.equals("h2") ? SEED_SQL.replace("INTERVAL '7 days'", "INTERVAL '7' DAY") : SEED_SQL)) {
            while (rs.next()) {
                rs.getString(2);
                n++;
            }
        }
        return n;
    }

    /** Every candidate of the week, as RecordedInteractions with their feedback events. */
    @Benchmark
    public List<RecordedInteraction> sdkWholeWeek() {
        return store.interactions().candidates(CandidateQuery.seedDefault(Instant.now()));
    }

    /** The first review page. */
    @Benchmark
    public List<RecordedInteraction> sdkFirstPage50() {
        return store.interactions()
                .candidates(CandidateQuery.seedDefault(Instant.now()).toBuilder()
                        .limit(50)
                        .build());
    }

    /** A page restricted to one feature (metadata filter). */
    @Benchmark
    public List<RecordedInteraction> sdkFirstPage50WithMetadataFilter() {
        return store.interactions()
                .candidates(CandidateQuery.seedDefault(Instant.now()).toBuilder()
                        .metadataEquals("feature", "chat")
                        .limit(50)
                        .build());
    }
}
