package dev.tuneloop.eval;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.tuneloop.errors.Checks;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How scores become pass/fail, wins and regressions, and when a candidate may be promoted. A candidate is promoted
 * only when every rule holds:
 *
 * <ol>
 *   <li>the holdout has at least {@link #minCases()} cases (the seed asks for 20-50);
 *   <li>no call for the base or the candidate failed;
 *   <li>the candidate's accuracy (share of cases scoring at least {@link #passThreshold()}) is at least
 *       {@link #targetAccuracy()} (the seed's target: 85%);
 *   <li>the lower bound of the bootstrap confidence interval of mean(candidate − base) is above 0 when
 *       {@link #requireImprovement()}, else at least {@code -}{@link #nonInferiorityMargin()} (not significantly
 *       worse);
 *   <li>at most {@link #maxRegressionShare()} of the cases are regressions (candidate below base by more than
 *       {@link #regressionMargin()}).
 * </ol>
 *
 * <p>Build with {@link #builder()} (starting from the defaults) or start from {@link #DEFAULTS} and change one rule
 * with a {@code with…} method. Immutable and thread-safe; equal when every rule is. Written into the
 * {@link EvaluationReport}'s JSON under the accessor names.
 */
@JsonPropertyOrder({
    "passThreshold",
    "targetAccuracy",
    "tieMargin",
    "regressionMargin",
    "maxRegressionShare",
    "requireImprovement",
    "nonInferiorityMargin",
    "minCases",
    "confidenceLevel",
    "bootstrapResamples",
    "bootstrapSeed"
})
public final class PromotionRules {

    /** Default {@link #passThreshold()}: {@value}. */
    public static final double DEFAULT_PASS_THRESHOLD = 0.7;
    /** Default {@link #targetAccuracy()}, the seed's target: {@value}. */
    public static final double DEFAULT_TARGET_ACCURACY = 0.85;
    /** Default {@link #tieMargin()}: {@value}. */
    public static final double DEFAULT_TIE_MARGIN = 0.05;
    /** Default {@link #regressionMargin()}: {@value}. */
    public static final double DEFAULT_REGRESSION_MARGIN = 0.1;
    /** Default {@link #maxRegressionShare()}: {@value}. */
    public static final double DEFAULT_MAX_REGRESSION_SHARE = 0.10;
    /** Default {@link #requireImprovement()}: {@value} (a non-inferior candidate may be promoted). */
    public static final boolean DEFAULT_REQUIRE_IMPROVEMENT = false;
    /** Default {@link #nonInferiorityMargin()}: {@value}. */
    public static final double DEFAULT_NON_INFERIORITY_MARGIN = 0.02;
    /** Default {@link #minCases()}, the seed's lower bound: {@value}. */
    public static final int DEFAULT_MIN_CASES = 20;
    /** Default {@link #confidenceLevel()}: {@value}. */
    public static final double DEFAULT_CONFIDENCE_LEVEL = 0.95;
    /** Default {@link #bootstrapResamples()}: {@value}. */
    public static final int DEFAULT_BOOTSTRAP_RESAMPLES = 10_000;
    /** Default {@link #bootstrapSeed()}: {@value}. */
    public static final long DEFAULT_BOOTSTRAP_SEED = 42L;

    /**
     * Every default: pass at 0.7, promote at 85% accuracy, ties within 0.05, regressions below by more than 0.1 (at
     * most 10% of cases), not significantly worse than the base (CI lower bound ≥ −0.02), at least 20 cases, 95%
     * interval from 10 000 resamples with seed 42.
     */
    public static final PromotionRules DEFAULTS = builder().build();

    private final double passThreshold;
    private final double targetAccuracy;
    private final double tieMargin;
    private final double regressionMargin;
    private final double maxRegressionShare;
    private final boolean requireImprovement;
    private final double nonInferiorityMargin;
    private final int minCases;
    private final double confidenceLevel;
    private final int bootstrapResamples;
    private final long bootstrapSeed;

    private PromotionRules(Builder b) {
        passThreshold = b.passThreshold;
        targetAccuracy = b.targetAccuracy;
        tieMargin = b.tieMargin;
        regressionMargin = b.regressionMargin;
        maxRegressionShare = b.maxRegressionShare;
        requireImprovement = b.requireImprovement;
        nonInferiorityMargin = b.nonInferiorityMargin;
        minCases = b.minCases;
        confidenceLevel = b.confidenceLevel;
        bootstrapResamples = b.bootstrapResamples;
        bootstrapSeed = b.bootstrapSeed;
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
     * A builder starting from these rules.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder()
                .passThreshold(passThreshold)
                .targetAccuracy(targetAccuracy)
                .tieMargin(tieMargin)
                .regressionMargin(regressionMargin)
                .maxRegressionShare(maxRegressionShare)
                .requireImprovement(requireImprovement)
                .nonInferiorityMargin(nonInferiorityMargin)
                .minCases(minCases)
                .confidenceLevel(confidenceLevel)
                .bootstrapResamples(bootstrapResamples)
                .bootstrapSeed(bootstrapSeed);
    }

    // Jackson reads reports back through this; the builder validates as for any other caller
    @JsonCreator
    static PromotionRules fromJson(
            @JsonProperty("passThreshold") double passThreshold,
            @JsonProperty("targetAccuracy") double targetAccuracy,
            @JsonProperty("tieMargin") double tieMargin,
            @JsonProperty("regressionMargin") double regressionMargin,
            @JsonProperty("maxRegressionShare") double maxRegressionShare,
            @JsonProperty("requireImprovement") boolean requireImprovement,
            @JsonProperty("nonInferiorityMargin") double nonInferiorityMargin,
            @JsonProperty("minCases") int minCases,
            @JsonProperty("confidenceLevel") double confidenceLevel,
            @JsonProperty("bootstrapResamples") int bootstrapResamples,
            @JsonProperty("bootstrapSeed") long bootstrapSeed) {
        return builder()
                .passThreshold(passThreshold)
                .targetAccuracy(targetAccuracy)
                .tieMargin(tieMargin)
                .regressionMargin(regressionMargin)
                .maxRegressionShare(maxRegressionShare)
                .requireImprovement(requireImprovement)
                .nonInferiorityMargin(nonInferiorityMargin)
                .minCases(minCases)
                .confidenceLevel(confidenceLevel)
                .bootstrapResamples(bootstrapResamples)
                .bootstrapSeed(bootstrapSeed)
                .build();
    }

    /**
     * A case passes when its score is at least this.
     *
     * @return in (0, 1]
     */
    @JsonProperty
    public double passThreshold() {
        return passThreshold;
    }

    /**
     * The least candidate accuracy to promote.
     *
     * @return in [0, 1]
     */
    @JsonProperty
    public double targetAccuracy() {
        return targetAccuracy;
    }

    /**
     * |candidate − base| at most this is a tie.
     *
     * @return in [0, 1)
     */
    @JsonProperty
    public double tieMargin() {
        return tieMargin;
    }

    /**
     * Candidate below base by more than this is a regression.
     *
     * @return in [0, 1)
     */
    @JsonProperty
    public double regressionMargin() {
        return regressionMargin;
    }

    /**
     * The most regressions allowed, as a share of the cases.
     *
     * @return in [0, 1]
     */
    @JsonProperty
    public double maxRegressionShare() {
        return maxRegressionShare;
    }

    /**
     * Whether a significant improvement is required (CI lower bound &gt; 0) rather than non-inferiority.
     *
     * @return true to require an improvement
     */
    @JsonProperty
    public boolean requireImprovement() {
        return requireImprovement;
    }

    /**
     * When not requiring improvement, the CI lower bound must be at least minus this.
     *
     * @return in [0, 1)
     */
    @JsonProperty
    public double nonInferiorityMargin() {
        return nonInferiorityMargin;
    }

    /**
     * The fewest cases to promote on.
     *
     * @return at least 1
     */
    @JsonProperty
    public int minCases() {
        return minCases;
    }

    /**
     * The level of the bootstrap interval, e.g. 0.95.
     *
     * @return in (0, 1)
     */
    @JsonProperty
    public double confidenceLevel() {
        return confidenceLevel;
    }

    /**
     * Paired bootstrap resamples.
     *
     * @return at least 100
     */
    @JsonProperty
    public int bootstrapResamples() {
        return bootstrapResamples;
    }

    /**
     * The seed of the resampling, so a report can be reproduced.
     *
     * @return the seed
     */
    @JsonProperty
    public long bootstrapSeed() {
        return bootstrapSeed;
    }

    /**
     * These rules with another pass threshold.
     *
     * @param v the threshold, in (0, 1]
     * @return new rules
     * @throws dev.tuneloop.errors.ValidationException when {@code v} is out of range
     */
    public PromotionRules withPassThreshold(double v) {
        return toBuilder().passThreshold(v).build();
    }

    /**
     * These rules with another target accuracy.
     *
     * @param v the accuracy, in [0, 1]
     * @return new rules
     * @throws dev.tuneloop.errors.ValidationException when {@code v} is out of range
     */
    public PromotionRules withTargetAccuracy(double v) {
        return toBuilder().targetAccuracy(v).build();
    }

    /**
     * These rules with another tie margin.
     *
     * @param v the margin, in [0, 1)
     * @return new rules
     * @throws dev.tuneloop.errors.ValidationException when {@code v} is out of range
     */
    public PromotionRules withTieMargin(double v) {
        return toBuilder().tieMargin(v).build();
    }

    /**
     * These rules with another regression margin and share.
     *
     * @param margin   the regression margin, in [0, 1)
     * @param maxShare the most regressions allowed as a share of the cases, in [0, 1]
     * @return new rules
     * @throws dev.tuneloop.errors.ValidationException naming every value out of its range
     */
    public PromotionRules withRegressions(double margin, double maxShare) {
        return toBuilder().regressionMargin(margin).maxRegressionShare(maxShare).build();
    }

    /**
     * These rules requiring a significant improvement ({@code true}) or allowing a non-inferior candidate within
     * {@code margin}.
     *
     * @param improvement whether to require a significant improvement
     * @param margin      the non-inferiority margin, in [0, 1)
     * @return new rules
     * @throws dev.tuneloop.errors.ValidationException when {@code margin} is out of range
     */
    public PromotionRules withComparison(boolean improvement, double margin) {
        return toBuilder()
                .requireImprovement(improvement)
                .nonInferiorityMargin(margin)
                .build();
    }

    /**
     * These rules with another minimum number of cases.
     *
     * @param v the fewest cases, at least 1
     * @return new rules
     * @throws dev.tuneloop.errors.ValidationException when {@code v} is below 1
     */
    public PromotionRules withMinCases(int v) {
        return toBuilder().minCases(v).build();
    }

    /**
     * These rules with another bootstrap.
     *
     * @param level     the confidence level, in (0, 1)
     * @param resamples the resamples, at least 100
     * @param seed      the resampling seed
     * @return new rules
     * @throws dev.tuneloop.errors.ValidationException naming every value out of its range
     */
    public PromotionRules withBootstrap(double level, int resamples, long seed) {
        return toBuilder()
                .confidenceLevel(level)
                .bootstrapResamples(resamples)
                .bootstrapSeed(seed)
                .build();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof PromotionRules r
                && Double.compare(passThreshold, r.passThreshold) == 0
                && Double.compare(targetAccuracy, r.targetAccuracy) == 0
                && Double.compare(tieMargin, r.tieMargin) == 0
                && Double.compare(regressionMargin, r.regressionMargin) == 0
                && Double.compare(maxRegressionShare, r.maxRegressionShare) == 0
                && requireImprovement == r.requireImprovement
                && Double.compare(nonInferiorityMargin, r.nonInferiorityMargin) == 0
                && minCases == r.minCases
                && Double.compare(confidenceLevel, r.confidenceLevel) == 0
                && bootstrapResamples == r.bootstrapResamples
                && bootstrapSeed == r.bootstrapSeed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                passThreshold,
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

    @Override
    public String toString() {
        return "PromotionRules[passThreshold=" + passThreshold + ", targetAccuracy=" + targetAccuracy
                + ", tieMargin=" + tieMargin + ", regressionMargin=" + regressionMargin + ", maxRegressionShare="
                + maxRegressionShare + ", requireImprovement=" + requireImprovement + ", nonInferiorityMargin="
                + nonInferiorityMargin + ", minCases=" + minCases + ", confidenceLevel=" + confidenceLevel
                + ", bootstrapResamples=" + bootstrapResamples + ", bootstrapSeed=" + bootstrapSeed + "]";
    }

    /** Settings for {@link PromotionRules}, starting from the defaults; not thread-safe. */
    public static final class Builder {
        private double passThreshold = DEFAULT_PASS_THRESHOLD;
        private double targetAccuracy = DEFAULT_TARGET_ACCURACY;
        private double tieMargin = DEFAULT_TIE_MARGIN;
        private double regressionMargin = DEFAULT_REGRESSION_MARGIN;
        private double maxRegressionShare = DEFAULT_MAX_REGRESSION_SHARE;
        private boolean requireImprovement = DEFAULT_REQUIRE_IMPROVEMENT;
        private double nonInferiorityMargin = DEFAULT_NON_INFERIORITY_MARGIN;
        private int minCases = DEFAULT_MIN_CASES;
        private double confidenceLevel = DEFAULT_CONFIDENCE_LEVEL;
        private int bootstrapResamples = DEFAULT_BOOTSTRAP_RESAMPLES;
        private long bootstrapSeed = DEFAULT_BOOTSTRAP_SEED;

        private Builder() {}

        /**
         * A case passes when its score is at least this (default {@value PromotionRules#DEFAULT_PASS_THRESHOLD}).
         *
         * @param passThreshold in (0, 1]
         * @return this builder
         */
        public Builder passThreshold(double passThreshold) {
            this.passThreshold = passThreshold;
            return this;
        }

        /**
         * The least candidate accuracy to promote (default {@value PromotionRules#DEFAULT_TARGET_ACCURACY}).
         *
         * @param targetAccuracy in [0, 1]
         * @return this builder
         */
        public Builder targetAccuracy(double targetAccuracy) {
            this.targetAccuracy = targetAccuracy;
            return this;
        }

        /**
         * |candidate − base| at most this is a tie (default {@value PromotionRules#DEFAULT_TIE_MARGIN}).
         *
         * @param tieMargin in [0, 1)
         * @return this builder
         */
        public Builder tieMargin(double tieMargin) {
            this.tieMargin = tieMargin;
            return this;
        }

        /**
         * Candidate below base by more than this is a regression (default
         * {@value PromotionRules#DEFAULT_REGRESSION_MARGIN}).
         *
         * @param regressionMargin in [0, 1)
         * @return this builder
         */
        public Builder regressionMargin(double regressionMargin) {
            this.regressionMargin = regressionMargin;
            return this;
        }

        /**
         * The most regressions allowed, as a share of the cases (default
         * {@value PromotionRules#DEFAULT_MAX_REGRESSION_SHARE}).
         *
         * @param maxRegressionShare in [0, 1]
         * @return this builder
         */
        public Builder maxRegressionShare(double maxRegressionShare) {
            this.maxRegressionShare = maxRegressionShare;
            return this;
        }

        /**
         * Whether to require a significant improvement (CI lower bound &gt; 0) instead of non-inferiority (default
         * {@value PromotionRules#DEFAULT_REQUIRE_IMPROVEMENT}).
         *
         * @param requireImprovement true to require an improvement
         * @return this builder
         */
        public Builder requireImprovement(boolean requireImprovement) {
            this.requireImprovement = requireImprovement;
            return this;
        }

        /**
         * When not requiring improvement, the CI lower bound must be at least minus this (default
         * {@value PromotionRules#DEFAULT_NON_INFERIORITY_MARGIN}).
         *
         * @param nonInferiorityMargin in [0, 1)
         * @return this builder
         */
        public Builder nonInferiorityMargin(double nonInferiorityMargin) {
            this.nonInferiorityMargin = nonInferiorityMargin;
            return this;
        }

        /**
         * The fewest cases to promote on (default {@value PromotionRules#DEFAULT_MIN_CASES}).
         *
         * @param minCases at least 1
         * @return this builder
         */
        public Builder minCases(int minCases) {
            this.minCases = minCases;
            return this;
        }

        /**
         * The level of the bootstrap interval (default {@value PromotionRules#DEFAULT_CONFIDENCE_LEVEL}).
         *
         * @param confidenceLevel in (0, 1)
         * @return this builder
         */
        public Builder confidenceLevel(double confidenceLevel) {
            this.confidenceLevel = confidenceLevel;
            return this;
        }

        /**
         * Paired bootstrap resamples (default {@value PromotionRules#DEFAULT_BOOTSTRAP_RESAMPLES}).
         *
         * @param bootstrapResamples at least 100
         * @return this builder
         */
        public Builder bootstrapResamples(int bootstrapResamples) {
            this.bootstrapResamples = bootstrapResamples;
            return this;
        }

        /**
         * The seed of the resampling (default {@value PromotionRules#DEFAULT_BOOTSTRAP_SEED}).
         *
         * @param bootstrapSeed any value
         * @return this builder
         */
        public Builder bootstrapSeed(long bootstrapSeed) {
            this.bootstrapSeed = bootstrapSeed;
            return this;
        }

        /**
         * Builds the rules.
         *
         * @return the rules
         * @throws dev.tuneloop.errors.ValidationException naming every value out of its range
         */
        public PromotionRules build() {
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
                    .require(
                            bootstrapResamples >= 100,
                            "bootstrapResamples must be >= 100, but was " + bootstrapResamples)
                    .orThrow();
            return new PromotionRules(this);
        }
    }
}
