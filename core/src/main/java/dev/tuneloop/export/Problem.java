package dev.tuneloop.export;

import java.util.Objects;

/**
 * One problem found in a JSONL file. The message says what is wrong and where (message index, key), never the
 * file's content, so it may be logged and shown.
 *
 * @param line     the 1-based line number; problems of the whole file ({@code too_few_examples}) carry the last line
 *                 (1 for an empty file)
 * @param code     the stable code
 * @param severity the code's severity
 * @param message  a human-readable explanation without content
 */
public record Problem(long line, ProblemCode code, Severity severity, String message) {
    /**
     * Checks the components.
     *
     * @param line     the 1-based line number; problems of the whole file ({@code too_few_examples}) carry the last line
     *                 (1 for an empty file)
     * @param code     the stable code
     * @param severity the code's severity
     * @param message  a human-readable explanation without content
     * @throws NullPointerException     when code, severity or message is null
     * @throws IllegalArgumentException when {@code line < 1}
     */
    public Problem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        if (line < 1) {
            throw new IllegalArgumentException("line must be >= 1, but was " + line);
        }
    }

    /** A problem with the code's own severity. */
    static Problem of(long line, ProblemCode code, String message) {
        return new Problem(line, code, code.severity(), message);
    }
}
