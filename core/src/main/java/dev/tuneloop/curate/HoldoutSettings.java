package dev.tuneloop.curate;

import dev.tuneloop.internal.Checks;

/**
 * How approved examples are split into training and the frozen evaluation holdout (see {@link Holdout}).
 *
 * @param share          the long-run share of examples held out; more than 0 and less than 1 (default
 *                       {@value #DEFAULT_SHARE})
 * @param minHoldout     while fewer approved examples than this are held out, {@code bootstrapShare} is used instead
 *                       of {@code share}, so a first training set of 50-100 examples still gets the seed's 20+
 *                       evaluation examples; 0 turns this off (default {@value #DEFAULT_MIN_HOLDOUT})
 * @param bootstrapShare the share used while the holdout is below {@code minHoldout}; at least {@code share} and less
 *                       than 1 (default {@value #DEFAULT_BOOTSTRAP_SHARE})
 */
public record HoldoutSettings(double share, int minHoldout, double bootstrapShare) {
    /** 10% of examples are held out in the long run. */
    public static final double DEFAULT_SHARE = 0.10;
    /** The seed's evaluation set has 20-50 examples. */
    public static final int DEFAULT_MIN_HOLDOUT = 20;
    /** While the holdout is small, 30% of new approvals go to it: 20 held out after about 67 approvals. */
    public static final double DEFAULT_BOOTSTRAP_SHARE = 0.30;

    /** The defaults. */
    public static final HoldoutSettings DEFAULT =
            new HoldoutSettings(DEFAULT_SHARE, DEFAULT_MIN_HOLDOUT, DEFAULT_BOOTSTRAP_SHARE);

    public HoldoutSettings {
        Checks.start()
                .require(share > 0 && share < 1, "holdout share must be > 0 and < 1, but was " + share)
                .require(minHoldout >= 0, "minHoldout must be >= 0, but was " + minHoldout)
                .require(
                        bootstrapShare >= share && bootstrapShare < 1,
                        "bootstrapShare must be >= share (" + share + ") and < 1, but was " + bootstrapShare)
                .orThrow();
    }

    /** These settings with another long-run share (the bootstrap share is raised to it when lower). */
    public HoldoutSettings withShare(double s) {
        return new HoldoutSettings(s, minHoldout, Math.max(s, bootstrapShare));
    }

    public HoldoutSettings withMinHoldout(int m) {
        return new HoldoutSettings(share, m, bootstrapShare);
    }
}
