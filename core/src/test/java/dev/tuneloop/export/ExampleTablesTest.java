package dev.tuneloop.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuneloop.curate.ExampleQuery;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.store.Store;
import dev.tuneloop.testsupport.Fixtures;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExampleTablesTest {
    private static final String TRICKY_QUESTION =
            "=HYPERLINK(\"http://x\") total, \"net\" of Q3?\nsee ann@example.com ";

    private final Store store = storeWithTwoExamples();

    private static Store storeWithTwoExamples() {
        Store store = Store.inMemory();
        Interaction asked = Fixtures.interaction("u1", Fixtures.NOW)
                .userMessage(TRICKY_QUESTION)
                .build();
        TrainingExample approved = Fixtures.approved(asked, Fixtures.NOW).toBuilder()
                .improvedResponse("Improved: $1.4B")
                .notes("checked against the 10-Q")
                .build();
        store.examples().insert(approved, Fixtures.firstRevision(approved));
        TrainingExample rejected = Fixtures.rejected(Fixtures.interaction(Fixtures.NOW.plusSeconds(1)), Fixtures.NOW);
        store.examples().insert(rejected, Fixtures.firstRevision(rejected));
        return store;
    }

    @Test
    void csvHoldsOneRowPerExampleWithRfc4180QuotingRedactionAndNoFormulas() throws Exception {
        StringWriter out = new StringWriter();
        // snippet:example-tables
        long rows = ExampleTables.builder(store.examples())
                .query(ExampleQuery.all())
                .format(Tables.Format.CSV) // or JSON; texts redacted unless .noRedaction()
                .build()
                .write(out);
        // end-snippet:example-tables
        assertThat(rows).isEqualTo(2);
        List<List<String>> table = parseCsv(out.toString());
        assertThat(table).hasSize(3);
        assertThat(table.get(0)).isEqualTo(ExampleTables.COLUMNS);
        assertThat(out.toString()).contains("\r\n");
        List<String> approved = row(table, "approved");
        assertThat(cell(approved, "question"))
                .startsWith("'=HYPERLINK(\"http://x\") total, \"net\" of Q3?\nsee ")
                .doesNotContain("ann@example.com")
                .endsWith(" ");
        assertThat(cell(approved, "improved_answer")).isEqualTo("Improved: $1.4B");
        assertThat(cell(approved, "training_answer")).isEqualTo("Improved: $1.4B");
        assertThat(cell(approved, "category")).isEqualTo("sec_10q");
        assertThat(cell(approved, "quality")).isEqualTo("8");
        assertThat(cell(approved, "split")).isEqualTo("train");
        assertThat(cell(approved, "user_edit")).isEmpty();
        List<String> rejected = row(table, "rejected");
        assertThat(cell(rejected, "reject_reason")).isEqualTo("too generic");
        assertThat(cell(rejected, "quality")).isEmpty();
    }

    @Test
    void jsonHoldsTypedValuesAndTheTextsAsStoredWhenAskedUnredacted() throws Exception {
        StringWriter out = new StringWriter();
        ExampleTables.builder(store.examples())
                .query(ExampleQuery.approved())
                .format(Tables.Format.JSON)
                .noRedaction()
                .build()
                .write(out);
        JsonNode rows = new ObjectMapper().readTree(out.toString());
        assertThat(rows.isArray()).isTrue();
        assertThat(rows).hasSize(1);
        JsonNode r = rows.get(0);
        assertThat(r.get("question").textValue()).isEqualTo(TRICKY_QUESTION); // JSON is never formula-escaped
        assertThat(r.get("quality").isInt()).isTrue();
        assertThat(r.get("quality").intValue()).isEqualTo(8);
        assertThat(r.get("user_edit").isNull()).isTrue();
        assertThat(r.get("prior_turns").intValue()).isZero();
        List<String> names = new ArrayList<>();
        r.fieldNames().forEachRemaining(names::add);
        assertThat(names).isEqualTo(ExampleTables.COLUMNS);
    }

    @Test
    void aRowOfTheWrongWidthOrTypeIsRefusedNamingTheRule() throws Exception {
        Tables t = Tables.start(Tables.Format.CSV, new StringWriter(), List.of("a", "b"), true);
        assertThatThrownBy(() -> t.row("only one"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a row must have 2 cells (one per column), but had 1");
        assertThatThrownBy(() -> t.row("x", new Object()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cell b must be a String, Integer, Long, Double, Boolean or null");
    }

    @Test
    void numbersAreNeverFormulaEscapedAndPlainTextIsNotQuoted() {
        assertThat(Tables.csv("-3 is negative", true)).isEqualTo("'-3 is negative");
        assertThat(Tables.csv("-3 is negative", false)).isEqualTo("-3 is negative");
        assertThat(Tables.csv("plain", true)).isEqualTo("plain");
        assertThat(Tables.csv("", true)).isEmpty();
        assertThat(Tables.csv("a\"b", false)).isEqualTo("\"a\"\"b\"");
    }

    private static List<String> row(List<List<String>> table, String status) {
        int i = table.get(0).indexOf("status");
        return table.stream().filter(r -> r.get(i).equals(status)).findFirst().orElseThrow();
    }

    private static String cell(List<String> row, String column) {
        return row.get(ExampleTables.COLUMNS.indexOf(column));
    }

    /** An RFC 4180 reader: quoted cells may hold commas, doubled quotes, CR and LF; records end with CRLF. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        assertThat(cell).isEmpty();
        assertThat(row).isEmpty();
        return rows;
    }
}
