package dev.tuneloop.metrics;

import dev.tuneloop.errors.Checks;

/**
 * A two-proportion comparison of a candidate rate against a base rate.
 *
 * <p>The test statistic is the pooled two-proportion z: {@code z = (p1 - p0) / sqrt(p(1-p)(1/n1 + 1/n0))} with
 * {@code p = (x1 + x0) / (n1 + n0)}; p-values come from the standard normal. The confidence interval of the
 * difference {@code p1 - p0} is <b>Newcombe's hybrid score interval</b> (Newcombe 1998, method 10, built from the two
 * Wilson score intervals), which keeps its coverage for small counts and rates near 0 or 1 where the Wald interval
 * does not. When both rates are 0 (or both 1) the pooled variance is 0: z is 0 and the p-values are those of no
 * difference.
 *
 * @param candidateSuccesses    x1
 * @param candidateTrials       n1 (&gt; 0)
 * @param baseSuccesses         x0
 * @param baseTrials            n0 (&gt; 0)
 * @param confidence            the interval's confidence level, in (0, 1), e.g. 0.95
 * @param difference            p1 - p0
 * @param z                     the pooled z statistic
 * @param pValueTwoSided        P(|Z| &gt;= |z|)
 * @param pValueCandidateHigher one-sided p-value of "candidate rate &gt; base rate": P(Z &gt;= z)
 * @param pValueCandidateLower  one-sided p-value of "candidate rate &lt; base rate": P(Z &lt;= z)
 * @param low                   lower bound of the Newcombe interval of the difference
 * @param high                  upper bound of the Newcombe interval of the difference
 */
public record ProportionTest(
        long candidateSuccesses,
        long candidateTrials,
        long baseSuccesses,
        long baseTrials,
        double confidence,
        double difference,
        double z,
        double pValueTwoSided,
        double pValueCandidateHigher,
        double pValueCandidateLower,
        double low,
        double high) {

    /**
     * Compares {@code candidateSuccesses / candidateTrials} with {@code baseSuccesses / baseTrials}.
     *
     * @param candidateSuccesses x1, in [0, n1]
     * @param candidateTrials    n1, &gt; 0
     * @param baseSuccesses      x0, in [0, n0]
     * @param baseTrials         n0, &gt; 0
     * @param confidence         the interval's confidence level, in (0, 1)
     * @return the test and the interval
     * @throws dev.tuneloop.errors.ValidationException when a count is negative, successes exceed trials, a trial count
     *     is 0 or the confidence is outside (0, 1)
     */
    public static ProportionTest of(
            long candidateSuccesses, long candidateTrials, long baseSuccesses, long baseTrials, double confidence) {
        Checks.start()
                .require(candidateTrials > 0, "candidateTrials must be > 0, but was " + candidateTrials)
                .require(baseTrials > 0, "baseTrials must be > 0, but was " + baseTrials)
                .require(
                        candidateSuccesses >= 0 && candidateSuccesses <= candidateTrials,
                        "candidateSuccesses must be in [0, candidateTrials], but was " + candidateSuccesses)
                .require(
                        baseSuccesses >= 0 && baseSuccesses <= baseTrials,
                        "baseSuccesses must be in [0, baseTrials], but was " + baseSuccesses)
                .require(confidence > 0 && confidence < 1, "confidence must be in (0, 1), but was " + confidence)
                .orThrow();
        double n1 = candidateTrials;
        double n0 = baseTrials;
        double p1 = candidateSuccesses / n1;
        double p0 = baseSuccesses / n0;
        double diff = p1 - p0;
        double pooled = (candidateSuccesses + baseSuccesses) / (n1 + n0);
        double se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n0));
        double z = se == 0 ? 0 : diff / se;
        double higher = Normal.upperTail(z);
        double lower = Normal.cdf(z);
        double twoSided = Math.min(1, 2 * Math.min(higher, lower));

        double zc = Normal.quantile(1 - (1 - confidence) / 2);
        double[] w1 = wilson(candidateSuccesses, n1, zc);
        double[] w0 = wilson(baseSuccesses, n0, zc);
        // within [-1, 1] in exact arithmetic; clamped, since rounding can put a bound 1 ulp outside (e.g. 1 of 1 vs 0
        // of 1)
        double low = Math.max(-1, diff - Math.sqrt(square(p1 - w1[0]) + square(w0[1] - p0)));
        double high = Math.min(1, diff + Math.sqrt(square(w1[1] - p1) + square(p0 - w0[0])));
        return new ProportionTest(
                candidateSuccesses,
                candidateTrials,
                baseSuccesses,
                baseTrials,
                confidence,
                diff,
                z,
                twoSided,
                higher,
                lower,
                low,
                high);
    }

    /** The Wilson score interval {low, high} of x successes in n trials. */
    static double[] wilson(long x, double n, double z) {
        double p = x / n;
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double half = z / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    private static double square(double v) {
        return v * v;
    }

    /**
     * The candidate's rate.
     *
     * @return x1 / n1
     */
    public double candidateRate() {
        return (double) candidateSuccesses / candidateTrials;
    }

    /**
     * The base's rate.
     *
     * @return x0 / n0
     */
    public double baseRate() {
        return (double) baseSuccesses / baseTrials;
    }
}
