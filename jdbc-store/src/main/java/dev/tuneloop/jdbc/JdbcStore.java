package dev.tuneloop.jdbc;

import dev.tuneloop.store.ExampleStore;
import dev.tuneloop.store.InteractionStore;
import dev.tuneloop.store.ModelRegistry;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Tuneloop's stores on a host-supplied {@link DataSource}, as one object: interactions and feedback
 * ({@link InteractionStore}), reviewed examples ({@link ExampleStore}), and fine-tuning jobs and model versions
 * ({@link ModelRegistry}). PostgreSQL in production, H2 (file or in-memory) as the embedded default. The dialect is
 * detected from the connection's metadata; any other database is refused with a message naming it.
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
 * {@link dev.tuneloop.RetriableException}, a second review of one interaction {@link dev.tuneloop.ConflictException},
 * anything else {@link dev.tuneloop.TuneloopException}, always with the {@link java.sql.SQLException} as the cause.
 *
 * <p>Thread-safe. Scans call their sink while holding a connection: with a pool of one connection, do not call back
 * into the store from a sink.
 */
public interface JdbcStore extends InteractionStore, ExampleStore, ModelRegistry {

    /** The schema version this library needs (the number of migration files). */
    static int schemaVersion() {
        return SchemaMigrator.latestVersion();
    }

    /**
     * A store on {@code dataSource} that migrates the schema first ({@link Builder#DEFAULT_MIGRATE}).
     *
     * @throws dev.tuneloop.TuneloopException when the database is neither PostgreSQL nor H2, or migration fails
     * @throws dev.tuneloop.RetriableException when the database cannot be reached
     */
    static JdbcStore create(DataSource dataSource) {
        return builder(dataSource).build();
    }

    /** A builder for a store on {@code dataSource}. */
    static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** The detected database. */
    JdbcDialect dialect();

    /** Builds a {@link JdbcStore}. Not thread-safe; {@link #build()} may be called more than once. */
    final class Builder {
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
         */
        public Builder createSchema(boolean createSchema) {
            this.createSchema = createSchema;
            return this;
        }

        /**
         * Connects once to detect the dialect, then migrates or checks the schema.
         *
         * @throws dev.tuneloop.TuneloopException for an unsupported database, a failed migration, a PostgreSQL schema
         *                                        that the connection selects but does not exist (named, unless
         *                                        {@link #createSchema(boolean)} lets it be created), or (with
         *                                        {@code migrate(false)}) a schema behind {@link #schemaVersion()},
         *                                        naming the version found and the one expected
         * @throws dev.tuneloop.RetriableException when the database cannot be reached
         */
        public JdbcStore build() {
            JdbcDialect dialect = detect();
            Database db = new Database(dataSource, dialect);
            if (migrate) {
                SchemaMigrator.migrate(db, createSchema);
            } else {
                SchemaMigrator.check(db);
            }
            return new CompositeJdbcStore(db);
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
