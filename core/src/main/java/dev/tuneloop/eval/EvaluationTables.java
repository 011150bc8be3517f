package dev.tuneloop.eval;

import dev.tuneloop.export.Tables;
import dev.tuneloop.redact.Redactor;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An evaluation run as a table for analysis (spreadsheets, pandas): one row per holdout case and model, as CSV or a
 * JSON array ({@link Tables}), so base and candidate answers sit in rows that differ only in {@code model} and
 * {@code role}.
 *
 * <p>Columns: {@code case_id, category, model, role, score, passed, error, cached, latency_ms, prompt_tokens, completion_tokens, question, expected, answer}. {@code role} is {@code base}, {@code candidate} or {@code other}. Text cells
 * (question, expected answer, the model's answer) are redacted with {@link Redactor#standard()} unless
 * {@link #write(EvaluationReport, Tables.Format, Writer, Redactor, boolean)} is given another redactor;
 * {@link #writeUnredacted} writes them as stored.
 */
public final class EvaluationTables {
    private static final String COLUMN_LIST =
            "case_id, category, model, role, score, passed, error, cached, latency_ms,"
                    + " prompt_tokens, completion_tokens, question, expected, answer";

    /** The columns, in order. */
    public static final List<String> COLUMNS = List.of(COLUMN_LIST.split(", "));

    private EvaluationTables() {}

    /**
     * Writes the report's cases with texts redacted by {@link Redactor#standard()} and spreadsheet-safe CSV cells.
     *
     * @param report the evaluation
     * @param format CSV or JSON
     * @param out    where to write; flushed, not closed
     * @return the rows written
     * @throws IOException when writing fails
     */
    public static long write(EvaluationReport report, Tables.Format format, Writer out) throws IOException {
        return write(report, format, out, Redactor.standard(), true);
    }

    /**
     * Writes the report's cases with texts as stored: for data that never leaves the team's own systems.
     *
     * @param report the evaluation
     * @param format CSV or JSON
     * @param out    where to write; flushed, not closed
     * @return the rows written
     * @throws IOException when writing fails
     */
    public static long writeUnredacted(EvaluationReport report, Tables.Format format, Writer out) throws IOException {
        return write(report, format, out, null, true);
    }

    /**
     * Writes the report's cases.
     *
     * @param report          the evaluation
     * @param format          CSV or JSON
     * @param out             where to write; flushed, not closed
     * @param redactor        how texts are redacted; null writes them as stored
     * @param spreadsheetSafe prefix CSV text cells that a spreadsheet would evaluate as formulas with {@code '}
     * @return the rows written
     * @throws IOException when writing fails
     */
    public static long write(
            EvaluationReport report,
            Tables.Format format,
            Writer out,
            @Nullable Redactor redactor,
            boolean spreadsheetSafe)
            throws IOException {
        Objects.requireNonNull(report, "report");
        Tables table = Tables.start(format, out, COLUMNS, spreadsheetSafe);
        for (EvaluationReport.CaseResult c : report.cases()) {
            for (Map.Entry<String, EvaluationReport.ModelAnswer> e : c.answers().entrySet()) {
                String model = e.getKey();
                EvaluationReport.ModelAnswer a = e.getValue();
                String role = model.equals(report.candidateModel())
                        ? "candidate"
                        : model.equals(report.baseModel()) ? "base" : "other";
                table.row(
                        c.caseId(),
                        c.category(),
                        model,
                        role,
                        a.score(),
                        a.passed(),
                        a.error(),
                        a.cached(),
                        a.latencyMillis(),
                        a.promptTokens(),
                        a.completionTokens(),
                        text(redactor, c.question()),
                        text(redactor, c.expected()),
                        text(redactor, a.text()));
            }
        }
        return table.finish();
    }

    private static String text(@Nullable Redactor redactor, String s) {
        return redactor == null ? s : redactor.redact(s).text();
    }
}
