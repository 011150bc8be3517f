package dev.tuneloop.record;

import dev.tuneloop.internal.Checks;
import java.util.Objects;

/**
 * A thumbs up or down. The latest rating of an interaction wins.
 *
 * @param value   up or down; required
 * @param comment the user's optional comment; may be null, at most 8 KiB
 */
public record Rating(Value value, String comment) implements Feedback {

    /** Maximum UTF-8 bytes of a comment. */
    public static final int MAX_COMMENT_BYTES = 8 * 1024;

    /** Thumbs up or down; {@link #sqlValue()} is the seed's {@code feedback_rating} column (1 / -1). */
    public enum Value {
        UP(1),
        DOWN(-1);

        private final int sqlValue;

        Value(int sqlValue) {
            this.sqlValue = sqlValue;
        }

        /** 1 for up, -1 for down, as in the seed's {@code feedback_rating} column. */
        public int sqlValue() {
            return sqlValue;
        }

        /** @throws IllegalArgumentException unless {@code v} is 1 or -1 */
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

    public Rating {
        Objects.requireNonNull(value, "value");
        Checks.start().text("comment", comment, false, MAX_COMMENT_BYTES).orThrow();
    }

    public static Rating up() {
        return UP;
    }

    public static Rating down() {
        return DOWN;
    }

    public static Rating up(String comment) {
        return new Rating(Value.UP, comment);
    }

    public static Rating down(String comment) {
        return new Rating(Value.DOWN, comment);
    }

    @Override
    public String toString() {
        return "Rating[" + value + (comment == null ? "" : ", commentChars=" + comment.length()) + "]";
    }
}
