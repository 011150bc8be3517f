package dev.tuneloop.export;

import dev.tuneloop.curate.ExampleId;
import java.util.List;
import java.util.Objects;

/**
 * What an import did.
 *
 * <p>When {@link #committed()} is false nothing was stored: the file had problems and {@link ImportOptions#skipInvalid()}
 * was off (all or nothing). When it is true, every row without a problem was stored and {@link #problems()} lists the
 * skipped rows (empty when the whole file was imported).
 *
 * @param format     the format read
 * @param sourceName the file's name
 * @param rows       the rows read (not counting a CSV header, blank JSONL lines or rows past the maximum)
 * @param imported   the stored examples' ids, in file order; empty when nothing was committed
 * @param heldOut    how many of the imported examples went to the frozen holdout
 * @param problems   every problem, in line order
 * @param committed  whether the valid rows were stored
 */
public record ImportReport(
        ImportFormat format,
        String sourceName,
        int rows,
        List<ExampleId> imported,
        int heldOut,
        List<ImportProblem> problems,
        boolean committed) {

    /**
     * Copies the lists.
     *
     * @param format     the format read
     * @param sourceName the file's name
     * @param rows       the rows read
     * @param imported   the stored examples' ids
     * @param heldOut    how many imported examples are held out
     * @param problems   every problem, in line order
     * @param committed  whether the valid rows were stored
     * @throws NullPointerException when a part is null
     */
    public ImportReport {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(sourceName, "sourceName");
        imported = List.copyOf(imported);
        problems = List.copyOf(problems);
    }

    /**
     * Whether every row was imported.
     *
     * @return true when committed without a problem
     */
    public boolean ok() {
        return committed && problems.isEmpty();
    }

    /**
     * The number of rows with at least one problem.
     *
     * @return distinct lines among {@link #problems()}
     */
    public long invalidRows() {
        return problems.stream().mapToLong(ImportProblem::line).distinct().count();
    }

    @Override
    public String toString() {
        return "ImportReport[" + format + " " + sourceName + ", rows=" + rows + ", imported=" + imported.size()
                + ", heldOut=" + heldOut + ", invalidRows=" + invalidRows() + ", committed=" + committed + "]";
    }
}
