package dev.tuneloop.export;

import dev.tuneloop.curate.ExampleStore;
import dev.tuneloop.dedup.NearDuplicateDetector;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Streams approved training examples from an {@link ExampleStore} into provider-ready JSONL: supervised
 * ({@code {"messages":[…]}}) or preference pairs (DPO), filtered by quality (default 6; scores 1-4 never), categories,
 * review dates and a limit; redacted; with holdout examples and their near-duplicates kept out; every written line
 * validated and token-counted; and a report with counts, tokens, epochs, cost and time estimates.
 *
 * <p>Bytes: UTF-8 without BOM, one compact JSON object per line, each ending in {@code \n}, no other whitespace
 * between tokens. Memory stays constant in the number of examples (one line at a time); only the holdout's index for
 * the near-duplicate check grows, with the holdout.
 *
 * <p>Writing to a {@link Path} is atomic: the file appears complete under its name or not at all (a temporary file in
 * the same folder, forced to disk, then renamed with {@code ATOMIC_MOVE}); a failed export deletes its temporary file
 * and leaves any previous file untouched.
 *
 * <p>Failures are loud: a store error propagates as thrown; an I/O error becomes a
 * {@link dev.tuneloop.errors.TuneloopException} naming the file and how many lines were written; bad options a
 * {@link dev.tuneloop.errors.ValidationException}. Thread-safe: concurrent exports are independent.
 */
public interface JsonlExporter {

    /**
     * An exporter over a store, with the standard near-duplicate detector for the holdout leak check.
     *
     * @param store where the approved examples are read from
     * @return the exporter
     */
    static JsonlExporter create(ExampleStore store) {
        return new StoreJsonlExporter(Objects.requireNonNull(store, "store"), NearDuplicateDetector.create());
    }

    /**
     * An exporter over a store that can also add rated, never-reviewed interactions to a {@link ExportFormat#TRL_KTO} or
     * {@link ExportFormat#CHAT_KTO} file ({@link ExportOptions.Builder#includeRatedInteractions(boolean)}), with the standard near-duplicate
     * detector.
     *
     * @param store        where the approved examples are read from
     * @param interactions where the rated interactions are read from (the same store's interactions)
     * @return the exporter
     */
    static JsonlExporter create(ExampleStore store, dev.tuneloop.record.InteractionStore interactions) {
        return new StoreJsonlExporter(
                Objects.requireNonNull(store, "store"),
                NearDuplicateDetector.create(),
                Objects.requireNonNull(interactions, "interactions"));
    }

    /**
     * An exporter over a store that can also add rated interactions to a {@link ExportFormat#TRL_KTO} file and the
     * pairs reviewers marked to a preference file ({@link ExportOptions.Builder#includeMarkedPairs(boolean)}), with
     * the standard near-duplicate detector.
     *
     * @param store        where the approved examples are read from
     * @param interactions where the rated interactions are read from (the same store's interactions)
     * @param pairs        where the marked pairs are read from (the same store's {@code preferencePairs()})
     * @return the exporter
     */
    static JsonlExporter create(
            ExampleStore store,
            dev.tuneloop.record.InteractionStore interactions,
            dev.tuneloop.curate.PreferencePairStore pairs) {
        return new StoreJsonlExporter(
                Objects.requireNonNull(store, "store"),
                NearDuplicateDetector.create(),
                Objects.requireNonNull(interactions, "interactions"),
                Objects.requireNonNull(pairs, "pairs"));
    }

    /**
     * An exporter over a store with its own near-duplicate detector.
     *
     * @param store        where the approved examples are read from
     * @param holdoutLeaks finds training examples too close to a holdout example
     * @return the exporter
     */
    static JsonlExporter create(ExampleStore store, NearDuplicateDetector holdoutLeaks) {
        return new StoreJsonlExporter(
                Objects.requireNonNull(store, "store"), Objects.requireNonNull(holdoutLeaks, "holdoutLeaks"));
    }

    /**
     * Writes the examples to a stream, which is flushed but not closed.
     *
     * @param options what to write
     * @param out     where to write it
     * @return what was written, skipped and found
     * @throws dev.tuneloop.errors.ValidationException when the options ask for a validation split (use the two-output
     *     form)
     * @throws dev.tuneloop.errors.TuneloopException   when writing fails
     */
    ExportReport export(ExportOptions options, OutputStream out);

    /**
     * Writes the examples to a file, atomically.
     *
     * @param options what to write
     * @param file    the file, replaced when it exists
     * @return what was written, skipped and found
     * @throws dev.tuneloop.errors.ValidationException when the options ask for a validation split (use the two-file
     *     form)
     * @throws dev.tuneloop.errors.TuneloopException   when writing fails; the file is then left as it was
     */
    ExportReport export(ExportOptions options, Path file);

    /**
     * Writes the training examples to {@code train} and the validation share to {@code validation} (flushed, not
     * closed).
     *
     * @param options    what to write; with a {@code validationShare} above 0
     * @param train      where the training lines go
     * @param validation where the validation lines go
     * @return what was written, skipped and found
     * @throws dev.tuneloop.errors.ValidationException when the options' {@code validationShare} is 0
     * @throws dev.tuneloop.errors.TuneloopException   when writing fails
     */
    ExportReport export(ExportOptions options, OutputStream train, OutputStream validation);

    /**
     * Writes the training and validation files, each atomically; the validation file is renamed into place first, so
     * a complete training file always has its validation file beside it.
     *
     * @param options        what to write; with a {@code validationShare} above 0
     * @param trainFile      the training file, replaced when it exists
     * @param validationFile the validation file, replaced when it exists
     * @return what was written, skipped and found
     * @throws dev.tuneloop.errors.ValidationException when the options' {@code validationShare} is 0, or both paths are
     *     the same
     * @throws dev.tuneloop.errors.TuneloopException   when writing fails; both files are then left as they were
     */
    ExportReport export(ExportOptions options, Path trainFile, Path validationFile);
}
