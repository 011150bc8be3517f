package dev.tuneloop.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuneloop.curate.CurationOptions;
import dev.tuneloop.curate.ExampleQuery;
import dev.tuneloop.curate.ImportProvenance;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.export.ExampleImporter;
import dev.tuneloop.export.ImportFormat;
import dev.tuneloop.export.ImportOptions;
import dev.tuneloop.export.ImportReport;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.ToolCall;
import dev.tuneloop.record.ToolDefinition;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Golden-example import into the JDBC store: provenance in its columns, all or nothing, on H2 and PostgreSQL. */
abstract class ExampleImportOnJdbcTest {
    private static final String CSV = "question,answer,category,quality,notes\n"
            + "What was Apple's fiscal 2023 revenue?,$383.3 billion.,sec_10k,9,from the 10-K\n"
            + "\"What is \"\"free cash flow\"\"?\",Operating cash flow minus capital expenditure.,financial_metrics,8,\n";

    abstract DataSource dataSource();

    @Test
    void importedExamplesKeepTheirProvenanceInPlainColumns() throws SQLException {
        DataSource ds = dataSource();
        JdbcStore store = JdbcStore.create(ds);
        ImportReport r = ExampleImporter.create(store.examples(), CurationOptions.defaults())
                .importFrom(
                        new StringReader(CSV),
                        ImportOptions.builder(ImportFormat.CSV, "ana", "golden.csv")
                                .build());
        assertThat(r.ok()).isTrue();
        List<TrainingExample> all = new ArrayList<>();
        store.examples().scan(ExampleQuery.all(), all::add);
        assertThat(all)
                .extracting(TrainingExample::provenance)
                .containsExactly(
                        new ImportProvenance("ana", "golden.csv", 2), new ImportProvenance("ana", "golden.csv", 3));
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT imported_by, import_source, import_line FROM training_examples "
                        + "ORDER BY import_line")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("ana");
            assertThat(rs.getString(2)).isEqualTo("golden.csv");
            assertThat(rs.getLong(3)).isEqualTo(2);
        }
    }

    @Test
    void anImportedToolCallingExchangeIsStoredInTheExistingColumns() {
        JdbcStore store = JdbcStore.create(dataSource());
        String line = "{\"messages\":[{\"role\":\"user\",\"content\":\"What was Apple's fiscal 2024 revenue?\"},"
                + "{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"get_filing\",\"arguments\":\"{\\\"ticker\\\":\\\"AAPL\\\"}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"revenue 391.0\"},"
                + "{\"role\":\"assistant\",\"content\":\"$391.0 billion.\"}],"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_filing\",\"description\":\"Filings\","
                + "\"parameters\":{\"type\":\"object\"}}}],\"parallel_tool_calls\":false,"
                + "\"category\":\"sec_10k\",\"quality\":9}\n";
        ImportReport r = ExampleImporter.create(store.examples(), CurationOptions.defaults())
                .importFrom(
                        new StringReader(line),
                        ImportOptions.builder(ImportFormat.SUPERVISED, "ana", "tools.jsonl")
                                .build());
        assertThat(r.problems()).isEmpty();
        List<TrainingExample> all = new ArrayList<>();
        store.examples().scan(ExampleQuery.all(), all::add);
        TrainingExample e = all.get(0);
        assertThat(e.steps())
                .containsExactly(
                        ChatMessage.assistant("", List.of(new ToolCall("c1", "get_filing", "{\"ticker\":\"AAPL\"}"))),
                        ChatMessage.toolResult("c1", "revenue 391.0"));
        assertThat(e.tools()).containsExactly(new ToolDefinition("get_filing", "Filings", "{\"type\":\"object\"}"));
        assertThat(e.trainingResponse()).isEqualTo("$391.0 billion.");
    }

    @Test
    void aFileWithOneBadRowLeavesTheTablesUntouched() throws SQLException {
        DataSource ds = dataSource();
        JdbcStore store = JdbcStore.create(ds);
        String bad = CSV + "What is EPS?,Earnings per share.,sec_10q,0,\n";
        ImportReport r = ExampleImporter.create(store.examples(), CurationOptions.defaults())
                .importFrom(
                        new StringReader(bad),
                        ImportOptions.builder(ImportFormat.CSV, "ana", "golden.csv")
                                .build());
        assertThat(r.committed()).isFalse();
        assertThat(r.problems())
                .singleElement()
                .satisfies(p -> assertThat(p.line()).isEqualTo(4));
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT (SELECT COUNT(*) FROM training_examples) + "
                        + "(SELECT COUNT(*) FROM example_revisions)")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }
}

/** On H2. */
class H2ExampleImportTest extends ExampleImportOnJdbcTest {
    @Override
    DataSource dataSource() {
        return TestDatabases.freshH2();
    }
}

/** On the embedded PostgreSQL. */
class PostgresExampleImportTest extends ExampleImportOnJdbcTest {
    @Override
    DataSource dataSource() {
        return TestDatabases.freshPostgresSchema();
    }
}
