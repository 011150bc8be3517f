package dev.tuneloop.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Fresh databases for tests: an H2 in-memory database each, or a fresh schema in the ONE embedded PostgreSQL this
 * test JVM starts (lazily, on first use; stopped by a shutdown hook).
 */
final class TestDatabases {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestDatabases() {}

    /** A new, empty H2 in-memory database (kept until the JVM ends). */
    static DataSource freshH2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:tuneloop" + COUNTER.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        return ds;
    }

    /**
     * A pooled data source whose connections use a new, empty schema of the shared embedded PostgreSQL. The pool keeps
     * no idle connections for long (tests never close it).
     */
    static DataSource freshPostgresSchema() {
        String schema = "t" + COUNTER.incrementAndGet();
        try (Connection c = Postgres.INSTANCE.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + schema, e);
        }
        PGSimpleDataSource ds = postgres();
        ds.setCurrentSchema(schema);
        HikariConfig cfg = new HikariConfig();
        cfg.setDataSource(ds);
        cfg.setPoolName("test-" + schema);
        cfg.setMinimumIdle(0);
        cfg.setMaximumPoolSize(10);
        cfg.setIdleTimeout(10_000);
        return new HikariDataSource(cfg);
    }

    /** A data source on the shared embedded PostgreSQL's {@code postgres} database (public schema). */
    static PGSimpleDataSource postgres() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"localhost"});
        ds.setPortNumbers(new int[] {Postgres.INSTANCE.getPort()});
        ds.setDatabaseName("postgres");
        ds.setUser("postgres");
        ds.setReWriteBatchedInserts(true);
        return ds;
    }

    /**
     * A JDBC URL of a new, empty schema of the shared embedded PostgreSQL (user {@code postgres}, no password), with
     * {@code reWriteBatchedInserts=true}.
     */
    static String freshPostgresUrl() {
        String schema = "t" + COUNTER.incrementAndGet();
        try (Connection c = Postgres.INSTANCE.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + schema, e);
        }
        return "jdbc:postgresql://localhost:" + Postgres.INSTANCE.getPort() + "/postgres?reWriteBatchedInserts=true"
                + "&currentSchema=" + schema;
    }

    /** The one embedded PostgreSQL of this JVM. */
    private static final class Postgres {
        static final EmbeddedPostgres INSTANCE = start();

        private static EmbeddedPostgres start() {
            try {
                EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        pg.close();
                    } catch (IOException ignored) {
                        // the JVM is ending; the temporary data directory is removed by the library
                    }
                }));
                return pg;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
        }
    }
}
