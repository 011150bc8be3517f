package dev.tuneloop.metrics;

import java.util.Objects;

/**
 * One of the seed's "Key Metrics to Track", with its value, target and status.
 *
 * @param kind   which metric; never null
 * @param value  the measured value in the kind's unit (a count, a share in [0, 1], or days); NaN when unknown
 * @param status how the value compares with the target; never null
 */
public record FlywheelMetric(Kind kind, double value, Status status) {

    /**
     * Checks the parts.
     *
     * @param kind   which metric; never null
     * @param value  the measured value in the kind's unit (a count, a share in [0, 1], or days); NaN when unknown
     * @param status how the value compares with the target; never null
     * @throws NullPointerException when {@code kind} or {@code status} is null
     */
    public FlywheelMetric {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
    }

    /**
     * The seed's target.
     *
     * @return the target in words, e.g. {@code "10-20% of interactions promoted"}
     */
    public String target() {
        return kind.target();
    }

    /** How a value compares with its target. */
    public enum Status {
        /** Within the target. */
        MET,
        /** Under the target (e.g. too few examples, too little feedback, accuracy under 85 %). */
        BELOW_TARGET,
        /** Over the target (e.g. a curation rate over 20 %, more days since training than a month). */
        ABOVE_TARGET,
        /** Not enough data, or the input was not given. */
        NO_DATA
    }

    /** The metrics, with the seed's targets. */
    public enum Kind {
        /** Approved training examples (count); target at least 100 for the first model. */
        TRAINING_EXAMPLES("100+ approved examples for the first model"),
        /** Approved examples made from the window's interactions / the window's interactions; target 10-20 %. */
        CURATION_RATE("10-20% of interactions promoted"),
        /** The window's interactions with any feedback / the window's interactions; target more than 30 %. */
        FEEDBACK_COVERAGE(">30% of interactions have feedback"),
        /** The deployed model's accuracy on the evaluation set, in [0, 1]; target more than 85 %. */
        EVAL_ACCURACY(">85% on the eval set"),
        /** Days since the last training started; target at most 31 (monthly). */
        DAYS_SINCE_TRAINING("train monthly (at most 31 days)");

        private final String target;

        Kind(String target) {
            this.target = target;
        }

        /**
         * The seed's target in words.
         *
         * @return the target, e.g. {@code "train monthly (at most 31 days)"}
         */
        public String target() {
            return target;
        }
    }
}
