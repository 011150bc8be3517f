package dev.tuneloop.export;

import java.util.Objects;

/**
 * Why one row of an imported file was not accepted: its line, the field and the rule it broke. The message names the
 * field, the rule and at most a short non-text value (a number, a category), never the row's question or answer.
 *
 * @param line    the line the row starts on, from 1 (a CSV row may span several lines)
 * @param field   the field or column, e.g. quality, answer or a JSON path; {@code row} for the
 *                whole row
 * @param rule    the rule broken
 * @param message what is wrong, for people
 */
public record ImportProblem(long line, String field, Rule rule, String message) {

    /**
     * Checks the parts.
     *
     * @param line    the line the row starts on, from 1
     * @param field   the field or column
     * @param rule    the rule broken
     * @param message what is wrong
     * @throws NullPointerException when a part is null
     * @throws IllegalArgumentException when {@code line} is below 1
     */
    public ImportProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
        if (line < 1) {
            throw new IllegalArgumentException("line must be >= 1, but was " + line);
        }
    }

    @Override
    public String toString() {
        return "line " + line + ": " + field + ": " + rule.code() + ": " + message;
    }

    /** The rules an imported row is checked against, each with a stable code for reports and scripts. */
    public enum Rule {
        /** The line is not one JSON object. */
        INVALID_JSON("invalid_json"),
        /** The CSV is malformed: an unterminated quote, a row with more cells than the header, a duplicate column. */
        INVALID_CSV("invalid_csv"),
        /** A required field or column is missing, null or of the wrong JSON type. */
        MISSING_FIELD("missing_field"),
        /** A field or column the format does not define. */
        UNRECOGNIZED_FIELD("unrecognized_field"),
        /** The conversation has the wrong shape (roles, order, last turn, parts). */
        INVALID_SHAPE("invalid_shape"),
        /** A value breaks its rule: a blank or invalid text, a quality outside 1-10, a category that is no slug. */
        INVALID_VALUE("invalid_value"),
        /** A category the configured taxonomy does not accept. */
        NOT_IN_TAXONOMY("category_not_in_taxonomy"),
        /** A near-duplicate of an approved example already stored or of an earlier row of the same file. */
        DUPLICATE("duplicate"),
        /**
         * Something Tuneloop does not import: Gemini {@code functionCall}/{@code functionResponse} parts and
         * {@code tools}, OpenAI's legacy {@code function_call} and role {@code function}.
         */
        UNSUPPORTED("unsupported"),
        /** The file has more rows than {@link ImportOptions#maxRows()}. */
        TOO_MANY_ROWS("too_many_rows");

        private final String code;

        Rule(String code) {
            this.code = code;
        }

        /**
         * The stable code.
         *
         * @return e.g. {@code invalid_value}
         */
        public String code() {
            return code;
        }
    }
}
