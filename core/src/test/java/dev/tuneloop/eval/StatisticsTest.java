package dev.tuneloop.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class StatisticsTest {

    static EvaluationReport report(double[] base, double[] cand, String[] categories, PromotionRules rules) {
        List<EvaluationReport.CaseResult> cases = new ArrayList<>();
        for (int i = 0; i < base.length; i++) {
            Map<String, EvaluationReport.ModelAnswer> answers = new LinkedHashMap<>();
            answers.put("base", answer(base[i], rules));
            answers.put("cand", answer(cand[i], rules));
            cases.add(new EvaluationReport.CaseResult(
                    "c" + i,
                    categories == null ? null : categories[i],
                    "q" + i,
                    "expected " + i,
                    List.of(),
                    answers,
                    null));
        }
        var settings = new EvaluationReport.Settings(0.3, null, "test", null, rules);
        return EvaluationReport.compute(
                Instant.parse("2026-03-16T12:00:00Z"), settings, List.of("base", "cand"), cases, null);
    }

    private static EvaluationReport.ModelAnswer answer(double score, PromotionRules rules) {
        return new EvaluationReport.ModelAnswer(
                "a", score, score >= rules.passThreshold(), Map.of("s", score), null, false, 1, 10, 5);
    }

    @Test
    void meansAccuracyWinsTiesLossesAndRegressionsMatchAHandComputation() {
        PromotionRules rules = PromotionRules.DEFAULTS.withMinCases(1);
        double[] base = {0.2, 0.5, 0.9, 0.7};
        double[] cand = {0.8, 0.5, 0.95, 0.4};
        EvaluationReport r = report(base, cand, new String[] {"a", "a", "b", null}, rules);

        // by hand: base mean 2.3/4, candidate 2.65/4; pass at 0.7: base {0.9, 0.7}, candidate {0.8, 0.95}
        assertThat(r.model("base").meanScore()).isCloseTo(0.575, within(1e-12));
        assertThat(r.model("cand").meanScore()).isCloseTo(0.6625, within(1e-12));
        assertThat(r.model("base").accuracy()).isEqualTo(0.5);
        assertThat(r.model("cand").accuracy()).isEqualTo(0.5);
        // differences +0.6 (win), 0 (tie), +0.05 (tie: within 0.05), -0.3 (loss, and a regression: > 0.1)
        EvaluationReport.Comparison c = r.primaryComparison();
        assertThat(List.of(c.wins(), c.ties(), c.losses())).containsExactly(1, 2, 1);
        assertThat(c.meanDifference()).isCloseTo(0.0875, within(1e-12));
        assertThat(c.regressions())
                .extracting(EvaluationReport.Regression::caseId)
                .containsExactly("c3");
        assertThat(c.regressions().get(0).drop()).isCloseTo(0.3, within(1e-12));
        // categories: a = {c0, c1}, b = {c2}, none = {c3}
        assertThat(r.categories())
                .extracting(EvaluationReport.CategoryBreakdown::category)
                .containsExactly("(none)", "a", "b");
        assertThat(r.categories().get(1).meanScore().get("base")).isCloseTo(0.35, within(1e-12));
        assertThat(r.categories().get(1).meanScore().get("cand")).isCloseTo(0.65, within(1e-12));
        assertThat(r.categories().get(1).accuracy().get("cand")).isEqualTo(0.5);
        // accuracy 50% < 85%, and 1 regression > floor(10% of 4) = 0
        assertThat(r.verdict().decision()).isEqualTo(EvaluationReport.Decision.HOLD);
        assertThat(r.verdict().checks())
                .extracting(EvaluationReport.RuleCheck::rule, EvaluationReport.RuleCheck::passed)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("min_cases", true),
                        org.assertj.core.groups.Tuple.tuple("no_failed_calls", true),
                        org.assertj.core.groups.Tuple.tuple("accuracy", false),
                        org.assertj.core.groups.Tuple.tuple(
                                "not_worse", c.interval().lower() >= -0.02),
                        org.assertj.core.groups.Tuple.tuple("regressions", false));
    }

    @Test
    void bootstrapOfTwoValuesHasTheExactPercentiles() {
        // resampled means of {0, 1} are 0, 0.5, 1 with probabilities 1/4, 1/2, 1/4: the 2.5% and 97.5% quantiles are 0
        // and 1
        double[] ci = Statistics.bootstrapMeanInterval(new double[] {0, 1}, 0.95, 10_000, 7);
        assertThat(ci).containsExactly(0.0, 1.0);
        // at 40% confidence the 30% and 70% quantiles both fall on 0.5
        assertThat(Statistics.bootstrapMeanInterval(new double[] {0, 1}, 0.40, 10_000, 7))
                .containsExactly(0.5, 0.5);
    }

    @Test
    void constantDifferencesGiveAPointInterval() {
        assertThat(Statistics.bootstrapMeanInterval(new double[] {0.25, 0.25, 0.25}, 0.95, 1000, 1))
                .containsExactly(0.25, 0.25);
        assertThat(Statistics.bootstrapMeanInterval(new double[] {-0.1}, 0.95, 1000, 1))
                .containsExactly(-0.1, -0.1);
    }

    @Test
    void bootstrapAgreesWithTheNormalApproximationOnASymmetricSample() {
        Random rnd = new Random(12345);
        double[] d = new double[60];
        for (int i = 0; i < d.length; i++) {
            d[i] = rnd.nextDouble() - 0.4; // uniform on [-0.4, 0.6)
        }
        double mean = Statistics.mean(d);
        double var = 0;
        for (double x : d) {
            var += (x - mean) * (x - mean);
        }
        double se = Math.sqrt(var / d.length) / Math.sqrt(d.length); // the bootstrap's plug-in standard error
        double half = 1.959964 * se;
        double[] ci = Statistics.bootstrapMeanInterval(d, 0.95, 10_000, 42);
        assertThat(ci[0]).isCloseTo(mean - half, within(0.1 * half));
        assertThat(ci[1]).isCloseTo(mean + half, within(0.1 * half));
    }

    @Test
    void theSameSeedGivesTheSameInterval() {
        double[] d = {0.1, -0.2, 0.3, 0.05, 0.4, -0.1, 0.0};
        assertThat(Statistics.bootstrapMeanInterval(d, 0.95, 5000, 99))
                .containsExactly(Statistics.bootstrapMeanInterval(d, 0.95, 5000, 99));
    }

    @Property(tries = 100)
    void theIntervalLiesWithinTheDataAndContainsTheMean(
            @ForAll @Size(min = 1, max = 30) List<@DoubleRange(min = -1, max = 1) Double> values) {
        double[] d = values.stream().mapToDouble(Double::doubleValue).toArray();
        double[] ci = Statistics.bootstrapMeanInterval(d, 0.95, 2000, 3);
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        double mean = Statistics.mean(d);
        assertThat(ci[0]).isBetween(min - 1e-12, ci[1]);
        assertThat(ci[1]).isLessThanOrEqualTo(max + 1e-12);
        assertThat(mean).isBetween(ci[0] - 1e-12, ci[1] + 1e-12);
    }

    @Property(tries = 100)
    void winsTiesAndLossesCoverEveryCase(
            @ForAll @Size(min = 1, max = 25) List<@DoubleRange(min = 0, max = 1) Double> base,
            @ForAll @DoubleRange(min = -0.5, max = 0.5) double shift) {
        double[] b = base.stream().mapToDouble(Double::doubleValue).toArray();
        double[] c = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            c[i] = Math.max(0, Math.min(1, b[i] + shift));
        }
        EvaluationReport.Comparison cmp = report(b, c, null, PromotionRules.DEFAULTS.withBootstrap(0.95, 200, 1))
                .primaryComparison();
        assertThat(cmp.wins() + cmp.ties() + cmp.losses()).isEqualTo(b.length);
        assertThat(cmp.meanDifference()).isCloseTo(Statistics.mean(c) - Statistics.mean(b), within(1e-12));
        assertThat(cmp.regressions()).allSatisfy(g -> assertThat(g.drop()).isGreaterThan(0.1));
    }
}
