package dev.tuneloop.errors;

import java.util.List;
import java.util.Objects;

/**
 * Input broke one or more rules. {@link #problems()} lists every problem found, each naming the field,
 * the rule and (for non-text values) the value, e.g. {@code "maxBatchSize must be > 0, but was -1"}.
 */
public class ValidationException extends TuneloopException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public ValidationException(List<String> problems) {
        super(join(problems));
        this.problems = List.copyOf(problems);
    }

    public ValidationException(String problem) {
        this(List.of(Objects.requireNonNull(problem, "problem")));
    }

    /** Every problem found, in the order they were checked; never empty. */
    public List<String> problems() {
        return problems;
    }

    private static String join(List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ValidationException needs at least one problem");
        }
        return problems.size() == 1 ? problems.get(0) : problems.size() + " problems: " + String.join("; ", problems);
    }
}
