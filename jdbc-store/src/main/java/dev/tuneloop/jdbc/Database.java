package dev.tuneloop.jdbc;

import dev.tuneloop.errors.TuneloopException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The host's {@link DataSource} and the dialect, with the one way this module talks to them: a connection per call,
 * one transaction per unit of work, {@link SQLException}s translated at the edge. Never owns or closes the pool.
 */
final class Database {

    /** One unit of work on a connection that returns a (non-null) result. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** One unit of work on a connection that returns nothing. */
    @FunctionalInterface
    interface Action {
        void run(Connection c) throws SQLException;
    }

    private final DataSource dataSource;
    private final JdbcDialect dialect;

    Database(DataSource dataSource, JdbcDialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    JdbcDialect dialect() {
        return dialect;
    }

    boolean isPostgres() {
        return dialect == JdbcDialect.POSTGRESQL;
    }

    /**
     * Runs {@code work} in one transaction: commit when it returns, roll back when it throws.
     *
     * <p>When the unit of work fails, that failure is what the caller gets (translated, with the {@link SQLException}
     * as the cause); a failure of the cleanup after it (rollback, restoring autocommit, returning the connection, all
     * of which fail on a connection the database dropped) is added to it as suppressed, never put in its place.
     *
     * @param operation what is done, for the exception message (never a value)
     */
    <T> T inTransaction(String operation, Work<T> work) {
        return withConnection(operation, c -> {
            boolean autoCommit = c.getAutoCommit();
            if (autoCommit) {
                c.setAutoCommit(false);
            }
            T result;
            try {
                result = work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException | Error e) {
                rollback(c, e);
                if (autoCommit) {
                    restoreAutoCommit(c, true, e);
                }
                throw e;
            }
            if (autoCommit) {
                c.setAutoCommit(true);
            }
            return result;
        });
    }

    /**
     * Runs {@code work} in one transaction, as {@link #inTransaction}, for work that returns nothing (so that no
     * lambda has to return {@code null} to a non-null {@link Work}).
     *
     * @param operation what is done, for the exception message (never a value)
     */
    void run(String operation, Action work) {
        inTransaction(operation, c -> {
            work.run(c);
            return Boolean.TRUE;
        });
    }

    /**
     * Runs a read-only {@code work} in autocommit mode: one round trip, no transaction to begin or end. Failures are
     * reported as by {@link #inTransaction}.
     */
    <T> T read(String operation, Work<T> work) {
        return withConnection(operation, c -> {
            boolean autoCommit = c.getAutoCommit();
            if (!autoCommit) {
                c.setAutoCommit(true);
            }
            T result;
            try {
                result = work.run(c);
            } catch (SQLException | RuntimeException | Error e) {
                if (!autoCommit) {
                    restoreAutoCommit(c, false, e);
                }
                throw e;
            }
            if (!autoCommit) {
                c.setAutoCommit(false);
            }
            return result;
        });
    }

    /**
     * Takes a connection, runs {@code work}, gives the connection back; an {@link SQLException} is translated, as
     * retriable when the connection turned out to be closed (the pool's or driver's "connection is closed" may carry
     * no SQLState at all).
     */
    private <T> T withConnection(String operation, Work<T> work) {
        Connection c;
        try {
            c = dataSource.getConnection();
        } catch (SQLException e) {
            throw SqlExceptionTranslator.translate(operation, e, false);
        }
        T result;
        try {
            result = work.run(c);
        } catch (SQLException e) {
            boolean lost = isClosed(c, e);
            close(c, e);
            throw SqlExceptionTranslator.translate(operation, e, lost);
        } catch (RuntimeException | Error e) {
            close(c, e);
            throw e;
        }
        try {
            c.close();
        } catch (SQLException e) {
            throw SqlExceptionTranslator.translate(operation, e);
        }
        return result;
    }

    private static void rollback(Connection c, Throwable failure) {
        try {
            c.rollback();
        } catch (SQLException r) {
            failure.addSuppressed(r);
        }
    }

    private static void restoreAutoCommit(Connection c, boolean autoCommit, Throwable failure) {
        try {
            c.setAutoCommit(autoCommit);
        } catch (SQLException r) {
            failure.addSuppressed(r);
        }
    }

    private static void close(Connection c, Throwable failure) {
        try {
            c.close();
        } catch (SQLException r) {
            failure.addSuppressed(r);
        }
    }

    /** Whether {@code c} is closed now, asked after {@code failure}; a failing question counts as closed. */
    private static boolean isClosed(Connection c, Throwable failure) {
        try {
            return c.isClosed();
        } catch (SQLException r) {
            failure.addSuppressed(r);
            return true;
        }
    }

    /**
     * Binds a nullable instant as a UTC {@code TIMESTAMP WITH TIME ZONE}, truncated to the microsecond (the databases
     * would round, the domain truncates).
     */
    static void setInstant(PreparedStatement ps, int index, @Nullable Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, OffsetDateTime.ofInstant(value.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
        }
    }

    /**
     * Binds a query bound used with {@code >=} or {@code <}: rounded up to the microsecond, so that for the
     * microsecond values stored, {@code x >= ceil(b)} and {@code x < ceil(b)} hold exactly when {@code x >= b} and
     * {@code x < b} do (a {@code >} bound is bound truncated, by {@link #setInstant}).
     */
    static void setCeilingBound(PreparedStatement ps, int index, Instant bound) throws SQLException {
        Instant t = bound.truncatedTo(ChronoUnit.MICROS);
        setInstant(ps, index, t.equals(bound) ? t : t.plus(1, ChronoUnit.MICROS));
    }

    /** Reads a {@code TIMESTAMP WITH TIME ZONE} column; {@code null} when the column is SQL {@code NULL}. */
    static @Nullable Instant getInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /**
     * The instant of a {@code NOT NULL} timestamp column.
     *
     * @throws SQLException when the column is null after all (the schema promises it is not)
     */
    static Instant getRequiredInstant(ResultSet rs, String column) throws SQLException {
        Instant value = getInstant(rs, column);
        if (value == null) {
            throw new SQLException("column " + column + " is NOT NULL in the schema, but was null");
        }
        return value;
    }

    static void setUuid(PreparedStatement ps, int index, UUID value) throws SQLException {
        ps.setObject(index, value);
    }

    /**
     * Reads a {@code UUID} column. Only used on {@code NOT NULL} columns (so the driver never returns {@code null}
     * here): every UUID column of the schema is {@code NOT NULL}.
     */
    static UUID getUuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    static void setNullableInt(PreparedStatement ps, int index, @Nullable Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    /** Reads an integer column; {@code null} when it is SQL {@code NULL} (where {@code getInt} would say 0). */
    static @Nullable Integer getNullableInt(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    /** A SQL array of UUIDs, for {@code = ANY(?)}. */
    Array uuidArray(Connection c, Collection<UUID> ids) throws SQLException {
        return c.createArrayOf(isPostgres() ? "uuid" : "UUID", ids.toArray());
    }

    /** A SQL array of strings, for {@code = ANY(?)}. */
    Array textArray(Connection c, Collection<String> values) throws SQLException {
        return c.createArrayOf(isPostgres() ? "text" : "VARCHAR", values.toArray());
    }

    /** Wraps a failure of this module's own invariants (not the database's). */
    static TuneloopException corrupt(String what) {
        return new TuneloopException(what);
    }

    @Override
    public String toString() {
        return "Database[" + dialect + "]";
    }
}
