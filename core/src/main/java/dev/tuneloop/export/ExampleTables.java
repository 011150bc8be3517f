package dev.tuneloop.export;

import dev.tuneloop.curate.ExampleQuery;
import dev.tuneloop.curate.ExampleStore;
import dev.tuneloop.curate.ImportProvenance;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.redact.Redactor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reviewed examples as a table for analysis (spreadsheets, pandas): one row per example the query selects, in the
 * store's order, as CSV or a JSON array ({@link Tables}). Not a training file: it keeps rejected examples, the
 * original, edited and improved answers side by side, and the review's fields.
 *
 * <p>Columns: {@code example_id, interaction_id, status, split, category, quality, reviewer, reviewed_at, version, model_used, system_prompt, question, original_answer, user_edit, improved_answer, training_answer, notes, reject_reason, prior_turns, tool_steps, retrieved_documents, imported_by, import_source, import_line} (the last three empty for an example reviewed from an interaction). Text cells are redacted with {@link Redactor#standard()} unless the builder says
 * otherwise, as training files are; the user id is left out.
 *
 * <pre>{@code
 * try (Writer out = Files.newBufferedWriter(dir.resolve("examples.csv"))) {
 *     long rows = ExampleTables.builder(store.examples()).format(Tables.Format.CSV).build().write(out);
 * }
 * }</pre>
 */
public final class ExampleTables {
    private static final String COLUMN_LIST = "example_id, interaction_id, status, split, category, quality, reviewer,"
            + " reviewed_at, version, model_used, system_prompt, question, original_answer, user_edit,"
            + " improved_answer, training_answer, notes, reject_reason, prior_turns, tool_steps, retrieved_documents,"
            + " imported_by, import_source, import_line";

    /** The columns, in order. */
    public static final List<String> COLUMNS = List.of(COLUMN_LIST.split(", "));

    private final ExampleStore store;
    private final ExampleQuery query;
    private final Tables.Format format;
    private final @Nullable Redactor redactor;
    private final boolean spreadsheetSafe;

    private ExampleTables(Builder b) {
        this.store = b.store;
        this.query = b.query;
        this.format = b.format;
        this.redactor = b.redactor;
        this.spreadsheetSafe = b.spreadsheetSafe;
    }

    /**
     * A builder over {@code store}.
     *
     * @param store where the examples are
     * @return a new builder
     * @throws NullPointerException when {@code store} is null
     */
    public static Builder builder(ExampleStore store) {
        return new Builder(store);
    }

    /**
     * Writes the table.
     *
     * @param out where to write; flushed, not closed
     * @return the rows written
     * @throws IOException when writing fails
     */
    public long write(Writer out) throws IOException {
        Tables table = Tables.start(format, out, COLUMNS, spreadsheetSafe);
        try {
            store.scan(query, e -> {
                try {
                    row(table, e);
                } catch (IOException io) {
                    throw new UncheckedIOException(io);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return table.finish();
    }

    private void row(Tables table, TrainingExample e) throws IOException {
        ImportProvenance p = e.provenance();
        table.row(
                e.id().toString(),
                e.sourceInteractionId().toString(),
                e.status().name().toLowerCase(Locale.ROOT),
                e.split().name().toLowerCase(Locale.ROOT),
                e.category() == null ? null : e.category().name(),
                e.quality() == null ? null : e.quality().value(),
                text(e.reviewer()),
                e.reviewedAt().toString(),
                e.version(),
                e.modelUsed(),
                text(e.systemPrompt()),
                text(e.userMessage()),
                text(e.originalResponse()),
                text(e.userEditedResponse()),
                text(e.improvedResponse()),
                text(e.trainingResponse()),
                text(e.notes()),
                text(e.rejectReason()),
                e.priorTurns().size(),
                e.steps().size(),
                e.retrievedContext().size(),
                p == null ? null : text(p.importedBy()),
                p == null ? null : p.sourceName(),
                p == null ? null : p.sourceLine());
    }

    private @Nullable String text(@Nullable String s) {
        Redactor r = redactor;
        return s == null || r == null ? s : r.redact(s).text();
    }

    /** Settings of an {@link ExampleTables}. Not thread-safe. */
    public static final class Builder {
        private final ExampleStore store;
        private ExampleQuery query = ExampleQuery.all();
        private Tables.Format format = Tables.Format.CSV;
        private @Nullable Redactor redactor = Redactor.standard();
        private boolean spreadsheetSafe = true;

        private Builder(ExampleStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /**
         * Which examples (default: all, approved and rejected).
         *
         * @param query the query
         * @return this builder
         */
        public Builder query(ExampleQuery query) {
            this.query = Objects.requireNonNull(query, "query");
            return this;
        }

        /**
         * CSV (default) or JSON.
         *
         * @param format the format
         * @return this builder
         */
        public Builder format(Tables.Format format) {
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        /**
         * How texts are redacted (default {@link Redactor#standard()}).
         *
         * @param redactor the redactor
         * @return this builder
         */
        public Builder redactor(Redactor redactor) {
            this.redactor = Objects.requireNonNull(redactor, "redactor");
            return this;
        }

        /**
         * Writes texts as stored, unredacted: for data that never leaves the team's own systems.
         *
         * @return this builder
         */
        public Builder noRedaction() {
            this.redactor = null;
            return this;
        }

        /**
         * Whether CSV text cells that a spreadsheet would evaluate as formulas get a leading {@code '} (default true).
         *
         * @param spreadsheetSafe the flag
         * @return this builder
         */
        public Builder spreadsheetSafe(boolean spreadsheetSafe) {
            this.spreadsheetSafe = spreadsheetSafe;
            return this;
        }

        /**
         * The table writer.
         *
         * @return a new writer
         */
        public ExampleTables build() {
            return new ExampleTables(this);
        }
    }
}
