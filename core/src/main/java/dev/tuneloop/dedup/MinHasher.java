package dev.tuneloop.dedup;

import java.util.SplittableRandom;

/**
 * MinHash signatures cut into LSH band keys.
 *
 * <p>The hash family is {@code h_i(x) = a_i * x + b_i (mod 2^32)} over the low 32 bits of the already well-mixed
 * 64-bit shingle fingerprints, with odd {@code a_i} (so each {@code h_i} is a permutation) and {@code a_i, b_i} drawn
 * from a {@link SplittableRandom} seeded with the detector's seed: the same seed gives the same signatures on every run
 * and JVM. 32-bit lanes because the JIT vectorizes the int multiply-add-min loop (AVX2 has no 64-bit multiply); two
 * shingles of one text share their low 32 bits with probability 2<sup>-32</sup>, which cannot move an estimate, and
 * the exact Jaccard that confirms pairs still uses the full 64-bit fingerprints. Immutable and thread-safe.
 */
final class MinHasher {
    private final int bands;
    private final int rows;
    private final int[] a;
    private final int[] b;

    MinHasher(int bands, int rows, long seed) {
        this.bands = bands;
        this.rows = rows;
        int m = bands * rows;
        this.a = new int[m];
        this.b = new int[m];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < m; i++) {
            a[i] = random.nextInt() | 1;
            b[i] = random.nextInt();
        }
    }

    int bands() {
        return bands;
    }

    /**
     * Writes the {@code bands} band keys of the shingle set into {@code out[offset .. offset + bands)}.
     * The empty set has the signature of all {@code Integer.MAX_VALUE}, so empty texts share every band.
     *
     * @param scratch a buffer of at least {@code bands * rows} ints, overwritten
     */
    void bandKeys(long[] shingles, int[] scratch, long[] out, int offset) {
        int m = a.length;
        int[] sig = scratch;
        java.util.Arrays.fill(sig, 0, m, Integer.MAX_VALUE);
        int[] ca = a;
        int[] cb = b;
        for (long shingle : shingles) {
            int x = (int) shingle;
            for (int i = 0; i < m; i++) {
                sig[i] = Math.min(sig[i], ca[i] * x + cb[i]);
            }
        }
        for (int band = 0, k = 0; band < bands; band++) {
            long h = band;
            for (int r = 0; r < rows; r++, k++) {
                h = Shingles.mix64(h * 0x9E3779B97F4A7C15L + sig[k]);
            }
            out[offset + band] = h;
        }
    }

    long[] bandKeys(long[] shingles) {
        long[] out = new long[bands];
        bandKeys(shingles, new int[a.length], out, 0);
        return out;
    }
}
