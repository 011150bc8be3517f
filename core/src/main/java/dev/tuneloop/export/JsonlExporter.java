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

    /** An exporter over {@code store}, with the standard near-duplicate detector for the holdout leak check. */
    static JsonlExporter create(ExampleStore store) {
        return new StoreJsonlExporter(Objects.requireNonNull(store, "store"), NearDuplicateDetector.create());
    }

    /** An exporter over {@code store} that uses {@code holdoutLeaks} to find training examples too close to the holdout. */
    static JsonlExporter create(ExampleStore store, NearDuplicateDetector holdoutLeaks) {
        return new StoreJsonlExporter(
                Objects.requireNonNull(store, "store"), Objects.requireNonNull(holdoutLeaks, "holdoutLeaks"));
    }

    /**
     * Writes the examples to {@code out}, which is flushed but not closed.
     *
     * @throws dev.tuneloop.errors.ValidationException when the options ask for a validation split (use the two-output form)
     */
    ExportReport export(ExportOptions options, OutputStream out);

    /** Writes the examples to {@code file}, atomically. */
    ExportReport export(ExportOptions options, Path file);

    /**
     * Writes the training examples to {@code train} and the validation share to {@code validation} (flushed, not
     * closed).
     *
     * @throws dev.tuneloop.errors.ValidationException when the options' {@code validationShare} is 0
     */
    ExportReport export(ExportOptions options, OutputStream train, OutputStream validation);

    /**
     * Writes the training and validation files, each atomically; the validation file is renamed into place first, so
     * a complete training file always has its validation file beside it.
     *
     * @throws dev.tuneloop.errors.ValidationException when the options' {@code validationShare} is 0, or both paths are the same
     */
    ExportReport export(ExportOptions options, Path trainFile, Path validationFile);
}
