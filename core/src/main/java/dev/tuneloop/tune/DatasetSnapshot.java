package dev.tuneloop.tune;

import dev.tuneloop.curate.ExampleId;
import dev.tuneloop.errors.Checks;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.internal.Sha256;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Exactly which data a model version was trained on: the SHA-256 of the uploaded training file's bytes, how many
 * examples (lines) it holds, and the ids of those examples in file order when the producer could name them. Two
 * versions trained on the same bytes have the same hash.
 *
 * @param contentSha256 64 lowercase hex digits; never null
 * @param exampleCount  the examples (lines) in the file, &ge; 0; equal to {@code exampleIds.size()} when ids are given
 * @param exampleIds    the examples in the file, in file order, without duplicates; empty when the producer could not
 *                      name them; never null
 */
public record DatasetSnapshot(String contentSha256, int exampleCount, List<ExampleId> exampleIds) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /**
     * Validates every part and copies the ids.
     *
     * @param contentSha256 64 lowercase hex digits; never null
     * @param exampleCount  the examples (lines) in the file, &ge; 0; equal to {@code exampleIds.size()} when ids are given
     * @param exampleIds    the examples in the file, in file order, without duplicates; empty when the producer could not
     *                      name them; never null
     * @throws ValidationException listing every problem
     */
    public DatasetSnapshot {
        Checks c = Checks.start();
        if (contentSha256 == null || !SHA256.matcher(contentSha256).matches()) {
            c.add("contentSha256 must be 64 lowercase hex digits, but was "
                    + (contentSha256 == null ? "null" : "\"" + contentSha256 + "\""));
        }
        c.require(exampleCount >= 0, "exampleCount must be >= 0, but was " + exampleCount);
        if (exampleIds == null) {
            c.add("exampleIds is required (use an empty list), but was null");
        } else {
            if (!exampleIds.isEmpty() && exampleIds.size() != exampleCount) {
                c.add("exampleCount must equal the number of exampleIds (" + exampleIds.size() + "), but was "
                        + exampleCount);
            }
            Set<ExampleId> seen = new HashSet<>();
            for (ExampleId id : exampleIds) {
                if (id == null) {
                    c.add("exampleIds must not contain null");
                    break;
                }
                if (!seen.add(id)) {
                    c.add("exampleIds must not contain duplicates, but " + id + " appears twice");
                    break;
                }
            }
        }
        c.orThrow();
        exampleIds = List.copyOf(exampleIds);
    }

    /**
     * A snapshot that names its examples: the count is the number of ids.
     *
     * @param contentSha256 64 lowercase hex digits
     * @param exampleIds    the examples in the file, in file order, without duplicates
     * @throws ValidationException listing every problem
     */
    public DatasetSnapshot(String contentSha256, List<ExampleId> exampleIds) {
        this(contentSha256, exampleIds == null ? 0 : exampleIds.size(), exampleIds);
    }

    /**
     * The snapshot of {@code file}'s bytes with these example ids.
     *
     * @param file       the training file
     * @param exampleIds the examples in the file, in file order; empty when unknown
     * @return the snapshot
     * @throws ValidationException when the file cannot be read or an id breaks a rule
     */
    public static DatasetSnapshot of(Path file, List<ExampleId> exampleIds) {
        return new DatasetSnapshot(sha256(file), exampleIds);
    }

    /**
     * SHA-256 of a file's bytes as lowercase hex, read in a streaming way.
     *
     * @param file the file
     * @return 64 lowercase hex digits
     * @throws ValidationException naming the file, when it cannot be read
     */
    public static String sha256(Path file) {
        try {
            return Sha256.hex(Sha256.of(file));
        } catch (IOException e) {
            throw new ValidationException("file " + file + " must be readable, but reading failed: " + e);
        }
    }

    /**
     * Whether the producer named the examples.
     *
     * @return true when there is one id per example (ids given, or an empty file)
     */
    public boolean namesExamples() {
        return exampleIds.size() == exampleCount;
    }
}
