package dev.tuneloop.metrics;

import dev.tuneloop.errors.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The {@link Guardrail}: one one-sided pooled z-test per guarded rate. */
final class SignificanceGuardrail implements Guardrail {
    private final String candidateArm;
    private final String baseArm;
    private final double alpha;
    private final long minSamples;
    private final List<Rate> rates;

    /** Takes the builder's validated settings; the rates in {@link Rate} order. */
    SignificanceGuardrail(Guardrail.Builder b) {
        this.candidateArm = b.candidateArm;
        this.baseArm = b.baseArm;
        this.alpha = b.alpha;
        this.minSamples = b.minSamplesPerArm;
        this.rates = List.copyOf(b.rates);
    }

    @Override
    public String baseArm() {
        return baseArm;
    }

    @Override
    public GuardrailDecision evaluate(ArmReport report) {
        ArmStats c = report.arm(candidateArm)
                .orElseThrow(() -> new ValidationException("the report must have the candidate arm '" + candidateArm
                        + "', but has " + report.arms().keySet()));
        ArmStats b = report.arm(baseArm)
                .orElseThrow(() -> new ValidationException("the report must have the base arm '" + baseArm
                        + "', but has " + report.arms().keySet()));
        List<GuardrailDecision.Check> checks = new ArrayList<>(rates.size());
        boolean rollback = false;
        for (Rate rate : rates) {
            if (c.count() < minSamples || b.count() < minSamples) {
                checks.add(new GuardrailDecision.Check(
                        rate,
                        GuardrailDecision.Verdict.INSUFFICIENT_DATA,
                        null,
                        String.format(
                                Locale.ROOT,
                                "%s: %s has %d and %s has %d interactions, %d each are needed",
                                rate,
                                candidateArm,
                                c.count(),
                                baseArm,
                                b.count(),
                                minSamples)));
                continue;
            }
            // the interval's level matches the test: 1 - 2 alpha two-sided, i.e. a one-sided bound at 1 - alpha
            ProportionTest t =
                    ProportionTest.of(rate.successes(c), c.count(), rate.successes(b), b.count(), 1 - 2 * alpha);
            double p = rate.higherIsBetter() ? t.pValueCandidateLower() : t.pValueCandidateHigher();
            boolean worse = p < alpha;
            rollback |= worse;
            checks.add(new GuardrailDecision.Check(
                    rate,
                    worse ? GuardrailDecision.Verdict.WORSE : GuardrailDecision.Verdict.OK,
                    t,
                    String.format(
                            Locale.ROOT,
                            "%s: %s %.4f vs %s %.4f, difference %+.4f [%+.4f, %+.4f], one-sided p = %.4g %s alpha %.3g",
                            rate,
                            candidateArm,
                            t.candidateRate(),
                            baseArm,
                            t.baseRate(),
                            t.difference(),
                            t.low(),
                            t.high(),
                            p,
                            worse ? "<" : ">=",
                            alpha)));
        }
        return new GuardrailDecision(rollback, false, checks);
    }

    @Override
    public String toString() {
        return "Guardrail[candidate=" + candidateArm + ", base=" + baseArm + ", alpha=" + alpha + ", minSamples="
                + minSamples + ", rates=" + rates + "]";
    }
}
