package dev.tuneloop.export;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link JsonlValidator} found in one file. JSON-serializable (Jackson). Immutable.
 *
 * @param format                the examples' format, or null when no line had a recognizable shape
 * @param lines                 lines read (a final line without {@code \n} counts)
 * @param examples              lines that held a JSON object
 * @param errors                problems of severity ERROR (all of them, also past {@code maxProblems})
 * @param warnings              problems of severity WARNING (all of them)
 * @param countsByCode          problem count by stable code (all of them)
 * @param problems              the first problems in line order, at most the validator's {@code maxProblems}
 * @param problemsTruncated     whether more problems were found than {@code problems} holds
 * @param distinctSystemPrompts how many different first system prompts the examples have (counted up to 10 000)
 * @param tokens                tokens of the examples without errors in their structure
 * @param desirable             KTO lines labelled {@code true} (0 for other formats)
 * @param undesirable           KTO lines labelled {@code false} (0 for other formats)
 */
public record ValidationResult(
        @Nullable ExportFormat format,
        long lines,
        long examples,
        long errors,
        long warnings,
        Map<String, Long> countsByCode,
        List<Problem> problems,
        boolean problemsTruncated,
        int distinctSystemPrompts,
        TokenStats tokens,
        long desirable,
        long undesirable) {
    /**
     * Copies the map and the list.
     *
     * @param format                the examples' format, or null when no line had a recognizable shape
     * @param lines                 lines read (a final line without {@code \n} counts)
     * @param examples              lines that held a JSON object
     * @param errors                problems of severity ERROR (all of them, also past {@code maxProblems})
     * @param warnings              problems of severity WARNING (all of them)
     * @param countsByCode          problem count by stable code (all of them)
     * @param problems              the first problems in line order, at most the validator's {@code maxProblems}
     * @param problemsTruncated     whether more problems were found than {@code problems} holds
     * @param distinctSystemPrompts how many different first system prompts the examples have (counted up to 10 000)
     * @param tokens                tokens of the examples without errors in their structure
     * @param desirable             KTO lines labelled {@code true} (0 for other formats)
     * @param undesirable           KTO lines labelled {@code false} (0 for other formats)
     * @throws NullPointerException when countsByCode, problems or tokens is null
     */
    public ValidationResult {
        countsByCode = Map.copyOf(countsByCode);
        problems = List.copyOf(problems);
        Objects.requireNonNull(tokens, "tokens");
    }

    /**
     * A result without KTO labels (the form before labels were counted).
     *
     * @param format                the examples' format, or null when no line had a recognizable shape
     * @param lines                 lines read (a final line without {@code \n} counts)
     * @param examples              lines that held a JSON object
     * @param errors                problems of severity ERROR (all of them, also past {@code maxProblems})
     * @param warnings              problems of severity WARNING (all of them)
     * @param countsByCode          problem count by stable code (all of them)
     * @param problems              the first problems in line order, at most the validator's {@code maxProblems}
     * @param problemsTruncated     whether more problems were found than {@code problems} holds
     * @param distinctSystemPrompts how many different first system prompts the examples have (counted up to 10 000)
     * @param tokens                tokens of the examples without errors in their structure
     * @throws NullPointerException when countsByCode, problems or tokens is null
     */
    public ValidationResult(
            @Nullable ExportFormat format,
            long lines,
            long examples,
            long errors,
            long warnings,
            Map<String, Long> countsByCode,
            List<Problem> problems,
            boolean problemsTruncated,
            int distinctSystemPrompts,
            TokenStats tokens) {
        this(
                format,
                lines,
                examples,
                errors,
                warnings,
                countsByCode,
                problems,
                problemsTruncated,
                distinctSystemPrompts,
                tokens,
                0,
                0);
    }

    /**
     * Whether a provider should accept the file.
     *
     * @return true when there is no ERROR (warnings allowed)
     */
    @JsonIgnore
    public boolean ok() {
        return errors == 0;
    }

    /**
     * How many problems of a code were found.
     *
     * @param code the code
     * @return the count, also of problems past {@code maxProblems}; 0 when none
     */
    public long count(ProblemCode code) {
        return countsByCode.getOrDefault(code.code(), 0L);
    }
}
