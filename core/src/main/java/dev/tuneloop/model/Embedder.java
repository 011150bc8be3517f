package dev.tuneloop.model;

import java.util.List;

/**
 * Turns texts into vectors (for semantic similarity). All vectors of one embedder have the same length.
 *
 * <p>Implementations are thread-safe. Exceptions never carry the texts.
 */
public interface Embedder {

    /**
     * Embeds every text, in order.
     *
     * @param texts the texts to embed
     * @return one vector per text, in the order of {@code texts}; empty for an empty list
     * @throws dev.tuneloop.errors.RetriableException when the call may succeed later
     * @throws dev.tuneloop.errors.TuneloopException  for any other failure
     */
    List<float[]> embed(List<String> texts);

    /**
     * Embeds one text.
     *
     * @param text the text to embed
     * @return its vector
     * @throws dev.tuneloop.errors.RetriableException when the call may succeed later
     * @throws dev.tuneloop.errors.TuneloopException  for any other failure
     */
    default float[] embed(String text) {
        return embed(List.of(text)).get(0);
    }

    /**
     * Cosine similarity of two vectors of equal length, in [-1, 1]; 0 when either is all zeros. Accumulates in
     * {@code double} and clamps, so rounding never leaves the range.
     *
     * @param a one vector
     * @param b the other vector, as long as {@code a}
     * @return the cosine of the angle between them, in [-1, 1]
     * @throws IllegalArgumentException when the lengths differ
     */
    static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(
                    "vectors must have the same length, but had " + a.length + " and " + b.length);
        }
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        if (na == 0 || nb == 0) {
            return 0;
        }
        return Math.max(-1, Math.min(1, dot / (Math.sqrt(na) * Math.sqrt(nb))));
    }
}
