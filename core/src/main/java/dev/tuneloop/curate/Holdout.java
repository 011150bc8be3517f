package dev.tuneloop.curate;

import dev.tuneloop.dedup.DuplicatePair;
import dev.tuneloop.dedup.NearDuplicateDetector;
import dev.tuneloop.internal.Sha256;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The frozen evaluation holdout: how an example's split is chosen, and the text every part of Tuneloop compares
 * when looking for near-duplicates.
 *
 * <h2>Assignment (decided once, at first review, never changed)</h2>
 * <ol>
 *   <li>{@link #bucket(ExampleId)}: the SHA-256 of the UTF-8 bytes of the id's canonical string (lower-case
 *       {@code 8-4-4-4-12} hex, as {@link java.util.UUID#toString()}); its first 8 bytes read big-endian as an
 *       unsigned 64-bit integer, modulo 10 000. Vector: {@code 00000000-0000-7000-8000-000000000000} → bucket
 *       106.</li>
 *   <li>The effective share is {@link HoldoutSettings#bootstrapShare()} while fewer than
 *       {@link HoldoutSettings#minHoldout()} approved examples are held out, else {@link HoldoutSettings#share()}.</li>
 *   <li>The example is {@link Split#HOLDOUT} when {@code bucket < round(effectiveShare × 10 000)}, else
 *       {@link Split#TRAIN}.</li>
 * </ol>
 * So the split depends only on the id and on how many examples were held out when it was approved; both are
 * recorded, so any runtime can check it. Rejected examples are assigned by {@code share} alone (they never count).
 * Two approvals at the same moment may both read the same holdout count; the holdout then grows by one more than
 * needed, which is harmless. Existing examples are never re-assigned, even when the settings change.
 *
 * <h2>Leaks</h2>
 * A training example whose {@link #similarityText} is a near-duplicate (per the given {@link NearDuplicateDetector})
 * of an approved holdout example's would let the evaluation see what the model was trained on: it is a leak and must
 * not be exported for training ({@link #leaks}). Every approved example counts, whatever its score.
 *
 * <p>Stateless and thread-safe.
 */
public final class Holdout {
    /** Buckets per hash: shares have a resolution of 0.01%. */
    public static final int BUCKETS = 10_000;

    /** The documented test vector's bucket: {@code 00000000-0000-7000-8000-000000000000} → 106. */
    static final int VECTOR_BUCKET = 106;

    private Holdout() {}

    /**
     * The id's bucket, as documented above.
     *
     * @param id the example's id
     * @return a bucket in {@code [0, 10 000)}
     */
    public static int bucket(ExampleId id) {
        return Sha256.bucket(id.value().toString(), BUCKETS);
    }

    /**
     * The split at {@code share}, from the id alone: HOLDOUT when {@code bucket(id) < round(share × 10 000)}.
     *
     * @param id    the example's id
     * @param share the share held out, in [0, 1]
     * @return the split
     */
    public static Split split(ExampleId id, double share) {
        return bucket(id) < Math.round(share * BUCKETS) ? Split.HOLDOUT : Split.TRAIN;
    }

    /**
     * The split of a newly approved example, given how many approved examples are already held out.
     *
     * @param id       the new example's id
     * @param settings the shares and the minimum holdout
     * @param heldOut  approved examples already in the holdout
     * @return the split
     */
    public static Split assign(ExampleId id, HoldoutSettings settings, long heldOut) {
        double share = heldOut < settings.minHoldout() ? settings.bootstrapShare() : settings.share();
        return split(id, share);
    }

    /**
     * The text compared for near-duplicates and holdout leaks, the same everywhere: the question, one space, and
     * the response the model would learn ({@link TrainingExample#trainingResponse()}).
     *
     * @param e the example
     * @return the text to compare
     */
    public static String similarityText(TrainingExample e) {
        return e.userMessage() + " " + e.trainingResponse();
    }

    /**
     * The approved TRAIN examples that are near-duplicates of an approved HOLDOUT example: they must not be exported
     * for training. Reads every approved example of the store into memory.
     *
     * @param store    the examples
     * @param detector decides what is a near-duplicate
     * @return the leaking training examples' ids, sorted
     * @throws NullPointerException when an argument is null
     */
    public static Set<ExampleId> leaks(ExampleStore store, NearDuplicateDetector detector) {
        Objects.requireNonNull(store, "store");
        List<TrainingExample> approved = new ArrayList<>();
        store.scan(ExampleQuery.approved(), approved::add);
        Set<ExampleId> out = new TreeSet<>();
        for (Leak l : leakPairs(approved, detector)) {
            out.add(l.train());
        }
        return out;
    }

    /**
     * Every (training, holdout) pair among {@code examples} whose texts are near-duplicates; only approved examples are
     * looked at.
     *
     * @param examples any examples; the approved TRAIN and HOLDOUT ones are compared
     * @param detector decides what is a near-duplicate
     * @return the pairs, sorted by training id, then most similar first; empty when there is no holdout
     * @throws NullPointerException when an argument is null
     */
    public static List<Leak> leakPairs(Collection<TrainingExample> examples, NearDuplicateDetector detector) {
        Objects.requireNonNull(examples, "examples");
        Objects.requireNonNull(detector, "detector");
        NearDuplicateDetector.Index<ExampleId> heldOut = detector.newIndex();
        for (TrainingExample e : examples) {
            if (e.status() == ExampleStatus.APPROVED && e.split() == Split.HOLDOUT) {
                heldOut.add(e.id(), similarityText(e));
            }
        }
        List<Leak> out = new ArrayList<>();
        if (heldOut.size() == 0) {
            return out;
        }
        List<TrainingExample> train = examples.stream()
                .filter(e -> e.status() == ExampleStatus.APPROVED && e.split() == Split.TRAIN)
                .sorted(Comparator.comparing(TrainingExample::id))
                .toList();
        for (TrainingExample e : train) {
            for (DuplicatePair<ExampleId> m : heldOut.matches(similarityText(e))) {
                out.add(new Leak(e.id(), m.first(), m.jaccard()));
            }
        }
        return out;
    }

    /**
     * A training example too similar to a holdout example.
     *
     * @param train   the training example (not to be exported)
     * @param holdout the holdout example it resembles
     * @param jaccard their similarity, at or above the detector's threshold
     */
    public record Leak(ExampleId train, ExampleId holdout, double jaccard) {
        /**
         * Checks the ids.
         *
         * @param train   the training example (not to be exported)
         * @param holdout the holdout example it resembles
         * @param jaccard their similarity, at or above the detector's threshold
         * @throws NullPointerException when an id is null
         */
        public Leak {
            Objects.requireNonNull(train, "train");
            Objects.requireNonNull(holdout, "holdout");
        }
    }
}
