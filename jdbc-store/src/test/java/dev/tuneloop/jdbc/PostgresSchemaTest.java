package dev.tuneloop.jdbc;

import static dev.tuneloop.jdbc.Fixtures.NOW;
import static dev.tuneloop.jdbc.Fixtures.interaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tuneloop.errors.RetriableException;
import dev.tuneloop.errors.TuneloopException;
import dev.tuneloop.record.ScanQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** {@code currentSchema=…} naming a schema that does not exist yet, on the embedded PostgreSQL. */
class PostgresSchemaTest {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private static PGSimpleDataSource onSchema(String schema) {
        PGSimpleDataSource ds = TestDatabases.postgres();
        ds.setCurrentSchema(schema);
        return ds;
    }

    private static boolean schemaExists(String schema) throws SQLException {
        try (Connection c = TestDatabases.postgres().getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT 1 FROM information_schema.schemata WHERE schema_name = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Test
    void aMissingSchemaIsNamedWithWhatToDoAndNothingIsCreated() throws SQLException {
        String schema = "tuneloop_missing_" + COUNTER.incrementAndGet();
        Throwable t = catchThrowable(() -> JdbcStore.create(onSchema(schema)));
        assertThat(t)
                .isInstanceOf(TuneloopException.class)
                .isNotInstanceOf(RetriableException.class)
                .hasMessageContaining("schema " + schema + " does not exist")
                .hasMessageContaining("create it")
                .hasMessageContaining("createSchema(true)");
        assertThat(schemaExists(schema)).isFalse();

        Throwable check = catchThrowable(
                () -> JdbcStore.builder(onSchema(schema)).migrate(false).build());
        assertThat(check)
                .as("a store that only checks the version names the missing schema too")
                .isInstanceOf(TuneloopException.class)
                .hasMessageContaining("schema " + schema + " does not exist");
    }

    @Test
    void createSchemaTrueCreatesTheMissingSchemaAndMigratesIntoIt() throws SQLException {
        String schema = "Tuneloop Mixed " + COUNTER.incrementAndGet(); // needs quoting both in the URL and in SQL
        PGSimpleDataSource ds = onSchema("\"" + schema + "\"");
        JdbcStore store = JdbcStore.builder(ds).createSchema(true).build();
        assertThat(schemaExists(schema)).isTrue();
        store.interactions().append(List.of(interaction(NOW, "u")), List.of());
        assertThat(store.interactions().count(ScanQuery.all())).isEqualTo(1);
        try (Connection c = TestDatabases.postgres().getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = ?")) {
            ps.setString(1, schema);
            ps.setString(2, "interaction_logs");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
        // a second start finds the schema and the tables in place
        assertThat(JdbcStore.builder(ds)
                        .createSchema(true)
                        .build()
                        .interactions()
                        .count(ScanQuery.all()))
                .isEqualTo(1);
    }

    @Test
    void searchPathEntriesAreReadAsPostgreSqlReadsThem() {
        assertThat(SchemaMigrator.firstPathEntry("tuneloop")).isEqualTo("tuneloop");
        assertThat(SchemaMigrator.firstPathEntry(" TuneLoop , public")).isEqualTo("tuneloop");
        assertThat(SchemaMigrator.firstPathEntry("\"$user\", public")).isEqualTo("$user");
        assertThat(SchemaMigrator.firstPathEntry("\"Mixed \"\"Case\"\", x\", public"))
                .isEqualTo("Mixed \"Case\", x");
        assertThat(SchemaMigrator.firstPathEntry("")).isNull();
        assertThat(SchemaMigrator.quoteIdentifier("a\"b")).isEqualTo("\"a\"\"b\"");
    }
}
