package dev.tuneloop.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Writes rows of named cells as CSV (RFC 4180) or as a JSON array of objects, for analysis in spreadsheets and
 * pandas. Shared by {@link ExampleTables} and the evaluation's tables. Not thread-safe; one table per instance.
 *
 * <p>CSV: comma-separated, CRLF line ends, a header row; a cell is quoted when it holds a comma, a quote, CR or LF or
 * starts or ends with a space, quotes doubled inside. With {@code spreadsheetSafe}, a text cell starting with
 * {@code =}, {@code +}, {@code -}, {@code @}, tab or CR gets a leading {@code '} so a spreadsheet shows it instead of
 * evaluating it as a formula (numbers and booleans are never changed). JSON: numbers and booleans as JSON values, a
 * null cell as {@code null}.
 */
public final class Tables {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    /** How a table is written. */
    public enum Format {
        /** RFC 4180 CSV with a header row. */
        CSV,
        /** A JSON array with one object per row. */
        JSON
    }

    private final Format format;
    private final Writer out;
    private final List<String> columns;
    private final boolean spreadsheetSafe;
    private final @Nullable JsonGenerator json;
    private long rows;

    private Tables(Format format, Writer out, List<String> columns, boolean spreadsheetSafe) throws IOException {
        this.format = Objects.requireNonNull(format, "format");
        this.out = Objects.requireNonNull(out, "out");
        this.columns = List.copyOf(columns);
        this.spreadsheetSafe = spreadsheetSafe;
        if (format == Format.JSON) {
            JsonGenerator g = JSON.createGenerator(out);
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartArray();
            json = g;
        } else {
            json = null;
            for (int i = 0; i < this.columns.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(csv(this.columns.get(i), false));
            }
            out.write("\r\n");
        }
    }

    /**
     * Starts a table: writes the CSV header, or opens the JSON array.
     *
     * @param format          CSV or JSON
     * @param out             where to write; not closed
     * @param columns         the column names, in order
     * @param spreadsheetSafe prefix CSV text cells that a spreadsheet would evaluate as formulas with {@code '}
     * @return the table
     * @throws IOException when writing fails
     */
    public static Tables start(Format format, Writer out, List<String> columns, boolean spreadsheetSafe)
            throws IOException {
        return new Tables(format, out, columns, spreadsheetSafe);
    }

    /**
     * Writes one row.
     *
     * @param cells one per column, in column order: a {@link String}, a {@link Number}, a {@link Boolean} or null
     * @throws IOException              when writing fails
     * @throws IllegalArgumentException when the number of cells differs from the number of columns, or a cell has
     *                                  another type
     */
    public void row(@Nullable Object... cells) throws IOException {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException(
                    "a row must have " + columns.size() + " cells (one per column), but had " + cells.length);
        }
        JsonGenerator g = json;
        if (g != null) {
            g.writeStartObject();
            for (int i = 0; i < cells.length; i++) {
                g.writeFieldName(columns.get(i));
                Object c = cells[i];
                if (c == null) {
                    g.writeNull();
                } else if (c instanceof String s) {
                    g.writeString(s);
                } else if (c instanceof Boolean b) {
                    g.writeBoolean(b);
                } else if (c instanceof Integer n) {
                    g.writeNumber(n);
                } else if (c instanceof Long n) {
                    g.writeNumber(n);
                } else if (c instanceof Double d) {
                    if (d.isNaN() || d.isInfinite()) {
                        g.writeNull();
                    } else {
                        g.writeNumber(d);
                    }
                } else {
                    throw unsupported(i, c);
                }
            }
            g.writeEndObject();
        } else {
            for (int i = 0; i < cells.length; i++) {
                if (i > 0) {
                    out.write(',');
                }
                Object c = cells[i];
                if (c == null) {
                    continue;
                }
                if (c instanceof String s) {
                    out.write(csv(s, spreadsheetSafe));
                } else if (c instanceof Boolean || c instanceof Integer || c instanceof Long) {
                    out.write(c.toString());
                } else if (c instanceof Double d) {
                    if (!d.isNaN() && !d.isInfinite()) {
                        out.write(d.toString());
                    }
                } else {
                    throw unsupported(i, c);
                }
            }
            out.write("\r\n");
        }
        rows++;
    }

    private IllegalArgumentException unsupported(int i, Object c) {
        return new IllegalArgumentException("cell " + columns.get(i) + " must be a String, Integer, Long, Double,"
                + " Boolean or null, but was a " + c.getClass().getName());
    }

    /**
     * Ends the table (closes the JSON array) and flushes; the writer stays open.
     *
     * @return the rows written
     * @throws IOException when writing fails
     */
    public long finish() throws IOException {
        JsonGenerator g = json;
        if (g != null) {
            g.writeEndArray();
            g.close();
        }
        out.flush();
        return rows;
    }

    /**
     * The format this table writes.
     *
     * @return CSV or JSON
     */
    public Format format() {
        return format;
    }

    static String csv(String s, boolean spreadsheetSafe) {
        String v = s;
        if (spreadsheetSafe && !v.isEmpty()) {
            char first = v.charAt(0);
            if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
                v = "'" + v;
            }
        }
        boolean quote = v.isEmpty() ? false : v.charAt(0) == ' ' || v.charAt(v.length() - 1) == ' ';
        for (int i = 0; !quote && i < v.length(); i++) {
            char c = v.charAt(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }
}
