package dev.tuneloop.eval;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Means and the paired bootstrap. Not API. */
final class Statistics {
    private Statistics() {}

    static double mean(double[] xs) {
        if (xs.length == 0) {
            throw new IllegalArgumentException("mean of no values");
        }
        double s = 0;
        for (double x : xs) {
            s += x;
        }
        return s / xs.length;
    }

    /** Share of values at or above {@code threshold}. */
    static double shareAtLeast(double[] xs, double threshold) {
        int n = 0;
        for (double x : xs) {
            if (x >= threshold) {
                n++;
            }
        }
        return (double) n / xs.length;
    }

    /**
     * Percentile bootstrap interval of the mean of {@code diffs} (paired differences): {@code resamples} resamples of
     * size n drawn with replacement by a {@link SplittableRandom} seeded with {@code seed}; the bounds are the
     * nearest-rank quantiles (1 − level)/2 and (1 + level)/2 of the resampled means.
     */
    static double[] bootstrapMeanInterval(double[] diffs, double level, int resamples, long seed) {
        int n = diffs.length;
        if (n == 0) {
            throw new IllegalArgumentException("bootstrap of no values");
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += diffs[rnd.nextInt(n)];
            }
            means[b] = s / n;
        }
        Arrays.sort(means);
        double alpha = 1 - level;
        return new double[] {nearestRank(means, alpha / 2), nearestRank(means, 1 - alpha / 2)};
    }

    /** The nearest-rank quantile: the smallest value with at least {@code p} of the values at or below it. */
    static double nearestRank(double[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length - 1e-9);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
