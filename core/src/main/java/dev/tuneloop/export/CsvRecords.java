package dev.tuneloop.export;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads RFC 4180 CSV one record at a time: comma-separated cells, {@code "}-quoted cells may hold commas, quotes
 * (doubled) and line breaks; CRLF, LF or CR end a record; a leading byte-order mark is skipped. Each record knows the
 * line it starts on, so a problem can name it. Not thread-safe.
 */
final class CsvRecords {
    /** One record (a row): its cells and the line it starts on. */
    record Line(long line, List<String> cells) {}

    /** A malformed record (an unterminated quote, text after a closing quote). */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;
        /** The line the broken record starts on. */
        final long line;
        /** What is wrong, naming no cell's text. */
        final String problem;

        Malformed(long line, String problem) {
            super(problem, null, false, false);
            this.line = line;
            this.problem = problem;
        }
    }

    private final Reader in;
    private long line = 1;
    private int peeked = -2;
    private boolean started;

    CsvRecords(Reader in) {
        this.in = in;
    }

    private int read() throws IOException {
        if (peeked != -2) {
            int c = peeked;
            peeked = -2;
            return c;
        }
        int c = in.read();
        if (!started) {
            started = true;
            if (c == '\uFEFF') {
                c = in.read();
            }
        }
        return c;
    }

    private void unread(int c) {
        peeked = c;
    }

    /**
     * The next record, or null at the end of the input.
     *
     * @throws Malformed for a broken record; reading stops there
     */
    @Nullable
    Line next() throws IOException, Malformed {
        int c = read();
        if (c == -1) {
            return null;
        }
        unread(c);
        long start = line;
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean afterQuote = false;
        while (true) {
            c = read();
            if (quoted) {
                if (c == -1) {
                    throw new Malformed(start, "a quoted cell is not closed before the end of the file");
                }
                if (c == '"') {
                    int d = read();
                    if (d == '"') {
                        cell.append('"');
                    } else {
                        unread(d);
                        quoted = false;
                        afterQuote = true;
                    }
                } else {
                    if (c == '\n' || (c == '\r' && peekNot('\n'))) {
                        line++;
                    }
                    cell.append((char) c);
                }
                continue;
            }
            if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
                afterQuote = false;
            } else if (c == '\r' || c == '\n' || c == -1) {
                if (c == '\r') {
                    int d = read();
                    if (d != '\n') {
                        unread(d);
                    }
                }
                if (c != -1) {
                    line++;
                }
                cells.add(cell.toString());
                return new Line(start, cells);
            } else if (afterQuote) {
                throw new Malformed(start, "text follows a closing quote in cell " + (cells.size() + 1));
            } else if (c == '"' && cell.length() == 0) {
                quoted = true;
            } else {
                cell.append((char) c);
            }
        }
    }

    /** Whether the next character is not {@code c} (a CR inside a quoted cell ends a line unless an LF follows). */
    private boolean peekNot(int c) throws IOException {
        int d = read();
        unread(d);
        return d != c;
    }
}
