package dev.tuneloop.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** One migrated H2 database and one migrated PostgreSQL schema per test JVM, emptied between property tries. */
final class SharedStores {
    private SharedStores() {}

    static final class H2 {
        static final DataSource DATA_SOURCE = TestDatabases.freshH2();
        static final JdbcStore STORE = JdbcStore.create(DATA_SOURCE);
    }

    static final class Postgres {
        static final DataSource DATA_SOURCE = TestDatabases.freshPostgresSchema();
        static final JdbcStore STORE = JdbcStore.create(DATA_SOURCE);
    }

    static void truncate(DataSource ds) {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            for (String table : new String[] {
                "review_claims", "example_revisions", "training_examples", "feedback_events", "interaction_logs"
            }) {
                s.execute("TRUNCATE TABLE " + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty the test database", e);
        }
    }
}
