package dev.tuneloop.internal;

import dev.tuneloop.errors.ValidationException;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects validation problems so a whole object or configuration reports all of them at once.
 * Not part of the API.
 */
public final class Checks {
    private List<String> problems;

    public static Checks start() {
        return new Checks();
    }

    /** Records {@code problem} unless {@code ok}. */
    public Checks require(boolean ok, String problem) {
        if (!ok) {
            add(problem);
        }
        return this;
    }

    public Checks add(String problem) {
        if (problems == null) {
            problems = new ArrayList<>(2);
        }
        problems.add(problem);
        return this;
    }

    /**
     * Checks a text field: non-null, optionally non-blank, at most {@code maxUtf8Bytes} UTF-8 bytes, no U+0000,
     * no unpaired surrogate. One pass over the characters.
     */
    public Checks text(String field, String value, boolean required, int maxUtf8Bytes) {
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

    public boolean ok() {
        return problems == null;
    }

    /** @throws ValidationException listing every problem, if there is any */
    public void orThrow() {
        if (problems != null) {
            throw new ValidationException(problems);
        }
    }
}
