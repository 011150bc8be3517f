package dev.tuneloop.jdbc;

import dev.tuneloop.errors.RetriableException;
import dev.tuneloop.errors.TuneloopException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns {@link SQLException}s into Tuneloop's exceptions at the store's edge, keeping the cause. The message names
 * the operation and the SQLState, never a value (the driver's own message, which may quote values, stays in the
 * cause).
 */
final class SqlExceptionTranslator {

    /** Serialization failure, deadlock, admin/crash shutdown, cannot connect now, lock timeout (H2). */
    private static final Set<String> RETRIABLE_STATES =
            Set.of("40001", "40P01", "57P01", "57P02", "57P03", "53000", "53100", "53200", "53300", "55P03", "HYT00");

    private SqlExceptionTranslator() {}

    /** The translated exception for {@code e}, thrown while doing {@code operation} (e.g. "append 12 interactions"). */
    static TuneloopException translate(String operation, SQLException e) {
        return translate(operation, e, false);
    }

    /**
     * The translated exception for {@code e}, thrown while doing {@code operation}; {@code connectionLost} says the
     * connection was found closed after the failure, which makes it retriable whatever the SQLState (a pool's or
     * driver's "connection is closed" often has none).
     */
    static TuneloopException translate(String operation, SQLException e, boolean connectionLost) {
        String state = sqlState(e);
        String message = operation + " failed (SQLState " + state + ")";
        if (connectionLost || isRetriable(e)) {
            return new RetriableException(
                    message + (connectionLost ? "; the connection to the database was lost" : "")
                            + "; the database is unavailable or busy, retry later",
                    e);
        }
        return new TuneloopException(message, e);
    }

    static boolean isRetriable(SQLException e) {
        for (SQLException s : chain(e)) {
            if (s instanceof SQLTransientException || s instanceof SQLRecoverableException) {
                return true;
            }
            String state = s.getSQLState();
            if (state != null && (state.startsWith("08") || RETRIABLE_STATES.contains(state))) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code e} is a unique-key violation; with {@code constraint} non-null, only of that constraint. */
    static boolean isUniqueViolation(SQLException e, @Nullable String constraint) {
        for (SQLException s : chain(e)) {
            if ("23505".equals(s.getSQLState())) {
                return constraint == null
                        || String.valueOf(s.getMessage())
                                .toLowerCase(Locale.ROOT)
                                .contains(constraint.toLowerCase(Locale.ROOT));
            }
        }
        return false;
    }

    private static String sqlState(SQLException e) {
        for (SQLException s : chain(e)) {
            if (s.getSQLState() != null) {
                return s.getSQLState();
            }
        }
        return "unknown";
    }

    /** {@code e}, its next exceptions (batches report the real cause there) and SQLException causes. */
    private static Iterable<SQLException> chain(SQLException e) {
        java.util.List<SQLException> out = new java.util.ArrayList<>(3);
        SQLException s = e;
        while (s != null && out.size() < 16) {
            out.add(s);
            SQLException next = s.getNextException();
            if (next == null && s.getCause() instanceof SQLException c && c != s) {
                next = c;
            }
            if (next == null && s instanceof BatchUpdateException b && b.getCause() instanceof SQLException c2) {
                next = c2;
            }
            s = next;
        }
        return out;
    }
}
