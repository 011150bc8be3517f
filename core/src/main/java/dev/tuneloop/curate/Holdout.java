package dev.tuneloop.curate;

import java.nio.charset.StandardCharsets;

/**
 * The frozen evaluation holdout: how an example's split is chosen, and the text every part of Tuneloop compares
 * when looking for near-duplicates.
 *
 * <h2>Assignment (decided once, at first review, never changed)</h2>
 * <ol>
 *   <li>{@link #bucket(ExampleId)}: the SHA-256 of the UTF-8 bytes of the id's canonical string (lower-case
 *       {@code 8-4-4-4-12} hex, as {@link java.util.UUID#toString()}); its first 8 bytes read big-endian as an
 *       unsigned 64-bit integer, modulo 10 000. Vector: {@code 00000000-0000-7000-8000-000000000000} → bucket
 *       {@value #VECTOR_BUCKET}.</li>
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
 * <p>Stateless and thread-safe.
 */
public final class Holdout {
    /** Buckets per hash: shares have a resolution of 0.01%. */
    public static final int BUCKETS = 10_000;
    static final int VECTOR_BUCKET = 106;

    private Holdout() {
    }

    /** The id's bucket in {@code [0, 10 000)}, as documented above. */
    public static int bucket(ExampleId id) {
        byte[] h = Fingerprints.sha256(id.value().toString().getBytes(StandardCharsets.UTF_8));
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (h[i] & 0xff);
        }
        return (int) Long.remainderUnsigned(v, BUCKETS);
    }

    /** The split at {@code share}, from the id alone. */
    public static Split split(ExampleId id, double share) {
        return bucket(id) < Math.round(share * BUCKETS) ? Split.HOLDOUT : Split.TRAIN;
    }

    /**
     * The split of a newly approved example, given how many approved examples are already held out.
     *
     * @param heldOut approved examples already in the holdout
     */
    public static Split assign(ExampleId id, HoldoutSettings settings, long heldOut) {
        double share = heldOut < settings.minHoldout() ? settings.bootstrapShare() : settings.share();
        return split(id, share);
    }

    /**
     * The text compared for near-duplicates and holdout leaks, the same everywhere: the question, one space, and
     * the response the model would learn ({@link TrainingExample#trainingResponse()}).
     */
    public static String similarityText(TrainingExample e) {
        return e.userMessage() + " " + e.trainingResponse();
    }
}
