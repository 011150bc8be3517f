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
import org.jspecify.annotations.Nullable;
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
     * Brings the schema up to {@link #latestVersion()}, without creating a missing PostgreSQL schema.
     *
     * @return how many migrations this call applied (0 when another instance had already done it)
     */
    static int migrate(Database db) {
        return migrate(db, false);
    }

    /**
     * Brings the schema up to {@link #latestVersion()}.
     *
     * @param createSchema on PostgreSQL, create the schema the connection's {@code search_path} names first when it
     *                     does not exist (otherwise that is an error naming it)
     * @return how many migrations this call applied (0 when another instance had already done it)
     */
    static int migrate(Database db, boolean createSchema) {
        return db.dialect() == JdbcDialect.POSTGRESQL ? migratePostgres(db, createSchema) : migrateH2(db);
    }

    private static int migratePostgres(Database db, boolean createSchema) {
        return db.inTransaction("migrate the Tuneloop schema", c -> {
            String schema = currentSchema(c);
            if (schema == null) {
                // the search_path names no existing schema (e.g. currentSchema=tuneloop before CREATE SCHEMA)
                @Nullable String named = firstSearchPathSchema(c);
                if (!createSchema || named == null) {
                    throw missingSchema(named);
                }
                String wanted = named;
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                    ps.setLong(1, lockKey(wanted));
                    ps.execute();
                }
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE SCHEMA IF NOT EXISTS " + quoteIdentifier(wanted));
                }
                LOG.info("created the schema {} for Tuneloop's tables", wanted);
                schema = currentSchema(c);
                if (schema == null) {
                    throw new TuneloopException("schema " + wanted + " was created, but the connection's search_path"
                            + " still selects no schema; check the currentSchema / search_path setting");
                }
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
     * @throws TuneloopException naming the version found and the one expected, and where the migrations are; or
     *                           naming the PostgreSQL schema the connection selects when it does not exist
     */
    static void check(Database db) {
        int found = db.inTransaction("read the Tuneloop schema version", c -> {
            if (db.dialect() == JdbcDialect.POSTGRESQL && currentSchema(c) == null) {
                throw missingSchema(firstSearchPathSchema(c));
            }
            return readVersion(c);
        });
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

    /** PostgreSQL's {@code current_schema()}: the first schema of the search path that exists, or null. */
    private static String currentSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_schema()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * The schema PostgreSQL would create tables in once it exists: the first entry of {@code search_path}, unquoted,
     * with {@code $user} as the session user; null when the path is empty.
     */
    static @Nullable String firstSearchPathSchema(Connection c) throws SQLException {
        @Nullable String path;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_setting('search_path'), session_user")) {
            rs.next();
            path = rs.getString(1);
            @Nullable String first = firstPathEntry(path);
            return "$user".equals(first) ? rs.getString(2) : first;
        }
    }

    /** The first entry of a {@code search_path} value: quotes removed ({@code ""} → {@code "}), else lower case. */
    static @Nullable String firstPathEntry(@Nullable String path) {
        if (path == null) {
            return null;
        }
        String p = path.strip();
        if (p.isEmpty()) {
            return null;
        }
        if (p.charAt(0) == '"') {
            StringBuilder name = new StringBuilder();
            for (int i = 1; i < p.length(); i++) {
                char ch = p.charAt(i);
                if (ch == '"') {
                    if (i + 1 < p.length() && p.charAt(i + 1) == '"') {
                        name.append('"');
                        i++;
                    } else {
                        return name.toString();
                    }
                } else {
                    name.append(ch);
                }
            }
            return name.toString();
        }
        int comma = p.indexOf(',');
        String first = (comma < 0 ? p : p.substring(0, comma)).strip();
        return first.isEmpty() ? null : first.toLowerCase(Locale.ROOT);
    }

    private static TuneloopException missingSchema(@Nullable String schema) {
        if (schema == null) {
            return new TuneloopException("the connection's search_path is empty, so PostgreSQL has no schema to hold"
                    + " Tuneloop's tables; set currentSchema (or search_path) to an existing schema");
        }
        return new TuneloopException("schema " + schema + " does not exist (the connection's search_path selects it);"
                + " create it (CREATE SCHEMA " + quoteIdentifier(schema) + ") or let Tuneloop create it with"
                + " JdbcStore.builder(dataSource).createSchema(true)");
    }

    /** A PostgreSQL identifier in double quotes, so any name is taken exactly as it is. */
    static String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
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
