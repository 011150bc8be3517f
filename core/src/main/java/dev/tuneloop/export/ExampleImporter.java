package dev.tuneloop.export;

import dev.tuneloop.curate.CurationOptions;
import dev.tuneloop.curate.ExampleStore;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Imports golden examples written by experts (JSONL in a supervised preset, or CSV) into the example store as
 * approved, reviewed examples, through the checks a reviewed interaction goes through: the texts' rules, a category
 * the taxonomy accepts, a 1-10 quality, the record-time redactor, the frozen holdout's assignment, and a
 * near-duplicate check against the approved examples already stored and the file's earlier rows.
 *
 * <p><b>Nothing is half-imported.</b> Every row is read and checked first; by default a file with any problem stores
 * nothing and the report lists every problem with its line, field and rule. With {@link
 * ImportOptions#skipInvalid()} the valid rows are stored and the report lists the rows skipped. The rows to store are
 * written with {@link ExampleStore#insertAll}, in one transaction on the JDBC store, under one lock in memory.
 *
 * <p><b>Provenance.</b> Each example is marked imported ({@link dev.tuneloop.curate.TrainingExample#provenance()}: by
 * whom, the file's name, the row's line); its reviewer is the importer, its notes the row's notes. An imported
 * example has no recorded interaction: its {@code sourceInteractionId} is a new id that names none, its user is
 * {@value #IMPORT_USER_ID} and its model {@value #IMPORT_MODEL}. The answer is its original response, so it gives no
 * preference pair and a {@code true} KTO line.
 *
 * <p>Thread-safe; two imports running at once check duplicates against what was stored before each began.
 */
public interface ExampleImporter {
    /** The user id of imported examples (they belong to no end user, so erasing a user never removes them). */
    String IMPORT_USER_ID = "tuneloop:import";

    /** The {@code modelUsed} of imported examples: no model wrote their answers. */
    String IMPORT_MODEL = "import";

    /**
     * Reads, checks and (unless the file has problems and invalid rows are not skipped) stores the examples of one
     * file.
     *
     * @param in      the file's text; read to its end, not closed
     * @param options the format, the importer's name, the file's name and the rules
     * @return what was read, stored and found wrong
     * @throws UncheckedIOException when reading fails; nothing is stored then
     * @throws dev.tuneloop.errors.ConflictException when a concurrent write took an id the import was about to use;
     *     nothing is stored then
     */
    ImportReport importFrom(Reader in, ImportOptions options);

    /**
     * Imports a UTF-8 file; see {@link #importFrom(Reader, ImportOptions)}.
     *
     * @param file    the file
     * @param options the format, the importer's name, the file's name and the rules
     * @return what was read, stored and found wrong
     * @throws UncheckedIOException when the file cannot be read; nothing is stored then
     */
    default ImportReport importFile(Path file, ImportOptions options) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return importFrom(in, options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the import file " + file.getFileName(), e);
        }
    }

    /**
     * An importer into {@code examples}, with the taxonomy, holdout settings, redactor and clock of the curation.
     *
     * @param examples where the examples go
     * @param options  the curation's settings (use the same as the {@link dev.tuneloop.curate.Curator}'s)
     * @return a new importer
     * @throws NullPointerException when an argument is null
     */
    static ExampleImporter create(ExampleStore examples, CurationOptions options) {
        return new StoreExampleImporter(
                Objects.requireNonNull(examples, "examples"), Objects.requireNonNull(options, "options"));
    }
}
