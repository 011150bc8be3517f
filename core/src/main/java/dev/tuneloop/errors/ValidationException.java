package dev.tuneloop.errors;

import java.util.List;
import java.util.Objects;

/**
 * Input broke one or more rules. {@link #problems()} lists every problem found, each naming the field,
 * the rule and (for non-text values) the value, e.g. {@code "maxBatchSize must be > 0, but was -1"}. The message is
 * the single problem, or {@code "<n> problems: "} followed by all of them separated by {@code "; "}.
 */
public class ValidationException extends TuneloopException {
    private static final long serialVersionUID = 1L;

    /** Every problem found, in the order they were checked; never empty and unmodifiable. */
    private final List<String> problems;

    /**
     * An exception listing several problems.
     *
     * @param problems every problem found, in the order they were checked; copied
     * @throws IllegalArgumentException when {@code problems} is empty
     * @throws NullPointerException when {@code problems} or one of its elements is null
     */
    public ValidationException(List<String> problems) {
        super(join(problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * An exception for a single problem.
     *
     * @param problem the field, the rule and (for non-text values) the value
     * @throws NullPointerException when {@code problem} is null
     */
    public ValidationException(String problem) {
        this(List.of(Objects.requireNonNull(problem, "problem")));
    }

    /**
     * Every problem found.
     *
     * @return the problems in the order they were checked; never empty, unmodifiable
     */
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
