package dev.tuneloop.metrics;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link Guardrail} concluded about a candidate arm.
 *
 * @param rollback whether the candidate is significantly worse on at least one guarded rate
 * @param applied  whether the rollback was applied to a router (its plan's kill switch turned on)
 * @param checks   one check per guarded rate, in the guardrail's order
 */
public record GuardrailDecision(boolean rollback, boolean applied, List<Check> checks) {

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
     * @param rate    the rate
     * @param verdict the outcome
     * @param test    the test; null when {@link Verdict#INSUFFICIENT_DATA}
     * @param reason  a one-line explanation with the numbers
     */
    public record Check(Rate rate, Verdict verdict, ProportionTest test, String reason) {
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
