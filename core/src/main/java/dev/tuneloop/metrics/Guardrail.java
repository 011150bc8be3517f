package dev.tuneloop.metrics;

import dev.tuneloop.errors.Checks;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.route.AbRouter;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Watches a candidate arm against the base arm and calls for a rollback when the candidate is significantly worse
 * (the seed's "Monitor" and "Handling Model Drift"): by default when its thumbs-down rate or its follow-up rate is
 * higher than the base's with a one-sided two-proportion z-test p-value below alpha, once both arms have at least the
 * minimum number of interactions.
 *
 * <p>{@link #evaluate} only reports; {@link #enforce} also applies the rollback by turning on the router's kill switch
 * with the base arm's model, so every request goes to the base model until someone turns it off. Stateless and
 * thread-safe.
 */
public interface Guardrail {

    /**
     * Reports whether {@code report} calls for a rollback. Never changes anything.
     *
     * @param report the arms' statistics
     * @return the decision, one check per guarded rate
     * @throws dev.tuneloop.errors.ValidationException when the report lacks the candidate or the base arm
     */
    GuardrailDecision evaluate(ArmReport report);

    /**
     * The base arm's name.
     *
     * @return the arm whose model a rollback switches to
     */
    String baseArm();

    /**
     * Evaluates {@code report} and, when it calls for a rollback and the router's kill switch is off, turns it on with
     * the base arm's model.
     *
     * @param report the arms' statistics
     * @param router the router to roll back
     * @return the decision, marked applied when this call turned the kill switch on
     * @throws dev.tuneloop.errors.ValidationException when the report lacks an arm, or the router's plan has no arm
     *     named {@link #baseArm()}
     */
    default GuardrailDecision enforce(ArmReport report, AbRouter router) {
        GuardrailDecision d = evaluate(report);
        if (!d.rollback() || router.plan().killSwitchOn()) {
            return d;
        }
        String baseModel = router.plan()
                .arm(baseArm())
                .orElseThrow(() -> new ValidationException("the router's plan must have the base arm '" + baseArm()
                        + "', but has " + router.plan().arms()))
                .model();
        router.killSwitch(baseModel);
        return d.asApplied();
    }

    /**
     * A builder guarding {@code candidateArm} against {@code baseArm}.
     *
     * @param candidateArm the arm under watch
     * @param baseArm      the arm it is compared with, and whose model a rollback switches to
     * @return a new builder
     */
    static Builder builder(String candidateArm, String baseArm) {
        return new Builder(candidateArm, baseArm);
    }

    /** Settings of a {@link Guardrail}. Not thread-safe. */
    final class Builder {
        /** Default significance level of the one-sided tests: {@value}. */
        public static final double DEFAULT_ALPHA = 0.05;
        /** Default minimum interactions per arm before anything is concluded: {@value}. */
        public static final int DEFAULT_MIN_SAMPLES_PER_ARM = 200;
        /** Default guarded rates: thumbs down and follow-up. */
        public static final Set<Rate> DEFAULT_RATES = Set.of(Rate.THUMBS_DOWN, Rate.FOLLOW_UP);

        final String candidateArm;
        final String baseArm;
        double alpha = DEFAULT_ALPHA;
        long minSamplesPerArm = DEFAULT_MIN_SAMPLES_PER_ARM;
        Set<Rate> rates = EnumSet.copyOf(DEFAULT_RATES);

        private Builder(String candidateArm, String baseArm) {
            this.candidateArm = candidateArm;
            this.baseArm = baseArm;
        }

        /**
         * Significance level of each one-sided test; default {@link #DEFAULT_ALPHA}.
         *
         * @param a the level, in (0, 0.5)
         * @return this builder
         */
        public Builder alpha(double a) {
            this.alpha = a;
            return this;
        }

        /**
         * Interactions each arm needs before a rate is tested; default {@link #DEFAULT_MIN_SAMPLES_PER_ARM}.
         *
         * @param n the count, &ge; 1
         * @return this builder
         */
        public Builder minSamplesPerArm(long n) {
            this.minSamplesPerArm = n;
            return this;
        }

        /**
         * The rates to guard; for rates where higher is better, "worse" means lower. Default {@link #DEFAULT_RATES}.
         *
         * @param guarded the rates, not empty
         * @return this builder
         * @throws NullPointerException when {@code guarded} is null
         */
        public Builder rates(Set<Rate> guarded) {
            Objects.requireNonNull(guarded, "rates");
            this.rates = guarded.isEmpty() ? EnumSet.noneOf(Rate.class) : EnumSet.copyOf(guarded);
            return this;
        }

        /**
         * Builds the guardrail.
         *
         * @return the guardrail
         * @throws ValidationException listing every invalid setting
         */
        public Guardrail build() {
            Checks.start()
                    .text("candidateArm", candidateArm, true, 256)
                    .text("baseArm", baseArm, true, 256)
                    .require(
                            candidateArm == null || !candidateArm.equals(baseArm),
                            "candidateArm and baseArm must differ, but both were '" + baseArm + "'")
                    .require(alpha > 0 && alpha < 0.5, "alpha must be in (0, 0.5), but was " + alpha)
                    .require(minSamplesPerArm >= 1, "minSamplesPerArm must be >= 1, but was " + minSamplesPerArm)
                    .require(!rates.isEmpty(), "rates must not be empty")
                    .orThrow();
            return new SignificanceGuardrail(this);
        }
    }
}
