package dev.tuneloop.metrics;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link Guardrail} concluded about a candidate arm.
 *
 * @param rollback whether the candidate is significantly worse on at least one guarded rate
 * @param applied  whether the rollback was applied to a router (its plan's kill switch turned on)
 * @param checks   one check per guarded rate, in the guardrail's order; copied
 */
public record GuardrailDecision(boolean rollback, boolean applied, List<Check> checks) {

    /**
     * Copies the checks.
     *
     * @param rollback whether the candidate is significantly worse on at least one guarded rate
     * @param applied  whether the rollback was applied to a router (its plan's kill switch turned on)
     * @param checks   one check per guarded rate, in the guardrail's order; copied
     * @throws NullPointerException when the list or a check is null
     */
    public GuardrailDecision {
        checks = List.copyOf(checks);
    }

    /** The outcome for one rate. */
    public enum Verdict {
        /** An arm has fewer interactions than the guardrail's minimum: nothing is concluded. */
        INSUFFICIENT_DATA,
        /** The candidate is not significantly worse. */
        OK,
        /** The candidate is significantly worse (one-sided test at the guardrail's alpha). */
        WORSE
    }

    /**
     * One guarded rate.
     *
     * @param rate    the rate; never null
     * @param verdict the outcome; never null
     * @param test    the test; null when {@link Verdict#INSUFFICIENT_DATA}
     * @param reason  a one-line explanation with the numbers; never null
     */
    public record Check(
            Rate rate, Verdict verdict, @Nullable ProportionTest test, String reason) {
        /**
         * Checks the parts.
         *
         * @param rate    the rate; never null
         * @param verdict the outcome; never null
         * @param test    the test; null when {@link Verdict#INSUFFICIENT_DATA}
         * @param reason  a one-line explanation with the numbers; never null
         * @throws NullPointerException when {@code rate}, {@code verdict} or {@code reason} is null
         */
        public Check {
            Objects.requireNonNull(rate, "rate");
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** This decision marked as applied. */
    GuardrailDecision asApplied() {
        return new GuardrailDecision(rollback, true, checks);
    }
}
