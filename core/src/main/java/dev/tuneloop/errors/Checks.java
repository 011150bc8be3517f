package dev.tuneloop.errors;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Collects validation problems so a whole object or configuration reports all of them at once.
 * Adapters use it too, so that every module reports bad input the same way. Not thread-safe: one instance per
 * validation.
 */
public final class Checks {
    private @Nullable List<String> problems; // allocated at the first problem: valid input allocates nothing

    private Checks() {}

    /**
     * Starts a validation with no problems.
     *
     * @return a new, empty collector
     */
    public static Checks start() {
        return new Checks();
    }

    /**
     * Records {@code problem} unless {@code ok}.
     *
     * @param ok whether the rule holds
     * @param problem the field, the rule and the value, recorded when the rule does not hold
     * @return this collector
     */
    public Checks require(boolean ok, String problem) {
        if (!ok) {
            add(problem);
        }
        return this;
    }

    /**
     * Records a problem.
     *
     * @param problem the field, the rule and the value
     * @return this collector
     */
    public Checks add(String problem) {
        if (problems == null) {
            problems = new ArrayList<>(2);
        }
        problems.add(problem);
        return this;
    }

    /**
     * Checks a text field: non-null, optionally non-blank, at most {@code maxUtf8Bytes} UTF-8 bytes, no U+0000,
     * no unpaired surrogate. One pass over the characters. A null value is a problem only when {@code required}; a
     * required value that is empty or blank is one problem, and its other rules are then not checked. The value itself
     * never appears in a problem.
     *
     * @param field the field's name, as the problem names it
     * @param value the text; may be null
     * @param required whether null, empty and blank are problems
     * @param maxUtf8Bytes the most UTF-8 bytes the text may have
     * @return this collector
     */
    public Checks text(String field, @Nullable String value, boolean required, int maxUtf8Bytes) {
        if (value == null) {
            if (required) {
                add(field + " is required, but was null");
            }
            return this;
        }
        if (required && value.isBlank()) {
            add(field + " must not be empty or blank");
            return this;
        }
        String problem = Texts.problem(value, maxUtf8Bytes);
        if (problem != null) {
            add(field + " " + problem);
        }
        return this;
    }

    /**
     * Whether no problem was recorded so far.
     *
     * @return true when every check passed
     */
    public boolean ok() {
        return problems == null;
    }

    /**
     * Ends the validation: throws if any problem was recorded.
     *
     * @throws ValidationException listing every problem, in the order they were recorded, if there is any
     */
    public void orThrow() {
        if (problems != null) {
            throw new ValidationException(problems);
        }
    }
}
