package dev.tuneloop.eval;

import dev.tuneloop.internal.Checks;

/**
 * How scores become pass/fail, wins and regressions, and when a candidate may be promoted. A candidate is promoted
 * only when every rule holds:
 * <ol>
 *   <li>the holdout has at least {@code minCases} cases (the seed asks for 20-50);</li>
 *   <li>no call for the base or the candidate failed;</li>
 *   <li>the candidate's accuracy (share of cases scoring at least {@code passThreshold}) is at least
 *       {@code targetAccuracy} (the seed's target: 85%);</li>
 *   <li>the lower bound of the bootstrap confidence interval of mean(candidate − base) is above 0 when
 *       {@code requireImprovement}, else at least {@code -nonInferiorityMargin} (not significantly worse);</li>
 *   <li>at most {@code maxRegressionShare} of the cases are regressions (candidate below base by more than
 *       {@code regressionMargin}).</li>
 * </ol>
 *
 * @param passThreshold        a case passes when its score is at least this; (0, 1]
 * @param targetAccuracy       the least candidate accuracy to promote; [0, 1]
 * @param tieMargin            |candidate − base| at most this is a tie; [0, 1)
 * @param regressionMargin     candidate below base by more than this is a regression; [0, 1)
 * @param maxRegressionShare   the most regressions allowed, as a share of the cases; [0, 1]
 * @param requireImprovement   require a significant improvement (CI lower bound &gt; 0)
 * @param nonInferiorityMargin when not requiring improvement, the CI lower bound must be at least minus this; [0, 1)
 * @param minCases             the fewest cases to promote on; &gt;= 1
 * @param confidenceLevel      of the bootstrap interval, e.g. 0.95; (0, 1)
 * @param bootstrapResamples   paired bootstrap resamples; &gt;= 100
 * @param bootstrapSeed        the seed of the resampling, so a report can be reproduced
 */
public record PromotionRules(
        double passThreshold,
        double targetAccuracy,
        double tieMargin,
        double regressionMargin,
        double maxRegressionShare,
        boolean requireImprovement,
        double nonInferiorityMargin,
        int minCases,
        double confidenceLevel,
        int bootstrapResamples,
        long bootstrapSeed) {

    /**
     * Pass at 0.7, promote at 85% accuracy, ties within 0.05, regressions below by more than 0.1 (at most 10% of
     * cases), not significantly worse than the base (CI lower bound ≥ −0.02), at least 20 cases, 95% interval from
     * 10 000 resamples with seed 42.
     */
    public static final PromotionRules DEFAULTS =
            new PromotionRules(0.7, 0.85, 0.05, 0.1, 0.10, false, 0.02, 20, 0.95, 10_000, 42L);

    /** @throws dev.tuneloop.errors.ValidationException naming every value out of its range */
    public PromotionRules {
        Checks.start()
                .require(
                        passThreshold > 0 && passThreshold <= 1,
                        "passThreshold must be in (0, 1], but was " + passThreshold)
                .require(
                        targetAccuracy >= 0 && targetAccuracy <= 1,
                        "targetAccuracy must be in [0, 1], but was " + targetAccuracy)
                .require(tieMargin >= 0 && tieMargin < 1, "tieMargin must be in [0, 1), but was " + tieMargin)
                .require(
                        regressionMargin >= 0 && regressionMargin < 1,
                        "regressionMargin must be in [0, 1), but was " + regressionMargin)
                .require(
                        maxRegressionShare >= 0 && maxRegressionShare <= 1,
                        "maxRegressionShare must be in [0, 1], but was " + maxRegressionShare)
                .require(
                        nonInferiorityMargin >= 0 && nonInferiorityMargin < 1,
                        "nonInferiorityMargin must be in [0, 1), but was " + nonInferiorityMargin)
                .require(minCases >= 1, "minCases must be >= 1, but was " + minCases)
                .require(
                        confidenceLevel > 0 && confidenceLevel < 1,
                        "confidenceLevel must be in (0, 1), but was " + confidenceLevel)
                .require(bootstrapResamples >= 100, "bootstrapResamples must be >= 100, but was " + bootstrapResamples)
                .orThrow();
    }

    public PromotionRules withPassThreshold(double v) {
        return new PromotionRules(
                v,
                targetAccuracy,
                tieMargin,
                regressionMargin,
                maxRegressionShare,
                requireImprovement,
                nonInferiorityMargin,
                minCases,
                confidenceLevel,
                bootstrapResamples,
                bootstrapSeed);
    }

    public PromotionRules withTargetAccuracy(double v) {
        return new PromotionRules(
                passThreshold,
                v,
                tieMargin,
                regressionMargin,
                maxRegressionShare,
                requireImprovement,
                nonInferiorityMargin,
                minCases,
                confidenceLevel,
                bootstrapResamples,
                bootstrapSeed);
    }

    public PromotionRules withTieMargin(double v) {
        return new PromotionRules(
                passThreshold,
                targetAccuracy,
                v,
                regressionMargin,
                maxRegressionShare,
                requireImprovement,
                nonInferiorityMargin,
                minCases,
                confidenceLevel,
                bootstrapResamples,
                bootstrapSeed);
    }

    public PromotionRules withRegressions(double margin, double maxShare) {
        return new PromotionRules(
                passThreshold,
                targetAccuracy,
                tieMargin,
                margin,
                maxShare,
                requireImprovement,
                nonInferiorityMargin,
                minCases,
                confidenceLevel,
                bootstrapResamples,
                bootstrapSeed);
    }

    /** Require a significant improvement ({@code true}) or allow a non-inferior candidate within {@code margin}. */
    public PromotionRules withComparison(boolean improvement, double margin) {
        return new PromotionRules(
                passThreshold,
                targetAccuracy,
                tieMargin,
                regressionMargin,
                maxRegressionShare,
                improvement,
                margin,
                minCases,
                confidenceLevel,
                bootstrapResamples,
                bootstrapSeed);
    }

    public PromotionRules withMinCases(int v) {
        return new PromotionRules(
                passThreshold,
                targetAccuracy,
                tieMargin,
                regressionMargin,
                maxRegressionShare,
                requireImprovement,
                nonInferiorityMargin,
                v,
                confidenceLevel,
                bootstrapResamples,
                bootstrapSeed);
    }

    public PromotionRules withBootstrap(double level, int resamples, long seed) {
        return new PromotionRules(
                passThreshold,
                targetAccuracy,
                tieMargin,
                regressionMargin,
                maxRegressionShare,
                requireImprovement,
                nonInferiorityMargin,
                minCases,
                level,
                resamples,
                seed);
    }
}
