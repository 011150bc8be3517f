package dev.tuneloop.dedup;

import dev.tuneloop.errors.ValidationException;
import org.jspecify.annotations.Nullable;

/**
 * Two texts whose normalized shingle sets have an exact Jaccard similarity at or above a detector's threshold.
 *
 * <p>From {@link NearDuplicateDetector#findPairs}: {@code first} and {@code second} are both keys of the input map, and
 * {@code first} sorts before {@code second}. From {@link NearDuplicateDetector.Index#matches}: {@code first} is the
 * indexed key and {@code second} is {@code null} (the probe text has no key). Immutable.
 *
 * @param first   a key; never null
 * @param second  the other key, or null for an index match
 * @param jaccard the exact Jaccard similarity, in [0, 1]
 * @param <K>     the key type
 */
public record DuplicatePair<K>(K first, @Nullable K second, double jaccard) {

    /**
     * Checks the pair.
     *
     * @param first   a key; never null
     * @param second  the other key, or null for an index match
     * @param jaccard the exact Jaccard similarity, in [0, 1]
     * @throws ValidationException when {@code first} is null or {@code jaccard} is outside [0, 1]
     */
    public DuplicatePair {
        if (first == null) {
            throw new ValidationException("first is required, but was null");
        }
        if (!(jaccard >= 0.0 && jaccard <= 1.0)) {
            throw new ValidationException("jaccard must be between 0 and 1, but was " + jaccard);
        }
    }
}
