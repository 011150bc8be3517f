package dev.tuneloop.curate;

import java.util.List;
import java.util.Objects;

/**
 * One run of a word-level diff between an original and an edited text (see {@link WordDiff}).
 *
 * <p>Concatenating the {@link Kind#EQUAL} and {@link Kind#DELETE} runs in order gives the original text exactly;
 * concatenating the {@link Kind#EQUAL} and {@link Kind#INSERT} runs gives the edited text exactly, whitespace included.
 *
 * @param kind whether the run is in both texts, only in the edited one, or only in the original one; never null
 * @param text the run's text, never null or empty; it may hold whitespace
 */
public record DiffOp(Kind kind, String text) {

    /** What a run is. */
    public enum Kind {
        /** In both texts. */
        EQUAL,
        /** Only in the edited text. */
        INSERT,
        /** Only in the original text. */
        DELETE
    }

    /**
     * Checks the run.
     *
     * @param kind whether the run is in both texts, only in the edited one, or only in the original one; never null
     * @param text the run's text, never null or empty; it may hold whitespace
     * @throws NullPointerException     when {@code kind} or {@code text} is null
     * @throws IllegalArgumentException when {@code text} is empty
     */
    public DiffOp {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("a diff run's text must not be empty");
        }
    }

    /**
     * The original text that {@code ops} were computed from: its EQUAL and DELETE runs.
     *
     * @param ops the runs of one diff, in order
     * @return the original text
     */
    public static String original(List<DiffOp> ops) {
        StringBuilder sb = new StringBuilder();
        for (DiffOp op : ops) {
            if (op.kind != Kind.INSERT) {
                sb.append(op.text);
            }
        }
        return sb.toString();
    }

    /**
     * The edited text that {@code ops} were computed from: its EQUAL and INSERT runs.
     *
     * @param ops the runs of one diff, in order
     * @return the edited text
     */
    public static String edited(List<DiffOp> ops) {
        StringBuilder sb = new StringBuilder();
        for (DiffOp op : ops) {
            if (op.kind != Kind.DELETE) {
                sb.append(op.text);
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        // never the text: it may hold personal data
        return "DiffOp[" + kind + ", chars=" + text.length() + "]";
    }
}
