package dev.tuneloop.curate;

import dev.tuneloop.errors.Checks;
import org.jspecify.annotations.Nullable;

/**
 * How approved examples are split into training and the frozen evaluation holdout (see {@link Holdout}): a long-run
 * share, and a larger bootstrap share used while the holdout is still smaller than a minimum, so a first training set
 * of 50-100 examples still gets the seed's 20+ evaluation examples.
 *
 * <p>Made with {@link #builder()} (every setting starts at its {@code DEFAULT_*}) or {@link #toBuilder()};
 * {@link Builder#build()} checks every setting and reports all problems at once. Immutable and thread-safe.
 *
 * <pre>{@code
 * HoldoutSettings larger = HoldoutSettings.builder().share(0.2).bootstrapShare(0.4).build();
 * }</pre>
 */
public final class HoldoutSettings {
    /** Default of {@link #share()}: 10% of examples are held out in the long run. */
    public static final double DEFAULT_SHARE = 0.10;

    /** Default of {@link #minHoldout()}: the seed's evaluation set has 20-50 examples. */
    public static final int DEFAULT_MIN_HOLDOUT = 20;

    /**
     * Default of {@link #bootstrapShare()}: while the holdout is small, 30% of new approvals go to it, so 20 are held
     * out after about 67 approvals.
     */
    public static final double DEFAULT_BOOTSTRAP_SHARE = 0.30;

    /** The defaults: every setting at its {@code DEFAULT_*}. */
    public static final HoldoutSettings DEFAULT = builder().build();

    private final double share;
    private final int minHoldout;
    private final double bootstrapShare;

    private HoldoutSettings(Builder b) {
        Checks.start()
                .require(b.share > 0 && b.share < 1, "holdout share must be > 0 and < 1, but was " + b.share)
                .require(b.minHoldout >= 0, "minHoldout must be >= 0, but was " + b.minHoldout)
                .require(
                        b.bootstrapShare >= b.share && b.bootstrapShare < 1,
                        "bootstrapShare must be >= share (" + b.share + ") and < 1, but was " + b.bootstrapShare)
                .orThrow();
        this.share = b.share;
        this.minHoldout = b.minHoldout;
        this.bootstrapShare = b.bootstrapShare;
    }

    /**
     * A builder with every setting at its {@code DEFAULT_*}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder that starts from these settings.
     *
     * @return a new builder with every setting of this instance
     */
    public Builder toBuilder() {
        return new Builder().share(share).minHoldout(minHoldout).bootstrapShare(bootstrapShare);
    }

    /**
     * The long-run share of approved examples held out.
     *
     * @return more than 0 and less than 1
     */
    public double share() {
        return share;
    }

    /**
     * While fewer approved examples than this are held out, {@link #bootstrapShare()} is used instead of
     * {@link #share()}; 0 turns the bootstrap off.
     *
     * @return at least 0
     */
    public int minHoldout() {
        return minHoldout;
    }

    /**
     * The share used while the holdout is below {@link #minHoldout()}.
     *
     * @return at least {@link #share()} and less than 1
     */
    public double bootstrapShare() {
        return bootstrapShare;
    }

    /**
     * These settings with another long-run share; the bootstrap share is raised to it when lower, so the result stays
     * valid.
     *
     * @param s the new share, more than 0 and less than 1
     * @return new settings
     * @throws dev.tuneloop.errors.ValidationException when {@code s} is out of range
     */
    public HoldoutSettings withShare(double s) {
        return toBuilder().share(s).bootstrapShare(Math.max(s, bootstrapShare)).build();
    }

    /**
     * These settings with another minimum holdout.
     *
     * @param m the new minimum, at least 0
     * @return new settings
     * @throws dev.tuneloop.errors.ValidationException when {@code m} is negative
     */
    public HoldoutSettings withMinHoldout(int m) {
        return toBuilder().minHoldout(m).build();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        // compare the bits, as a record does: equal settings have equal hash codes
        return o instanceof HoldoutSettings h
                && Double.compare(share, h.share) == 0
                && minHoldout == h.minHoldout
                && Double.compare(bootstrapShare, h.bootstrapShare) == 0;
    }

    @Override
    public int hashCode() {
        int h = Double.hashCode(share);
        h = 31 * h + minHoldout;
        return 31 * h + Double.hashCode(bootstrapShare);
    }

    @Override
    public String toString() {
        return "HoldoutSettings[share=" + share + ", minHoldout=" + minHoldout + ", bootstrapShare=" + bootstrapShare
                + "]";
    }

    /**
     * Builds {@link HoldoutSettings}. Setters accept any value; {@link #build()} checks them all. Not thread-safe; a
     * builder can build several times.
     */
    public static final class Builder {
        private double share = DEFAULT_SHARE;
        private int minHoldout = DEFAULT_MIN_HOLDOUT;
        private double bootstrapShare = DEFAULT_BOOTSTRAP_SHARE;

        private Builder() {}

        /**
         * The long-run share held out (default {@value HoldoutSettings#DEFAULT_SHARE}).
         *
         * @param v more than 0 and less than 1
         * @return this builder
         */
        public Builder share(double v) {
            this.share = v;
            return this;
        }

        /**
         * The holdout size below which the bootstrap share applies (default
         * {@value HoldoutSettings#DEFAULT_MIN_HOLDOUT}); 0 turns the bootstrap off.
         *
         * @param v at least 0
         * @return this builder
         */
        public Builder minHoldout(int v) {
            this.minHoldout = v;
            return this;
        }

        /**
         * The share held out while the holdout is below the minimum (default
         * {@value HoldoutSettings#DEFAULT_BOOTSTRAP_SHARE}).
         *
         * @param v at least the share, and less than 1
         * @return this builder
         */
        public Builder bootstrapShare(double v) {
            this.bootstrapShare = v;
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return the validated settings
         * @throws dev.tuneloop.errors.ValidationException listing every problem
         */
        public HoldoutSettings build() {
            return new HoldoutSettings(this);
        }
    }
}
