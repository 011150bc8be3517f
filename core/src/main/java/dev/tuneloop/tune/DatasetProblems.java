package dev.tuneloop.tune;

import dev.tuneloop.export.Problem;
import dev.tuneloop.export.Severity;
import dev.tuneloop.export.ValidationResult;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a {@link ValidationResult}'s errors as a dataset's problem lines ({@code "train.jsonl line 3 invalid_json:
 * …"}): file name, line number, stable code and the validator's message, which never quotes content. Shared by the
 * exporter source and the launcher so both word the export validator's findings the same way.
 */
final class DatasetProblems {
    private DatasetProblems() {}

    /**
     * Adds at most {@code maxListed} of the result's errors (warnings never block a launch), then, when not every
     * error was listed (or the validator kept only part of its problems), one line with the total.
     */
    static void addErrors(List<String> problems, Path file, ValidationResult result, long maxListed) {
        long listed = 0;
        for (Problem p : result.problems()) {
            if (p.severity() == Severity.ERROR && listed < maxListed) {
                problems.add(file.getFileName() + " line " + p.line() + " "
                        + p.code().code() + ": " + p.message());
                listed++;
            }
        }
        if (result.problemsTruncated() || result.errors() > listed) {
            problems.add(file.getFileName() + " has " + result.errors() + " errors in all");
        }
    }
}
