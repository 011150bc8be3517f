package dev.tuneloop.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The databases the JDBC benchmarks run on: an embedded PostgreSQL 14 (production settings for durability:
 * {@code synchronous_commit=on}) and an H2 file database, each behind a HikariCP pool as a host would configure it.
 */
final class JdbcBenchDatabases implements AutoCloseable {
    final HikariDataSource dataSource;
    private final EmbeddedPostgres postgres;
    private final LatencyProxy proxy;

    private JdbcBenchDatabases(HikariDataSource dataSource, EmbeddedPostgres postgres, LatencyProxy proxy) {
        this.dataSource = dataSource;
        this.postgres = postgres;
        this.proxy = proxy;
    }

    static JdbcBenchDatabases open(String db) {
        return open(db, 0);
    }

    /**
     * @param rttMicros added network round trip to PostgreSQL (through a {@link LatencyProxy}); 0 for a direct
     *                  loopback connection. H2 is embedded: it must be 0.
     */
    static JdbcBenchDatabases open(String db, int rttMicros) {
        return open(db, rttMicros, null);
    }

    /**
     * @param keepIn a directory that keeps the database between trials (and runs), so a large data set is loaded
     *               once; null for a fresh, temporary database
     */
    static JdbcBenchDatabases open(String db, int rttMicros, Path keepIn) {
        try {
            if (db.equals("postgresql")) {
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
                if (keepIn != null) {
                    builder.setDataDirectory(keepIn.resolve("pg")).setCleanDataDirectory(false);
                }
                EmbeddedPostgres pg = builder.setServerConfig("synchronous_commit", "on")
                        .setServerConfig("shared_buffers", "256MB")
                        .setServerConfig("max_wal_size", "2GB")
                        .start();
                LatencyProxy proxy = rttMicros > 0 ? new LatencyProxy(pg.getPort(), rttMicros) : null;
                int port = proxy == null ? pg.getPort() : proxy.port();
                HikariConfig cfg = new HikariConfig();
                cfg.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + port + "/postgres?reWriteBatchedInserts=true");
                cfg.setUsername("postgres");
                cfg.setMaximumPoolSize(4);
                return new JdbcBenchDatabases(new HikariDataSource(cfg), pg, proxy);
            }
            if (db.equals("h2")) {
                Path dir = keepIn != null
                        ? Files.createDirectories(keepIn.resolve("h2").toAbsolutePath())
                        : Files.createTempDirectory("tuneloop-h2-bench");
                HikariConfig cfg = new HikariConfig();
                cfg.setJdbcUrl("jdbc:h2:file:" + dir.resolve("tuneloop") + ";DB_CLOSE_ON_EXIT=FALSE");
                cfg.setUsername("sa");
                cfg.setMaximumPoolSize(4);
                if (rttMicros != 0) {
                    throw new IllegalArgumentException("H2 is embedded: rttMicros must be 0, but was " + rttMicros);
                }
                return new JdbcBenchDatabases(new HikariDataSource(cfg), null, null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException("db must be postgresql or h2, but was " + db);
    }

    void truncate() {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            for (String t :
                    new String[] {"example_revisions", "training_examples", "feedback_events", "interaction_logs"}) {
                s.execute("TRUNCATE TABLE " + t);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        dataSource.close();
        if (proxy != null) {
            proxy.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
