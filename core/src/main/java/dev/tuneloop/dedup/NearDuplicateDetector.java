package dev.tuneloop.dedup;

import dev.tuneloop.errors.Checks;
import dev.tuneloop.errors.ValidationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Finds near-duplicate texts: pairs whose normalized word-shingle sets have an exact Jaccard similarity of at least
 * {@link #threshold()} (default {@value #DEFAULT_THRESHOLD}).
 *
 * <h2>How</h2>
 * <ol>
 *   <li><b>Shingles.</b> Each text is normalized (Unicode NFKC, lower case, punctuation and runs of whitespace collapsed
 *       to one word separator) and cut into overlapping word shingles of {@link #shingleSize()} words (default
 *       {@value #DEFAULT_SHINGLE_SIZE}), each fingerprinted to 64 bits. Three words: one edited word changes at most three
 *       shingles, so Jaccard falls smoothly with the edit rate, while unrelated texts of the same domain, which share
 *       most of their vocabulary ("revenue", "the quarter"), share almost no 3-word sequence. One- and two-word shingles
 *       make same-domain texts look alike; longer ones punish small edits: a 60-word answer with two substituted
 *       words keeps Jaccard (58 - 6) / (58 + 6) = 0.81 with 3-word shingles but (56 - 10) / (56 + 10) = 0.70 with
 *       5-word ones.</li>
 *   <li><b>MinHash + LSH.</b> A signature of {@code bands * rows} min-hashes is cut into {@link #bands()} bands of
 *       {@link #rows()} rows; two texts become a <i>candidate</i> when any band is identical. For texts of Jaccard
 *       {@code s} that happens with probability {@code P(s) = 1 - (1 - s^rows)^bands} (the S-curve).</li>
 *   <li><b>Confirmation.</b> Every candidate pair is checked with the exact Jaccard of the two shingle sets, so the
 *       result never contains a pair below the threshold (precision 1); LSH only decides which pairs are looked at.</li>
 * </ol>
 *
 * <h2>Choosing bands and rows</h2>
 * Unless both are set, they are derived from the threshold {@code t} with a budget of {@value #HASH_BUDGET} hashes:
 * the largest {@code rows} (fewest spurious candidates) such that {@code bands = 128 / rows} still finds a pair of
 * similarity exactly {@code t} with probability at least {@value #TARGET_RECALL_AT_THRESHOLD}. For {@code t = 0.8} that
 * is <b>21 bands x 6 rows</b> (126 hashes): {@code P(0.8) = 0.998}, {@code P(0.9) > 0.9999999}, while
 * {@code P(0.5) = 0.28}, {@code P(0.3) = 0.015} and {@code P(0.1) = 2e-5}; pairs above the threshold are nearly always
 * found and unrelated texts almost never cost a confirmation. The often-quoted 9 x 13 split has its S-curve midpoint
 * at 0.84, above the threshold: it would find only 40 % of the pairs at exactly 0.8. See {@link #candidateProbability}.
 *
 * <h2>Determinism and thread-safety</h2>
 * The hash family is drawn from {@link java.util.SplittableRandom} with {@link #seed()} (default
 * {@value #DEFAULT_SEED}): the same detector gives the same pairs on every run. Instances are immutable and
 * thread-safe; {@link Index} instances are thread-safe too (their methods synchronize).
 */
public final class NearDuplicateDetector {
    /** Default minimum Jaccard similarity of a near-duplicate pair. */
    public static final double DEFAULT_THRESHOLD = 0.8;
    /** Default number of words per shingle. */
    public static final int DEFAULT_SHINGLE_SIZE = 3;
    /** Default seed of the hash family. */
    public static final long DEFAULT_SEED = 0x7475_6e65_6c6f_6f70L;
    /** The number of min-hashes bands and rows are derived within when they are not set. */
    public static final int HASH_BUDGET = 128;
    /** The derived bands and rows find a pair of similarity exactly the threshold at least this often. */
    public static final double TARGET_RECALL_AT_THRESHOLD = 0.99;

    private static final NearDuplicateDetector DEFAULT = builder().build();

    private final double threshold;
    private final int shingleSize;
    private final int bands;
    private final int rows;
    private final long seed;
    private final MinHasher hasher;

    private NearDuplicateDetector(Builder b, int bands, int rows) {
        this.threshold = b.threshold;
        this.shingleSize = b.shingleSize;
        this.bands = bands;
        this.rows = rows;
        this.seed = b.seed;
        this.hasher = new MinHasher(bands, rows, seed);
    }

    /**
     * A detector with every default: threshold 0.8, 3-word shingles, 21 bands x 6 rows, the default seed.
     *
     * @return the shared default detector
     */
    public static NearDuplicateDetector create() {
        return DEFAULT;
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Every pair of keys whose texts are near-duplicates, each pair once with {@code first < second}, sorted by
     * {@code first} then {@code second}.
     *
     * @param textsById texts by their key; keys sort by their natural order
     * @param <K>       the key type
     * @return the pairs, each with its exact Jaccard similarity; unmodifiable
     * @throws ValidationException when the map, a key or a text is null, or the map holds more distinct texts than
     *     the bands can index ({@code Integer.MAX_VALUE / bands})
     */
    public <K extends Comparable<K>> List<DuplicatePair<K>> findPairs(Map<K, String> textsById) {
        List<K> keys = sortedKeys(textsById);
        int n = keys.size();
        long[][] shingles = new long[n][];
        for (int d = 0; d < n; d++) {
            shingles[d] = Shingles.of(text(textsById, keys.get(d)), shingleSize);
        }
        // Texts with identical shingle sets (boilerplate answers, re-imports) form one class and go through LSH once:
        // otherwise k copies put k^2/2 pairs in every one of the bands before any de-duplication.
        int[] rep = exactClasses(shingles);
        int[] reps = representatives(rep);
        int m = reps.length;
        if ((long) m * bands > Integer.MAX_VALUE - 8) {
            throw new ValidationException("textsById must hold at most " + (Integer.MAX_VALUE / bands)
                    + " distinct texts for " + bands + " bands, but held " + m);
        }
        long[] bandKeys = new long[m * bands];
        int[] scratch = new int[bands * rows];
        for (int r = 0; r < m; r++) {
            hasher.bandKeys(shingles[reps[r]], scratch, bandKeys, r * bands);
        }
        // confirmed pairs of classes, as (rep << 32 | rep), sorted because reps ascend
        LongList confirmed = new LongList();
        double[] similarity = new double[16];
        for (long packed : candidatePairs(bandKeys, m)) {
            int a = reps[(int) (packed >>> 32)];
            int b = reps[(int) packed];
            double jaccard = Shingles.jaccard(shingles[a], shingles[b]);
            if (jaccard >= threshold) {
                if (confirmed.size() == similarity.length) {
                    similarity = Arrays.copyOf(similarity, similarity.length * 2);
                }
                similarity[confirmed.size()] = jaccard;
                confirmed.add(((long) a << 32) | b);
            }
        }
        long[] classPairs = confirmed.toArray();
        long[] pairs = expand(rep, classPairs);
        List<DuplicatePair<K>> out = new ArrayList<>(pairs.length);
        for (long packed : pairs) {
            int i = (int) (packed >>> 32);
            int j = (int) packed;
            double jaccard;
            if (rep[i] == rep[j]) {
                jaccard = 1.0;
            } else {
                long classPair = ((long) Math.min(rep[i], rep[j]) << 32) | Math.max(rep[i], rep[j]);
                jaccard = similarity[Arrays.binarySearch(classPairs, classPair)];
            }
            out.add(new DuplicatePair<>(keys.get(i), keys.get(j), jaccard));
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * The near-duplicate groups: connected components of the {@link #findPairs} graph, for "keep one per group".
     * Grouping is transitive: A~B and B~C put A and C in one group even when A and C are below the threshold (edited
     * copies of edited copies). Each group has at least two keys, sorted; groups are sorted by their first key. Keys
     * without a near-duplicate are in no group.
     *
     * @param textsById texts by their key; keys sort by their natural order
     * @param <K>       the key type
     * @return the groups; unmodifiable
     * @throws ValidationException when the map, a key or a text is null
     */
    public <K extends Comparable<K>> List<List<K>> groups(Map<K, String> textsById) {
        List<DuplicatePair<K>> pairs = findPairs(textsById);
        List<K> keys = sortedKeys(textsById);
        int[] parent = new int[keys.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (DuplicatePair<K> p : pairs) {
            int a = root(parent, Collections.binarySearch(keys, p.first()));
            int b = root(parent, Collections.binarySearch(keys, p.second()));
            // the smaller index becomes the root, so a group's root is its first key
            parent[Math.max(a, b)] = Math.min(a, b);
        }
        List<List<K>> groups = new ArrayList<>();
        int[] groupOfRoot = new int[parent.length];
        Arrays.fill(groupOfRoot, -1);
        for (int i = 0; i < parent.length; i++) {
            int r = root(parent, i);
            if (r == i) {
                continue;
            }
            if (groupOfRoot[r] < 0) {
                groupOfRoot[r] = groups.size();
                List<K> group = new ArrayList<>();
                group.add(keys.get(r));
                groups.add(group);
            }
            groups.get(groupOfRoot[r]).add(keys.get(i));
        }
        List<List<K>> out = new ArrayList<>(groups.size());
        for (List<K> g : groups) {
            out.add(List.copyOf(g));
        }
        // groups were opened in the order of their second member; order them by their first
        out.sort(Comparator.comparing(g -> g.get(0)));
        return Collections.unmodifiableList(out);
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** {@code rep[d]}: the smallest index whose shingle set equals that of {@code d}. */
    private static int[] exactClasses(long[][] shingles) {
        int n = shingles.length;
        int[] rep = new int[n];
        if (n == 0) {
            return rep;
        }
        int indexBits = Math.max(1, 64 - Long.numberOfLeadingZeros(n - 1));
        long indexMask = (1L << indexBits) - 1;
        long[] entries = new long[n];
        for (int d = 0; d < n; d++) {
            long h = shingles[d].length;
            for (long x : shingles[d]) {
                h = Shingles.mix64(h * 0x9E3779B97F4A7C15L + x);
            }
            entries[d] = (h << indexBits) | d;
        }
        Arrays.sort(entries);
        int start = 0;
        for (int e = 1; e <= n; e++) {
            if (e == n || (entries[e] >>> indexBits) != (entries[start] >>> indexBits)) {
                // same hash bits: almost always one class; compare to be exact
                for (int x = start; x < e; x++) {
                    int d = (int) (entries[x] & indexMask);
                    rep[d] = d;
                    for (int y = start; y < x; y++) {
                        int r = (int) (entries[y] & indexMask);
                        if (rep[r] == r && Arrays.equals(shingles[r], shingles[d])) {
                            rep[d] = r;
                            break;
                        }
                    }
                }
                start = e;
            }
        }
        return rep;
    }

    private static int[] representatives(int[] rep) {
        int count = 0;
        for (int d = 0; d < rep.length; d++) {
            if (rep[d] == d) {
                count++;
            }
        }
        int[] reps = new int[count];
        for (int d = 0, k = 0; d < rep.length; d++) {
            if (rep[d] == d) {
                reps[k++] = d;
            }
        }
        return reps;
    }

    /**
     * Every document pair, sorted, {@code (i << 32) | j} with {@code i < j}: pairs inside one class, and every member
     * combination of each confirmed class pair.
     */
    private static long[] expand(int[] rep, long[] classPairs) {
        int n = rep.length;
        // members of each class, ascending, as a CSR layout
        int[] count = new int[n];
        for (int d = 0; d < n; d++) {
            count[rep[d]]++;
        }
        int[] offset = new int[n + 1];
        for (int d = 0; d < n; d++) {
            offset[d + 1] = offset[d] + count[d];
        }
        int[] members = new int[n];
        int[] fill = Arrays.copyOf(offset, n);
        for (int d = 0; d < n; d++) {
            members[fill[rep[d]]++] = d;
        }
        LongList out = new LongList();
        for (int r = 0; r < n; r++) {
            for (int x = offset[r]; x < offset[r + 1]; x++) {
                for (int y = x + 1; y < offset[r + 1]; y++) {
                    out.add(((long) members[x] << 32) | members[y]);
                }
            }
        }
        for (long classPair : classPairs) {
            int a = (int) (classPair >>> 32);
            int b = (int) classPair;
            for (int x = offset[a]; x < offset[a + 1]; x++) {
                for (int y = offset[b]; y < offset[b + 1]; y++) {
                    int i = members[x];
                    int j = members[y];
                    out.add(i < j ? ((long) i << 32) | j : ((long) j << 32) | i);
                }
            }
        }
        long[] pairs = out.toArray();
        Arrays.sort(pairs);
        return pairs;
    }

    /**
     * The same pairs as {@link #findPairs} would report with perfect recall: the exact Jaccard of every pair, no LSH.
     * Quadratic in the number of texts (12.5 million comparisons for 5 000 texts); meant for small collections and as
     * the reference that measures {@link #findPairs}.
     *
     * @param textsById texts by their key; keys sort by their natural order
     * @param <K>       the key type
     * @return the pairs, in the order of {@link #findPairs}; unmodifiable
     * @throws ValidationException when the map, a key or a text is null
     */
    public <K extends Comparable<K>> List<DuplicatePair<K>> findPairsExhaustive(Map<K, String> textsById) {
        List<K> keys = sortedKeys(textsById);
        int n = keys.size();
        long[][] shingles = new long[n][];
        for (int d = 0; d < n; d++) {
            shingles[d] = Shingles.of(text(textsById, keys.get(d)), shingleSize);
        }
        List<DuplicatePair<K>> pairs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double jaccard = Shingles.jaccard(shingles[i], shingles[j]);
                if (jaccard >= threshold) {
                    pairs.add(new DuplicatePair<>(keys.get(i), keys.get(j), jaccard));
                }
            }
        }
        return Collections.unmodifiableList(pairs);
    }

    /** The text of a key that {@link #sortedKeys} returned: it checked that no key maps to null. */
    private static <K> String text(Map<K, String> textsById, K key) {
        return Objects.requireNonNull(textsById.get(key), "sortedKeys rejects null texts");
    }

    private static <K extends Comparable<K>> List<K> sortedKeys(@Nullable Map<K, String> textsById) {
        if (textsById == null) {
            throw new ValidationException("textsById is required, but was null");
        }
        List<K> keys = new ArrayList<>(textsById.size());
        for (Map.Entry<K, String> e : textsById.entrySet()) {
            if (e.getKey() == null) {
                throw new ValidationException("textsById must not contain a null key");
            }
            if (e.getValue() == null) {
                throw new ValidationException("textsById must not map a key to null, but key " + e.getKey() + " was");
            }
            keys.add(e.getKey());
        }
        keys.sort(Comparator.naturalOrder());
        return keys;
    }

    /**
     * Sorted, distinct candidate pairs {@code (i << 32) | j}, {@code i < j}: documents sharing a band key. Each band is
     * one primitive sort of {@code (key bits, document index)} packed in a long.
     */
    private long[] candidatePairs(long[] bandKeys, int n) {
        if (n < 2) {
            return new long[0];
        }
        int indexBits = 64 - Long.numberOfLeadingZeros(n - 1);
        long indexMask = (1L << indexBits) - 1;
        long[] entries = new long[n];
        LongList out = new LongList();
        for (int band = 0; band < bands; band++) {
            for (int d = 0; d < n; d++) {
                entries[d] = (bandKeys[d * bands + band] << indexBits) | d;
            }
            Arrays.sort(entries);
            int start = 0;
            for (int e = 1; e <= n; e++) {
                if (e == n || (entries[e] >>> indexBits) != (entries[start] >>> indexBits)) {
                    for (int x = start; x < e; x++) {
                        long i = entries[x] & indexMask;
                        for (int y = x + 1; y < e; y++) {
                            // entries are sorted, and so are the indexes within one key: i < j
                            out.add((i << 32) | (entries[y] & indexMask));
                        }
                    }
                    start = e;
                }
            }
        }
        return out.sortedDistinct();
    }

    /**
     * The exact Jaccard similarity of the two texts' normalized shingle sets, in [0, 1]: 1.0 for texts that normalize
     * to the same words (two texts without any word are identical), 0.0 for texts sharing no shingle.
     *
     * @param a one text
     * @param b the other text
     * @return the similarity, in [0, 1]
     * @throws ValidationException when a text is null
     */
    public double jaccard(String a, String b) {
        Checks.start()
                .require(a != null, "a is required, but was null")
                .require(b != null, "b is required, but was null")
                .orThrow();
        return Shingles.jaccard(Shingles.of(a, shingleSize), Shingles.of(b, shingleSize));
    }

    /**
     * The probability that two texts of Jaccard similarity {@code s} become a candidate pair:
     * {@code 1 - (1 - s^rows)^bands}.
     *
     * @param s a Jaccard similarity, in [0, 1]
     * @return the probability, in [0, 1]
     * @throws ValidationException when {@code s} is outside [0, 1]
     */
    public double candidateProbability(double s) {
        if (!(s >= 0.0 && s <= 1.0)) {
            throw new ValidationException("s must be between 0 and 1, but was " + s);
        }
        return probability(s, bands, rows);
    }

    /**
     * A new, empty incremental index using this detector's settings.
     *
     * @param <K> the key type
     * @return a new thread-safe index
     */
    public <K> Index<K> newIndex() {
        return new LshIndex<>(this);
    }

    /**
     * The minimum Jaccard similarity of a reported pair.
     *
     * @return more than 0 and at most 1
     */
    public double threshold() {
        return threshold;
    }

    /**
     * Words per shingle.
     *
     * @return 1 to 16
     */
    public int shingleSize() {
        return shingleSize;
    }

    /**
     * LSH bands.
     *
     * @return at least 1
     */
    public int bands() {
        return bands;
    }

    /**
     * Min-hashes per band.
     *
     * @return at least 1
     */
    public int rows() {
        return rows;
    }

    /**
     * The seed of the hash family.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    long[] shingles(String text) {
        return Shingles.of(text, shingleSize);
    }

    MinHasher hasher() {
        return hasher;
    }

    @Override
    public String toString() {
        return "NearDuplicateDetector[threshold=" + threshold + ", shingleSize=" + shingleSize + ", bands=" + bands
                + ", rows=" + rows + ", seed=" + seed + "]";
    }

    static double probability(double s, int bands, int rows) {
        return 1.0 - Math.pow(1.0 - Math.pow(s, rows), bands);
    }

    /** The largest rows (and bands = budget / rows) reaching {@link #TARGET_RECALL_AT_THRESHOLD} at {@code t}. */
    static int[] bandsAndRows(double t) {
        for (int rows = HASH_BUDGET; rows > 1; rows--) {
            int bands = HASH_BUDGET / rows;
            if (probability(t, bands, rows) >= TARGET_RECALL_AT_THRESHOLD) {
                return new int[] {bands, rows};
            }
        }
        return new int[] {HASH_BUDGET, 1};
    }

    /**
     * An incremental near-duplicate index, for checking new texts against what is already kept (for example, new
     * training examples against the frozen holdout). Thread-safe: every method synchronizes on the index.
     *
     * @param <K> the key type; keys are compared with {@code equals}
     */
    public interface Index<K> {
        /**
         * Adds a text under a key.
         *
         * @param key  a key not yet in the index
         * @param text the text
         * @throws ValidationException when the key or text is null, or the key is already in the index
         */
        void add(K key, String text);

        /**
         * The indexed keys whose texts are near-duplicates of {@code text} (exact Jaccard at or above the threshold),
         * most similar first, ties in insertion order.
         *
         * @param text the probe text
         * @return pairs of (indexed key, {@code null}, Jaccard); empty when nothing matches
         * @throws ValidationException when the text is null
         */
        List<DuplicatePair<K>> matches(String text);

        /**
         * The number of texts added.
         *
         * @return at least 0
         */
        int size();
    }

    /**
     * Settings for a {@link NearDuplicateDetector}. Not thread-safe; {@link #build()} validates every setting at once.
     */
    public static final class Builder {
        private double threshold = DEFAULT_THRESHOLD;
        private int shingleSize = DEFAULT_SHINGLE_SIZE;
        private int bands;
        private int rows;
        private long seed = DEFAULT_SEED;

        private Builder() {}

        /**
         * Minimum Jaccard similarity (default {@value NearDuplicateDetector#DEFAULT_THRESHOLD}).
         *
         * @param threshold in (0, 1]; checked by {@link #build()}
         * @return this builder
         */
        public Builder threshold(double threshold) {
            this.threshold = threshold;
            return this;
        }

        /**
         * Words per shingle (default {@value NearDuplicateDetector#DEFAULT_SHINGLE_SIZE}).
         *
         * @param shingleSize 1 to 16; checked by {@link #build()}
         * @return this builder
         */
        public Builder shingleSize(int shingleSize) {
            this.shingleSize = shingleSize;
            return this;
        }

        /**
         * LSH bands; set together with {@link #rows}, or leave both unset (0) to derive them from the threshold.
         *
         * @param bands at least 1, with bands x rows at most 1024; checked by {@link #build()}
         * @return this builder
         */
        public Builder bands(int bands) {
            this.bands = bands;
            return this;
        }

        /**
         * Min-hashes per band; set together with {@link #bands}.
         *
         * @param rows at least 1, with bands x rows at most 1024; checked by {@link #build()}
         * @return this builder
         */
        public Builder rows(int rows) {
            this.rows = rows;
            return this;
        }

        /**
         * Seed of the hash family (default {@value NearDuplicateDetector#DEFAULT_SEED}).
         *
         * @param seed any value; the same seed gives the same pairs
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Builds the detector, deriving bands and rows from the threshold when neither was set.
         *
         * @return the detector
         * @throws ValidationException listing every invalid setting
         */
        public NearDuplicateDetector build() {
            Checks checks = Checks.start()
                    .require(
                            threshold > 0.0 && threshold <= 1.0, "threshold must be > 0 and <= 1, but was " + threshold)
                    .require(
                            shingleSize >= 1 && shingleSize <= 16,
                            "shingleSize must be between 1 and 16, but was " + shingleSize);
            boolean derived = bands == 0 && rows == 0;
            if (!derived) {
                checks.require(bands >= 1, "bands must be >= 1 (or bands and rows both unset), but was " + bands)
                        .require(rows >= 1, "rows must be >= 1 (or bands and rows both unset), but was " + rows)
                        .require(
                                (long) bands * rows <= 1024,
                                "bands x rows must be <= 1024, but was " + ((long) bands * rows));
            }
            checks.orThrow();
            int[] br = derived ? bandsAndRows(threshold) : new int[] {bands, rows};
            return new NearDuplicateDetector(this, br[0], br[1]);
        }
    }

    /** A growable primitive long list (no boxing in the candidate loop). */
    static final class LongList {
        private long[] values = new long[64];
        private int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int size() {
            return size;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }

        long[] sortedDistinct() {
            long[] a = Arrays.copyOf(values, size);
            Arrays.sort(a);
            int w = 0;
            for (int i = 0; i < a.length; i++) {
                if (i == 0 || a[i] != a[i - 1]) {
                    a[w++] = a[i];
                }
            }
            return Arrays.copyOf(a, w);
        }
    }
}
