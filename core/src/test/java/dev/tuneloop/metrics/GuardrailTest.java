package dev.tuneloop.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tuneloop.record.ScanQuery;
import dev.tuneloop.route.AbRouter;
import dev.tuneloop.route.RoutingPlan;
import dev.tuneloop.store.Store;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GuardrailTest {

    private static final RoutingPlan PLAN = RoutingPlan.fineTunedVsBase("exp", "ft:m", "gpt-4o-mini", 8_000);

    private static ArmReport report(int ftN, int ftDown, int ftFollow, int baseN, int baseDown, int baseFollow) {
        Store store = Store.inMemory();
        Traffic t = new Traffic(store);
        t.addMany("ft:m", ftN, ftDown, ftFollow);
        t.addMany("gpt-4o-mini", baseN, baseDown, baseFollow);
        t.flush();
        return ArmReport.collect(store.interactions(), ScanQuery.all(), PLAN);
    }

    @Test
    void significantlyMoreThumbsDownCallsForRollback() {
        // 12 % vs 9 % thumbs down over 1000 each: one-sided p = 0.0143 < 0.05
        GuardrailDecision d =
                Guardrail.builder("fine-tuned", "base").build().evaluate(report(1000, 120, 50, 1000, 90, 50));
        assertThat(d.rollback()).isTrue();
        assertThat(d.applied()).isFalse();
        assertThat(d.checks())
                .extracting(GuardrailDecision.Check::rate, GuardrailDecision.Check::verdict)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Rate.THUMBS_DOWN, GuardrailDecision.Verdict.WORSE),
                        org.assertj.core.groups.Tuple.tuple(Rate.FOLLOW_UP, GuardrailDecision.Verdict.OK));
        assertThat(d.checks().get(0).reason())
                .contains("THUMBS_DOWN: fine-tuned 0.1200 vs base 0.0900")
                .contains("p = 0.01433 < alpha 0.05");
    }

    @Test
    void aStricterAlphaDoesNotRollBackTheSameData() {
        GuardrailDecision d = Guardrail.builder("fine-tuned", "base")
                .alpha(0.01)
                .build()
                .evaluate(report(1000, 120, 50, 1000, 90, 50));
        assertThat(d.rollback()).isFalse();
    }

    @Test
    void aBetterCandidateIsNotRolledBack() {
        GuardrailDecision d =
                Guardrail.builder("fine-tuned", "base").build().evaluate(report(1000, 60, 20, 1000, 90, 50));
        assertThat(d.rollback()).isFalse();
        assertThat(d.checks()).allMatch(c -> c.verdict() == GuardrailDecision.Verdict.OK);
    }

    @Test
    void tooFewInteractionsConcludeNothing() {
        GuardrailDecision d = Guardrail.builder("fine-tuned", "base")
                .minSamplesPerArm(500)
                .build()
                .evaluate(report(1000, 500, 500, 100, 0, 0));
        assertThat(d.rollback()).isFalse();
        assertThat(d.checks())
                .allMatch(c -> c.verdict() == GuardrailDecision.Verdict.INSUFFICIENT_DATA && c.test() == null);
        assertThat(d.checks().get(0).reason()).contains("base has 100 interactions, 500 each are needed");
    }

    @Test
    void higherIsBetterRatesAreWorseWhenLower() {
        // thumbs-up guarded: the candidate has none, the base 30 %
        Store store = Store.inMemory();
        Traffic t = new Traffic(store);
        t.addMany("ft:m", 300, 0, 0);
        for (int i = 0; i < 300; i++) {
            var id = t.add("gpt-4o-mini");
            if (i < 90) {
                t.rate(id, dev.tuneloop.record.Rating.up());
            }
        }
        t.flush();
        GuardrailDecision d = Guardrail.builder("fine-tuned", "base")
                .rates(Set.of(Rate.THUMBS_UP))
                .build()
                .evaluate(ArmReport.collect(store.interactions(), ScanQuery.all(), PLAN));
        assertThat(d.rollback()).isTrue();
    }

    @Test
    void enforceTurnsOnTheKillSwitchWithTheBaseModel() {
        Guardrail g = Guardrail.builder("fine-tuned", "base").build();
        try (AbRouter router = AbRouter.create(PLAN)) {
            GuardrailDecision ok = g.enforce(report(1000, 90, 50, 1000, 90, 50), router);
            assertThat(ok.applied()).isFalse();
            assertThat(router.plan().killSwitchOn()).isFalse();

            GuardrailDecision bad = g.enforce(report(1000, 120, 50, 1000, 90, 50), router);
            assertThat(bad.rollback()).isTrue();
            assertThat(bad.applied()).isTrue();
            assertThat(router.plan().killSwitchModel()).isEqualTo("gpt-4o-mini");
            assertThat(router.modelFor("user-1")).isEqualTo("gpt-4o-mini");
        }
    }

    @Test
    void settingsAreValidatedAllAtOnce() {
        Throwable e = catchThrowable(() -> Guardrail.builder("base", "base")
                .alpha(0.5)
                .minSamplesPerArm(0)
                .rates(Set.of())
                .build());
        assertThat(((dev.tuneloop.errors.ValidationException) e).problems())
                .containsExactly(
                        "candidateArm and baseArm must differ, but both were 'base'",
                        "alpha must be in (0, 0.5), but was 0.5",
                        "minSamplesPerArm must be >= 1, but was 0",
                        "rates must not be empty");
    }
}
