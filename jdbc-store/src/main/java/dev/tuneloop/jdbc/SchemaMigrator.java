package dev.tuneloop.jdbc;

import dev.tuneloop.errors.TuneloopException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the versioned SQL files of a dialect, recording each in {@code tuneloop_schema_version}.
 *
 * <p>Concurrent starts are safe: on PostgreSQL the whole migration is one transaction holding
 * {@code pg_advisory_xact_lock} (keyed by the current schema), so a second instance waits, then finds the schema up to
 * date. H2 commits every DDL statement on its own, so there a process-wide lock serializes migrations (an H2 database
 * is opened by one process, unless in server mode) and the {@code tuneloop_schema_lock} row is locked for update.
 */
final class SchemaMigrator {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);
    static final String VERSION_TABLE = "tuneloop_schema_version";
    private static final ReentrantLock H2_LOCK = new ReentrantLock();

    private SchemaMigrator() {}

    /** The schema version this code needs. */
    static int latestVersion() {
        return JdbcDialect.Migrations.FILES.size();
    }

    /**
     * Brings the schema up to {@link #latestVersion()}.
     *
     * @return how many migrations this call applied (0 when another instance had already done it)
     */
    static int migrate(Database db) {
        return db.dialect() == JdbcDialect.POSTGRESQL ? migratePostgres(db) : migrateH2(db);
    }

    private static int migratePostgres(Database db) {
        return db.inTransaction("migrate the Tuneloop schema", c -> {
            String schema;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT current_schema()")) {
                rs.next();
                schema = rs.getString(1);
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                ps.setLong(1, lockKey(schema));
                ps.execute();
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS " + VERSION_TABLE + " (version INTEGER PRIMARY KEY, "
                        + "description VARCHAR(200) NOT NULL, installed_at TIMESTAMPTZ NOT NULL DEFAULT now())");
            }
            return applyPending(c, db.dialect());
        });
    }

    private static int migrateH2(Database db) {
        H2_LOCK.lock();
        try {
            db.run("create the Tuneloop schema-version table", c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE IF NOT EXISTS " + VERSION_TABLE + " (version INTEGER PRIMARY KEY, "
                            + "description VARCHAR(200) NOT NULL, "
                            + "installed_at TIMESTAMP(6) WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL)");
                    s.execute("CREATE TABLE IF NOT EXISTS tuneloop_schema_lock (id INTEGER PRIMARY KEY)");
                    s.execute("MERGE INTO tuneloop_schema_lock KEY (id) VALUES (1)");
                }
            });
            return db.inTransaction("migrate the Tuneloop schema", c -> {
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT id FROM tuneloop_schema_lock WHERE id = 1 FOR UPDATE")) {
                    rs.next();
                }
                return applyPending(c, db.dialect());
            });
        } finally {
            H2_LOCK.unlock();
        }
    }

    private static int applyPending(Connection c, JdbcDialect dialect) throws SQLException {
        int current = readVersion(c);
        int latest = latestVersion();
        if (current > latest) {
            LOG.warn(
                    "Tuneloop schema is at version {}, newer than the {} this library knows; leaving it as it is",
                    current,
                    latest);
            return 0;
        }
        int applied = 0;
        for (int v = current + 1; v <= latest; v++) {
            String file = JdbcDialect.Migrations.FILES.get(v - 1);
            try (Statement s = c.createStatement()) {
                for (String sql : statements(read(dialect.migrationLocation() + "/" + file))) {
                    s.execute(sql);
                }
            }
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO " + VERSION_TABLE + " (version, description) VALUES (?, ?)")) {
                ps.setInt(1, v);
                ps.setString(2, file);
                ps.executeUpdate();
            }
            applied++;
            LOG.info("Tuneloop schema migrated to version {} ({})", v, file);
        }
        return applied;
    }

    /**
     * Checks, without changing anything, that the schema is at least {@link #latestVersion()}.
     *
     * @throws TuneloopException naming the version found and the one expected, and where the migrations are
     */
    static void check(Database db) {
        int found = db.inTransaction("read the Tuneloop schema version", SchemaMigrator::readVersion);
        int expected = latestVersion();
        if (found < expected) {
            throw new TuneloopException("the Tuneloop schema is at version " + found + ", but version " + expected
                    + " is expected; apply the migrations in classpath:"
                    + db.dialect().migrationLocation()
                    + " (files " + JdbcDialect.Migrations.FILES + "), or build the store with migrate(true)");
        }
    }

    /** The highest applied version; 0 when the version table does not exist. */
    static int readVersion(Connection c) throws SQLException {
        if (!tableExists(c, VERSION_TABLE)) {
            return 0;
        }
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM " + VERSION_TABLE)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static boolean tableExists(Connection c, String table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String schema = c.getSchema();
        for (String name : List.of(table, table.toUpperCase(Locale.ROOT))) {
            try (ResultSet rs = md.getTables(null, schema, name, new String[] {"TABLE", "BASE TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    static long lockKey(String schema) {
        // a stable 64-bit FNV-1a of the schema name, so each schema migrates under its own lock
        long h = 0xcbf29ce484222325L;
        for (byte b : ("tuneloop-migrate:" + schema).getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    static String read(String resource) {
        try (InputStream in = SchemaMigrator.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new TuneloopException("migration file " + resource + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TuneloopException("cannot read migration file " + resource, e);
        }
    }

    /** Splits a migration file into statements: {@code --} comment lines dropped, statements end with {@code ;}. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                out.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
