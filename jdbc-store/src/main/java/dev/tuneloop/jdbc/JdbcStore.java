package dev.tuneloop.jdbc;

import dev.tuneloop.curate.BlindReviewStore;
import dev.tuneloop.curate.ClaimStore;
import dev.tuneloop.curate.ExampleId;
import dev.tuneloop.curate.ExampleStore;
import dev.tuneloop.curate.PreferencePairStore;
import dev.tuneloop.curate.SuggestionStore;
import dev.tuneloop.errors.Checks;
import dev.tuneloop.record.InteractionStore;
import dev.tuneloop.store.ErasureReport;
import dev.tuneloop.store.Store;
import dev.tuneloop.tune.JobStore;
import dev.tuneloop.tune.ModelRegistry;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Tuneloop's {@link Store} on a host-supplied {@link DataSource}: interactions and feedback, reviewed examples,
 * fine-tuning jobs and model versions, in one database. PostgreSQL in production, H2 (file or in-memory) as the
 * embedded default. The dialect is detected from the connection's metadata; any other database is refused with a
 * message naming it.
 *
 * <pre>{@code
 * JdbcStore store = JdbcStore.create(dataSource);          // migrates the schema, then ready
 * Tuneloop tuneloop = Tuneloop.builder().store(store).build();
 * }</pre>
 *
 * <p>The tables keep the seed guide's names ({@code interaction_logs}, {@code training_examples}, …; plus
 * {@code feedback_events}, {@code example_revisions}, {@code model_versions}, {@code fine_tune_jobs}) so its weekly
 * SQL runs unchanged. Migrations are versioned SQL files in the jar ({@link JdbcDialect#migrationLocation()}),
 * applied at start in one transaction under a lock, so instances starting together do not race; hosts that run
 * migrations themselves build with {@code migrate(false)} and the store then checks the version.
 *
 * <p>The store never opens, closes or configures the pool: each call takes a connection, runs one transaction and
 * gives it back. Failures are translated: connection and transient failures become
 * {@link dev.tuneloop.errors.RetriableException}, a second review of one interaction
 * {@link dev.tuneloop.errors.ConflictException}, anything else {@link dev.tuneloop.errors.TuneloopException}, always
 * with the {@link java.sql.SQLException} as the cause.
 *
 * <p>Thread-safe. Scans call their sink while holding a connection: with a pool of one connection, do not call back
 * into the store from a sink.
 */
public final class JdbcStore implements Store {
    private final Database db;
    private final JdbcInteractionStore interactions;
    private final JdbcExampleStore examples;
    private final JdbcJobStore jobs;
    private final JdbcModelRegistry registry;
    private final JdbcClaimStore claims;
    private final JdbcBlindReviewStore blindReviews;
    private final JdbcSuggestionStore suggestions;
    private final JdbcPreferencePairStore preferencePairs;

    private JdbcStore(Database db) {
        this.db = db;
        this.interactions = new JdbcInteractionStore(db);
        this.examples = new JdbcExampleStore(db);
        this.jobs = new JdbcJobStore(db);
        this.registry = new JdbcModelRegistry(db);
        this.claims = new JdbcClaimStore(db);
        this.blindReviews = new JdbcBlindReviewStore(db);
        this.suggestions = new JdbcSuggestionStore(db);
        this.preferencePairs = new JdbcPreferencePairStore(db);
    }

    /**
     * The schema version this library needs (the number of migration files).
     *
     * @return the latest migration's version
     */
    public static int schemaVersion() {
        return SchemaMigrator.latestVersion();
    }

    /**
     * A store on {@code dataSource} that migrates the schema first ({@link Builder#DEFAULT_MIGRATE}).
     *
     * @param dataSource the host's pool; the store never closes it
     * @return a ready store
     * @throws NullPointerException when {@code dataSource} is null
     * @throws dev.tuneloop.errors.TuneloopException when the database is neither PostgreSQL nor H2, or migration fails
     * @throws dev.tuneloop.errors.RetriableException when the database cannot be reached
     */
    public static JdbcStore create(DataSource dataSource) {
        return builder(dataSource).build();
    }

    /**
     * A builder for a store on {@code dataSource}.
     *
     * @param dataSource the host's pool; the store never closes it
     * @return a new builder
     * @throws NullPointerException when {@code dataSource} is null
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /**
     * The detected database.
     *
     * @return PostgreSQL or H2
     */
    public JdbcDialect dialect() {
        return db.dialect();
    }

    @Override
    public InteractionStore interactions() {
        return interactions;
    }

    @Override
    public ExampleStore examples() {
        return examples;
    }

    @Override
    public JobStore jobs() {
        return jobs;
    }

    @Override
    public ModelRegistry registry() {
        return registry;
    }

    @Override
    public ClaimStore claims() {
        return claims;
    }

    @Override
    public BlindReviewStore blindReviews() {
        return blindReviews;
    }

    @Override
    public SuggestionStore suggestions() {
        return suggestions;
    }

    @Override
    public PreferencePairStore preferencePairs() {
        return preferencePairs;
    }

    /**
     * {@inheritDoc}
     *
     * <p>All deletes and the redaction of evaluation reports run in one transaction, children first: a failure erases
     * nothing.
     *
     * @param userId {@inheritDoc}
     * @return {@inheritDoc}
     * @throws dev.tuneloop.errors.ValidationException when {@code userId} is null, blank or not valid text
     * @throws dev.tuneloop.errors.RetriableException when the database is unreachable or busy
     * @throws dev.tuneloop.errors.TuneloopException when a delete fails
     */
    @Override
    public ErasureReport eraseUser(String userId) {
        Checks.start().text("userId", userId, true, Integer.MAX_VALUE).orThrow();
        return db.inTransaction("erase a user's interactions, feedback, examples and evaluation cases", c -> {
            List<ExampleId> exampleIds = new ArrayList<>();
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT id FROM training_examples WHERE user_id = ? ORDER BY id")) {
                ps.setString(1, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        exampleIds.add(new ExampleId(Database.getUuid(rs, "id")));
                    }
                }
            }
            int[] counts = new int[ERASE.length];
            for (int k = 0; k < ERASE.length; k++) {
                try (PreparedStatement ps = c.prepareStatement(ERASE[k])) {
                    long params = ERASE[k].chars().filter(ch -> ch == '?').count(); // each is the user id
                    for (int p = 1; p <= params; p++) {
                        ps.setString(p, userId);
                    }
                    counts[k] = ps.executeUpdate();
                }
            }
            int[] amended = JdbcModelRegistry.eraseCases(c, exampleIds);
            return ErasureReport.builder()
                    .interactions(counts[8])
                    .feedbackEvents(counts[0])
                    .examples(counts[7])
                    .revisions(counts[6])
                    .evaluationCases(amended[0])
                    .reportsAmended(amended[1])
                    .preferencePairs(counts[5])
                    .exampleIds(exampleIds)
                    .build();
        });
    }

    /** Children first; the order of the counts in {@link #eraseUser}. */
    private static final String[] ERASE = {
        "DELETE FROM feedback_events WHERE interaction_id IN (SELECT id FROM interaction_logs WHERE user_id = ?)",
        // a reviewer's claim names the interaction and the reviewer, not the user's text; it goes with the interaction
        "DELETE FROM review_claims WHERE interaction_id IN (SELECT id FROM interaction_logs WHERE user_id = ?)",
        // blind reviews and suggestions may hold answers written for the user's interaction: they go with it
        "DELETE FROM blind_reviews WHERE interaction_id IN (SELECT id FROM interaction_logs WHERE user_id = ?)",
        "DELETE FROM blind_review_settlements WHERE interaction_id IN"
                + " (SELECT id FROM interaction_logs WHERE user_id = ?)",
        "DELETE FROM review_suggestions WHERE interaction_id IN (SELECT id FROM interaction_logs WHERE user_id = ?)",
        // a marked pair copies the example's prompt and answer and the rejected interaction's answer: either user
        "DELETE FROM preference_pairs WHERE user_id = ? OR rejected_user_id = ?",
        "DELETE FROM example_revisions WHERE example_id IN (SELECT id FROM training_examples WHERE user_id = ?)",
        "DELETE FROM training_examples WHERE user_id = ?",
        "DELETE FROM interaction_logs WHERE user_id = ?",
    };

    @Override
    public String toString() {
        return "JdbcStore[" + db.dialect() + "]";
    }

    /**
     * Builds a {@link JdbcStore}. Not thread-safe; {@link #build()} may be called more than once, and each call
     * connects and migrates (or checks) again.
     */
    public static final class Builder {
        /** Migrate the schema at build time unless told otherwise. */
        public static final boolean DEFAULT_MIGRATE = true;

        /** Do not create a missing PostgreSQL schema unless told to. */
        public static final boolean DEFAULT_CREATE_SCHEMA = false;

        private final DataSource dataSource;
        private boolean migrate = DEFAULT_MIGRATE;
        private boolean createSchema = DEFAULT_CREATE_SCHEMA;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /**
         * Whether {@link #build()} applies pending migrations (default {@code true}). With {@code false}, for hosts that
         * run the SQL files through Flyway, Liquibase or by hand, {@code build()} only checks the schema version.
         *
         * @param migrate whether to migrate at build time
         * @return this builder
         */
        public Builder migrate(boolean migrate) {
            this.migrate = migrate;
            return this;
        }

        /**
         * Whether migrating on PostgreSQL may create the schema the connection selects (the first entry of its
         * {@code search_path}, e.g. {@code currentSchema=tuneloop} in the JDBC URL) when it does not exist yet
         * (default {@code false}: then a missing schema is an error naming it). Needs the {@code CREATE} privilege on
         * the database. Has no effect on H2, whose {@code SCHEMA=} setting fails at connect when the schema is missing,
         * nor with {@code migrate(false)}.
         *
         * @param createSchema whether a missing schema is created
         * @return this builder
         */
        public Builder createSchema(boolean createSchema) {
            this.createSchema = createSchema;
            return this;
        }

        /**
         * Connects once to detect the dialect, then migrates or checks the schema.
         *
         * @return a ready store
         * @throws dev.tuneloop.errors.TuneloopException for an unsupported database, a failed migration, a PostgreSQL
         *     schema that the connection selects but does not exist (named, unless {@link #createSchema(boolean)} lets
         *     it be created), or (with
         *                                        {@code migrate(false)}) a schema behind {@link #schemaVersion()},
         *                                        naming the version found and the one expected
         * @throws dev.tuneloop.errors.RetriableException when the database cannot be reached
         */
        public JdbcStore build() {
            JdbcDialect dialect = detect();
            Database db = new Database(dataSource, dialect);
            if (migrate) {
                SchemaMigrator.migrate(db, createSchema);
            } else {
                SchemaMigrator.check(db);
            }
            return new JdbcStore(db);
        }

        private JdbcDialect detect() {
            try (java.sql.Connection c = dataSource.getConnection()) {
                return JdbcDialect.of(c.getMetaData());
            } catch (java.sql.SQLException e) {
                throw SqlExceptionTranslator.translate("connect to detect the database", e);
            }
        }
    }
}
