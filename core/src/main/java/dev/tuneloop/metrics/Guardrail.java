package dev.tuneloop.metrics;

import dev.tuneloop.internal.Checks;
import dev.tuneloop.route.AbRouter;
import java.util.EnumSet;
import java.util.List;
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

    /** Reports whether {@code report} calls for a rollback. Never changes anything. */
    GuardrailDecision evaluate(ArmReport report);

    /** The base arm's name. */
    String baseArm();

    /**
     * Evaluates {@code report} and, when it calls for a rollback and the router's kill switch is off, turns it on with
     * the base arm's model.
     *
     * @throws dev.tuneloop.errors.ValidationException when the router's plan has no arm named {@link #baseArm()}
     */
    default GuardrailDecision enforce(ArmReport report, AbRouter router) {
        GuardrailDecision d = evaluate(report);
        if (!d.rollback() || router.plan().killSwitchOn()) {
            return d;
        }
        String baseModel = router.plan()
                .arm(baseArm())
                .orElseThrow(
                        () -> new dev.tuneloop.errors.ValidationException("the router's plan must have the base arm '"
                                + baseArm() + "', but has " + router.plan().arms()))
                .model();
        router.killSwitch(baseModel);
        return d.asApplied();
    }

    /** A builder guarding {@code candidateArm} against {@code baseArm}. */
    static Builder builder(String candidateArm, String baseArm) {
        return new Builder(candidateArm, baseArm);
    }

    /** Settings of a {@link Guardrail}. Not thread-safe. */
    final class Builder {
        /** Default significance level of the one-sided tests. */
        public static final double DEFAULT_ALPHA = 0.05;
        /** Default minimum interactions per arm before anything is concluded. */
        public static final int DEFAULT_MIN_SAMPLES_PER_ARM = 200;
        /** Default guarded rates. */
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

        /** Significance level of each one-sided test, in (0, 0.5); default 0.05. */
        public Builder alpha(double a) {
            this.alpha = a;
            return this;
        }

        /** Interactions each arm needs before a rate is tested; default 200. */
        public Builder minSamplesPerArm(long n) {
            this.minSamplesPerArm = n;
            return this;
        }

        /** The rates to guard; for rates where higher is better, "worse" means lower. Default thumbs down, follow-up. */
        public Builder rates(Set<Rate> guarded) {
            Objects.requireNonNull(guarded, "rates");
            this.rates = guarded.isEmpty() ? EnumSet.noneOf(Rate.class) : EnumSet.copyOf(guarded);
            return this;
        }

        /** @throws dev.tuneloop.errors.ValidationException listing every invalid setting */
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
            return new SignificanceGuardrail(candidateArm, baseArm, alpha, minSamplesPerArm, List.copyOf(rates));
        }
    }
}
