package dev.tuneloop.jdbc;

import dev.tuneloop.errors.TuneloopException;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The databases the JDBC store supports, detected from {@link DatabaseMetaData#getDatabaseProductName()}.
 *
 * <p>Each dialect ships its migrations as versioned SQL files in the jar, under {@link #migrationLocation()}, named
 * the way Flyway expects ({@code V1__interactions_and_examples.sql}, …), so hosts that run their own migrations can
 * copy them.
 */
public enum JdbcDialect {
    /** PostgreSQL, the production database (12 or later). */
    POSTGRESQL("PostgreSQL", "postgresql"),
    /** H2 2.x, file or in-memory: the embedded default. */
    H2("H2", "h2");

    private final String productName;
    private final String folder;

    JdbcDialect(String productName, String folder) {
        this.productName = productName;
        this.folder = folder;
    }

    /**
     * The product name the driver reports for this database.
     *
     * @return e.g. {@code "PostgreSQL"}
     */
    public String productName() {
        return productName;
    }

    /**
     * The classpath folder holding this dialect's migration files, e.g. {@code dev/tuneloop/jdbc/migration/postgresql}
     * (Flyway: {@code classpath:dev/tuneloop/jdbc/migration/postgresql}).
     *
     * @return a classpath folder, without a leading or trailing slash
     */
    public String migrationLocation() {
        return "dev/tuneloop/jdbc/migration/" + folder;
    }

    /**
     * The migration files of this dialect, in the order they apply (index 0 is version 1).
     *
     * @return classpath resource names under {@link #migrationLocation()}, e.g.
     *     {@code dev/tuneloop/jdbc/migration/h2/V1__interactions_and_examples.sql}
     */
    public List<String> migrationFiles() {
        return Migrations.FILES.stream().map(f -> migrationLocation() + "/" + f).toList();
    }

    /**
     * The dialect of a database product name, as {@link DatabaseMetaData#getDatabaseProductName()} reports it
     * (compared case-insensitively, surrounding whitespace ignored).
     *
     * @param databaseProductName the product name; {@code null} when the driver reports none
     * @return {@link #POSTGRESQL} or {@link #H2}
     * @throws TuneloopException naming the product when it is neither PostgreSQL nor H2 (or null)
     */
    public static JdbcDialect of(@Nullable String databaseProductName) {
        String name =
                databaseProductName == null ? "" : databaseProductName.trim().toLowerCase(Locale.ROOT);
        if (name.equals("postgresql")) {
            return POSTGRESQL;
        }
        if (name.equals("h2")) {
            return H2;
        }
        throw new TuneloopException("database product '" + databaseProductName
                + "' is not supported by the Tuneloop JDBC store; supported: PostgreSQL, H2");
    }

    static JdbcDialect of(DatabaseMetaData metaData) throws SQLException {
        return of(metaData.getDatabaseProductName());
    }

    /** The migration files, shared by every dialect (each has its own copy). */
    static final class Migrations {
        static final List<String> FILES = List.of(
                "V1__interactions_and_examples.sql",
                "V2__model_registry.sql",
                "V3__evaluation_amended.sql",
                "V4__review_claims.sql",
                "V5__model_version_lineage.sql",
                "V6__tool_calls.sql",
                "V7__model_version_weights.sql",
                "V8__blind_reviews_and_suggestions.sql",
                "V9__example_provenance.sql",
                "V10__user_message_parts.sql",
                "V11__preference_pairs.sql");

        private Migrations() {}
    }
}
