package dev.tuneloop.admin;

import java.nio.file.Path;

/**
 * What {@code GET /admin/export/jsonl} serves: writes the training file of approved examples to a file, which the
 * server then streams and deletes. Usually a {@code JsonlExporter}.
 *
 * <p>Implementations must be thread-safe: two admins may export at once.
 */
@FunctionalInterface
public interface JsonlSource {

    /**
     * Writes every exportable example scored at least {@code minQuality} to {@code target} as JSONL, one example a
     * line, and returns how many lines it wrote.
     *
     * @param minQuality 1 to 10 (already checked by the server)
     * @param target     a file in the server's work directory; it may exist (empty) and is replaced
     * @throws dev.tuneloop.ValidationException when the examples fail the provider's rules (listing the problems)
     * @throws dev.tuneloop.RetriableException  when the store is unavailable
     */
    long export(int minQuality, Path target);
}
