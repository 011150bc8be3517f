package dev.tuneloop.record;

import dev.tuneloop.errors.Checks;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A thumbs up or down. The latest rating of an interaction wins. {@link #toString()} shows the size of the comment,
 * never the comment.
 *
 * @param value   up or down; required
 * @param comment the user's optional comment; may be null, at most {@link #MAX_COMMENT_BYTES} UTF-8 bytes
 */
public record Rating(Value value, @Nullable String comment) implements Feedback {

    /** Maximum UTF-8 bytes of a comment. */
    public static final int MAX_COMMENT_BYTES = 8 * 1024;

    /** Thumbs up or down; {@link #sqlValue()} is the seed's {@code feedback_rating} column (1 / -1). */
    public enum Value {
        /** Thumbs up: the answer was good. */
        UP(1),
        /** Thumbs down: the answer was bad. */
        DOWN(-1);

        private final int sqlValue;

        Value(int sqlValue) {
            this.sqlValue = sqlValue;
        }

        /**
         * The value as the seed's {@code feedback_rating} column stores it.
         *
         * @return 1 for up, -1 for down
         */
        public int sqlValue() {
            return sqlValue;
        }

        /**
         * The value a {@code feedback_rating} column holds.
         *
         * @param v 1 or -1
         * @return {@link #UP} for 1, {@link #DOWN} for -1
         * @throws IllegalArgumentException unless {@code v} is 1 or -1
         */
        public static Value fromSql(int v) {
            if (v == 1) {
                return UP;
            }
            if (v == -1) {
                return DOWN;
            }
            throw new IllegalArgumentException("feedback_rating must be 1 or -1, but was " + v);
        }
    }

    private static final Rating UP = new Rating(Value.UP, null);
    private static final Rating DOWN = new Rating(Value.DOWN, null);

    /**
     * Checks the rating.
     *
     * @param value   up or down; required
     * @param comment the user's optional comment; may be null, at most {@link #MAX_COMMENT_BYTES} UTF-8 bytes
     * @throws NullPointerException when {@code value} is null
     * @throws dev.tuneloop.errors.ValidationException when the comment is too large or not valid Unicode
     */
    public Rating {
        Objects.requireNonNull(value, "value");
        Checks.start().text("comment", comment, false, MAX_COMMENT_BYTES).orThrow();
    }

    /**
     * A thumbs up without a comment.
     *
     * @return the shared instance
     */
    public static Rating up() {
        return UP;
    }

    /**
     * A thumbs down without a comment.
     *
     * @return the shared instance
     */
    public static Rating down() {
        return DOWN;
    }

    /**
     * A thumbs up with the user's comment.
     *
     * @param comment the comment; at most {@link #MAX_COMMENT_BYTES} UTF-8 bytes
     * @return the rating
     * @throws dev.tuneloop.errors.ValidationException when the comment is too large or not valid Unicode
     */
    public static Rating up(String comment) {
        return new Rating(Value.UP, comment);
    }

    /**
     * A thumbs down with the user's comment.
     *
     * @param comment the comment; at most {@link #MAX_COMMENT_BYTES} UTF-8 bytes
     * @return the rating
     * @throws dev.tuneloop.errors.ValidationException when the comment is too large or not valid Unicode
     */
    public static Rating down(String comment) {
        return new Rating(Value.DOWN, comment);
    }

    @Override
    public String toString() {
        return "Rating[" + value + (comment == null ? "" : ", commentChars=" + comment.length()) + "]";
    }
}
