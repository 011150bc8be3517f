/**
 * Near-duplicate detection: {@link dev.tuneloop.dedup.NearDuplicateDetector} finds pairs of texts whose normalized
 * word-shingle sets have an exact Jaccard similarity at or above a threshold (MinHash and LSH choose which pairs to
 * compare, exact Jaccard decides), in a batch or through an incremental
 * {@link dev.tuneloop.dedup.NearDuplicateDetector.Index}. Results are {@link dev.tuneloop.dedup.DuplicatePair}s.
 *
 * <p>Depends only on {@code dev.tuneloop.errors} and {@code dev.tuneloop.internal}: it knows nothing of examples or
 * interactions, so curation and export use it on whatever text they compare.
 *
 * <p>Null-marked: parameters, return values and record components are non-null unless annotated
 * {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.tuneloop.dedup;

import org.jspecify.annotations.NullMarked;
