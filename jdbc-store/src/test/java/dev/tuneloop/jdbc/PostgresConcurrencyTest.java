package dev.tuneloop.jdbc;

import static dev.tuneloop.jdbc.Fixtures.approved;
import static dev.tuneloop.jdbc.Fixtures.event;
import static dev.tuneloop.jdbc.Fixtures.firstRevision;
import static dev.tuneloop.jdbc.Fixtures.interaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.errors.ConflictException;
import dev.tuneloop.record.CandidateQuery;
import dev.tuneloop.record.Edit;
import dev.tuneloop.record.FeedbackEvent;
import dev.tuneloop.record.FollowUp;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.record.Rating;
import dev.tuneloop.record.RecordedInteraction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Real concurrency on the embedded PostgreSQL: migrations, promotions, orphan feedback; and the seed's SQL. */
class PostgresConcurrencyTest {

    @Test
    void twoInstancesMigratingAtOnceBothSucceedAndOneApplies() throws Exception {
        DataSource ds = TestDatabases.freshPostgresSchema();
        CyclicBarrier start = new CyclicBarrier(2);
        Callable<Integer> migrate = () -> {
            start.await(10, TimeUnit.SECONDS);
            return SchemaMigrator.migrate(new Database(ds, JdbcDialect.POSTGRESQL));
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> a = pool.submit(migrate);
            Future<Integer> b = pool.submit(migrate);
            int applied = a.get(30, TimeUnit.SECONDS) + b.get(30, TimeUnit.SECONDS);
            assertThat(applied).isEqualTo(JdbcStore.schemaVersion());
            assertThat(List.of(a.get(), b.get())).contains(0);
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*), MAX(version) FROM tuneloop_schema_version")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(JdbcStore.schemaVersion());
            assertThat(rs.getInt(2)).isEqualTo(JdbcStore.schemaVersion());
        }
        assertThat(JdbcStore.builder(ds).migrate(false).build().dialect()).isEqualTo(JdbcDialect.POSTGRESQL);
    }

    @Test
    void twoReviewersApprovingTheSameInteractionAtOnceExactlyOneSucceeds() throws Exception {
        DataSource ds = TestDatabases.freshPostgresSchema();
        JdbcStore store = JdbcStore.create(ds);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                Interaction i = interaction(Fixtures.NOW, "u" + round);
                store.interactions().append(List.of(i), List.of());
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<Boolean>> attempts = new ArrayList<>();
                for (int reviewer = 0; reviewer < 2; reviewer++) {
                    TrainingExample e = approved(i, Fixtures.NOW.plusMillis(reviewer));
                    attempts.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        try {
                            store.examples().insert(e, firstRevision(e));
                            return true;
                        } catch (ConflictException conflict) {
                            assertThat(conflict).hasMessageContaining(i.id().toString());
                            return false;
                        }
                    }));
                }
                int wins = 0;
                for (Future<Boolean> f : attempts) {
                    wins += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(wins).as("round %d", round).isEqualTo(1);
                assertThat(store.examples().findBySource(i.id())).isPresent();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPromotionThatLosesTheRaceOnTheUniqueConstraintGetsAConflict() throws Exception {
        DataSource ds = TestDatabases.freshPostgresSchema();
        JdbcStore store = JdbcStore.create(ds);
        Interaction i = interaction(Fixtures.NOW, "u1");
        store.interactions().append(List.of(i), List.of());
        TrainingExample winner = approved(i, Fixtures.NOW);
        TrainingExample loser = approved(i, Fixtures.NOW.plusSeconds(1));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection other = ds.getConnection()) {
            // the winner's transaction has inserted but not committed: the loser passes the pre-check and then waits
            // on the unique index until the winner commits
            other.setAutoCommit(false);
            try (PreparedStatement ps =
                    other.prepareStatement("INSERT INTO training_examples (id, source_interaction_id, "
                            + "user_id, status, split, interaction_created_at, prior_turns, user_message, retrieved_context, "
                            + "original_response, model_used, category, quality, reviewer, created_at, reviewed_at, version) "
                            + "VALUES (?, ?, 'u1', 'APPROVED', 'TRAIN', now(), '[]', 'q', '[]', 'a', 'm', 'comparison', 9, 'r', "
                            + "now(), now(), 1)")) {
                ps.setObject(1, winner.id().value());
                ps.setObject(2, i.id().value());
                ps.executeUpdate();
            }
            Future<?> attempt = pool.submit(() -> store.examples().insert(loser, firstRevision(loser)));
            awaitBlockedOnLock(ds);
            other.commit();
            assertThatThrownBy(() -> attempt.get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(ConflictException.class)
                    .cause()
                    .hasMessageContaining("concurrent review");
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.examples().findBySource(i.id()).orElseThrow().id()).isEqualTo(winner.id());
        assertThat(store.examples().history(loser.id())).isEmpty();
    }

    private static void awaitBlockedOnLock(DataSource ds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()")) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.onSpinWait();
            }
        }
        throw new AssertionError("the second insert never waited on the first one's lock");
    }

    @Test
    void feedbackAndItsInteractionWrittenConcurrentlyAlwaysEndUpApplied() throws Exception {
        DataSource ds = TestDatabases.freshPostgresSchema();
        JdbcStore store = JdbcStore.create(ds);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 25; round++) {
                Interaction i = interaction(Fixtures.NOW, "u" + round);
                List<FeedbackEvent> events = List.of(
                        event(i, Fixtures.NOW.plusSeconds(1), Edit.of("fixed " + round)),
                        event(i, Fixtures.NOW.plusSeconds(2), FollowUp.of()));
                CyclicBarrier start = new CyclicBarrier(2);
                Future<?> a = pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    store.interactions().append(List.of(i), List.of());
                    return null;
                });
                Future<?> b = pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    store.interactions().append(List.of(), events.subList(0, 1));
                    store.interactions().append(List.of(), events.subList(1, 2));
                    return null;
                });
                a.get(30, TimeUnit.SECONDS);
                b.get(30, TimeUnit.SECONDS);
                RecordedInteraction r = store.interactions().find(i.id()).orElseThrow();
                assertThat(r.feedback().userEditedResponse()).contains("fixed " + round);
                assertThat(r.feedback().hadFollowUp()).isTrue();
                try (Connection c = ds.getConnection();
                        PreparedStatement ps = c.prepareStatement(
                                "SELECT user_edited_response, had_followup FROM interaction_logs WHERE id = ?")) {
                    // the seed's columns, read by plain SQL, agree
                    ps.setObject(1, i.id().value());
                    try (ResultSet rs = ps.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getString(1)).isEqualTo("fixed " + round);
                        assertThat(rs.getBoolean(2)).isTrue();
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theSeedsWeeklySqlRunsVerbatimAndAgreesWithTheCandidateQuery() throws Exception {
        DataSource ds = TestDatabases.freshPostgresSchema();
        JdbcStore store = JdbcStore.create(ds);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<InteractionId> ids = new ArrayList<>();
        try (InteractionRecorder recorder =
                InteractionRecorder.sync(store.interactions(), Clock.fixed(now, ZoneOffset.UTC))) {
            for (int k = 0; k < 40; k++) {
                Interaction i = interaction(now.minus(Duration.ofHours(5L * k + 1)), "user-" + (k % 4));
                ids.add(recorder.log(i));
                switch (k % 5) {
                    case 0 -> recorder.rate(i.id(), Rating.up());
                    case 1 -> recorder.edit(i.id(), "corrected answer " + k);
                    case 2 -> {
                        recorder.rate(i.id(), Rating.up());
                        recorder.followUp(i.id());
                    }
                    case 3 -> recorder.rate(i.id(), Rating.down());
                    default -> {
                        // no feedback at all
                    }
                }
            }
        }
        TrainingExample reviewed =
                approved(store.interactions().find(ids.get(0)).orElseThrow().interaction(), now);
        store.examples().insert(reviewed, firstRevision(reviewed));

        List<InteractionId> seed = new ArrayList<>();
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(SEED_SQL)) {
            while (rs.next()) {
                seed.add(InteractionId.of(rs.getObject("id", java.util.UUID.class)));
            }
        }
        List<InteractionId> sdk = store.interactions().candidates(CandidateQuery.seedDefault(Instant.now())).stream()
                .map(RecordedInteraction::id)
                .toList();
        assertThat(seed).isNotEmpty().doesNotContain(ids.get(0));
        assertThat(sdk).containsExactlyElementsOf(seed);
    }

    /** Copied verbatim from the seed guide, "Weekly Curation Workflow", Step 1. */
    private static final String SEED_SQL = """
            -- Get high-signal interactions from the past week
            SELECT\s
                id,
                user_message,
                assistant_response,
                user_edited_response,
                feedback_rating,
                created_at
            FROM interaction_logs
            WHERE\s
                created_at > NOW() - INTERVAL '7 days'
                AND (
                    feedback_rating = 1  -- thumbs up
                    OR user_edited_response IS NOT NULL  -- user corrected
                )
                AND had_followup = FALSE
                AND id NOT IN (SELECT source_interaction_id FROM training_examples)
            ORDER BY\s
                CASE WHEN user_edited_response IS NOT NULL THEN 0 ELSE 1 END,
                created_at DESC;
            """;
}
