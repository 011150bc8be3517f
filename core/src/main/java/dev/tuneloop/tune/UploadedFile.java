package dev.tuneloop.tune;

import dev.tuneloop.errors.Checks;
import java.time.Instant;

/**
 * A file the provider holds, uploaded for fine-tuning.
 *
 * @param id        the provider's file id, e.g. {@code "file-abc123"}; never null
 * @param filename  the name it was uploaded under; never null
 * @param bytes     its size in bytes, &ge; 0
 * @param purpose   the provider's purpose, {@code "fine-tune"} for training files; never null
 * @param createdAt when the provider stored it; never null
 */
public record UploadedFile(String id, String filename, long bytes, String purpose, Instant createdAt) {
    /** The purpose every training and validation file is uploaded with: {@value}. */
    public static final String FINE_TUNE_PURPOSE = "fine-tune";

    /**
     * Validates every part.
     *
     * @param id        the provider's file id, e.g. {@code "file-abc123"}; never null
     * @param filename  the name it was uploaded under; never null
     * @param bytes     its size in bytes, &ge; 0
     * @param purpose   the provider's purpose, {@code "fine-tune"} for training files; never null
     * @param createdAt when the provider stored it; never null
     * @throws dev.tuneloop.errors.ValidationException listing every problem
     */
    public UploadedFile {
        Checks.start()
                .text("id", id, true, 256)
                .text("filename", filename, true, 1024)
                .require(bytes >= 0, "bytes must be >= 0, but was " + bytes)
                .text("purpose", purpose, true, 64)
                .require(createdAt != null, "createdAt is required, but was null")
                .orThrow();
    }
}
