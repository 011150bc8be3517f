package dev.tuneloop.dedup;

import dev.tuneloop.errors.ValidationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The {@link NearDuplicateDetector.Index}: band key to the documents in that bucket. Synchronized. */
final class LshIndex<K> implements NearDuplicateDetector.Index<K> {
    private final NearDuplicateDetector detector;
    private final List<K> keys = new ArrayList<>();
    private final List<long[]> shingles = new ArrayList<>();
    private final Map<K, Integer> positions = new HashMap<>();
    /** Band keys already include the band number, so one map holds every band. */
    private final Map<Long, int[]> buckets = new HashMap<>();

    LshIndex(NearDuplicateDetector detector) {
        this.detector = detector;
    }

    @Override
    public synchronized void add(K key, String text) {
        if (key == null) {
            throw new ValidationException("key is required, but was null");
        }
        if (text == null) {
            throw new ValidationException("text is required, but was null (key " + key + ")");
        }
        if (positions.containsKey(key)) {
            throw new ValidationException("key must be unique in the index, but " + key + " was already added");
        }
        long[] sh = detector.shingles(text);
        int doc = keys.size();
        keys.add(key);
        shingles.add(sh);
        positions.put(key, doc);
        for (long bandKey : detector.hasher().bandKeys(sh)) {
            // slot 0 holds the count
            int[] bucket = buckets.get(bandKey);
            if (bucket == null) {
                bucket = new int[3];
            } else if (bucket[0] + 1 == bucket.length) {
                bucket = Arrays.copyOf(bucket, bucket.length * 2);
            }
            bucket[++bucket[0]] = doc;
            buckets.put(bandKey, bucket);
        }
    }

    @Override
    public synchronized List<DuplicatePair<K>> matches(String text) {
        if (text == null) {
            throw new ValidationException("text is required, but was null");
        }
        long[] sh = detector.shingles(text);
        BitSet seen = new BitSet(keys.size());
        List<DuplicatePair<K>> out = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        for (long bandKey : detector.hasher().bandKeys(sh)) {
            int[] bucket = buckets.get(bandKey);
            if (bucket == null) {
                continue;
            }
            for (int i = 1; i <= bucket[0]; i++) {
                int doc = bucket[i];
                if (!seen.get(doc)) {
                    seen.set(doc);
                    order.add(doc);
                }
            }
        }
        order.sort(null);
        for (int doc : order) {
            double jaccard = Shingles.jaccard(shingles.get(doc), sh);
            if (jaccard >= detector.threshold()) {
                out.add(new DuplicatePair<>(keys.get(doc), null, jaccard));
            }
        }
        // stable: equal similarities keep insertion order
        out.sort((x, y) -> Double.compare(y.jaccard(), x.jaccard()));
        return List.copyOf(out);
    }

    @Override
    public synchronized int size() {
        return keys.size();
    }

    @Override
    public String toString() {
        return "NearDuplicateDetector.Index[size=" + size() + "]";
    }
}
