package dev.tuneloop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuneloop.curate.ExampleId;
import dev.tuneloop.curate.ReadinessReport;
import dev.tuneloop.curate.RetrainAdvice;
import dev.tuneloop.curate.TrainingSnapshot;
import dev.tuneloop.store.Store;
import dev.tuneloop.testing.TestClock;
import dev.tuneloop.tune.DatasetSnapshot;
import dev.tuneloop.tune.ModelLifecycle;
import dev.tuneloop.tune.ModelVersion;
import dev.tuneloop.tune.NewModelVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The readiness checklist and the retrain advice warn when the deployed model or its base retires soon. */
class LifecycleWarningsTest {
    private final TestClock clock = TestClock.at(Instant.parse("2026-10-01T08:00:00Z"));
    private final Store store = Store.inMemory();

    private void deploy(String provider) {
        ModelVersion v = store.registry()
                .register(new NewModelVersion(
                        clock.instant(),
                        "gpt-4o-mini-2024-07-18",
                        new DatasetSnapshot("cd".repeat(32), List.of(ExampleId.next(1))),
                        "ftjob-1",
                        "",
                        provider,
                        null));
        store.registry().recordFineTunedModel(v.version(), "ft:gpt-4o-mini-2024-07-18:acme::abc");
        store.registry().markDeployed(v.version(), clock.instant());
    }

    @Test
    void theChecklistWarnsWithinSixtyDaysOfTheRetirement() {
        try (Tuneloop t = Tuneloop.builder()
                .store(store)
                .clock(clock)
                .synchronousRecorder()
                .build()) {
            ReadinessReport.Item none = t.readiness()
                    .evaluate(store.examples())
                    .item(ReadinessReport.Check.MODEL_LIFECYCLE)
                    .orElseThrow();
            assertThat(none.status()).as("nothing deployed").isEqualTo(ReadinessReport.Status.PASS);

            deploy("openai");
            assertThat(t.readiness()
                            .evaluate(store.examples())
                            .item(ReadinessReport.Check.MODEL_LIFECYCLE)
                            .orElseThrow()
                            .status())
                    .as("2027-01-14 is 105 days away")
                    .isEqualTo(ReadinessReport.Status.PASS);

            clock.advance(Duration.ofDays(50)); // 2026-11-20: 55 days before 2027-01-14
            ReadinessReport report = t.readiness().evaluate(store.examples());
            ReadinessReport.Item item =
                    report.item(ReadinessReport.Check.MODEL_LIFECYCLE).orElseThrow();
            assertThat(item.status()).isEqualTo(ReadinessReport.Status.WARN);
            assertThat(item.detail()).contains("retires on 2027-01-14 (in 55 days)");
            assertThat(report.warnings()).anyMatch(w -> w.startsWith("MODEL_LIFECYCLE: "));

            RetrainAdvice advice = t.retrainAdvisor().advise(TrainingSnapshot.never());
            assertThat(advice.shouldRetrain()).isTrue();
            assertThat(advice.reasons())
                    .filteredOn(r -> r.trigger() == RetrainAdvice.Trigger.MODEL_LIFECYCLE)
                    .hasSize(2);
        }
    }

    @Test
    void theCalendarDecidesAndCanBeReplaced() {
        deploy("azure");
        clock.advance(Duration.ofDays(50));
        try (Tuneloop t = Tuneloop.builder()
                .store(store)
                .clock(clock)
                .synchronousRecorder()
                .build()) {
            assertThat(t.retrainAdvisor().advise(TrainingSnapshot.never()).shouldRetrain())
                    .as("Azure serves the model until 2027-10-01")
                    .isFalse();
        }
        try (Tuneloop t = Tuneloop.builder()
                .store(store)
                .clock(clock)
                .synchronousRecorder()
                .lifecycle(ModelLifecycle.empty())
                .build()) {
            assertThat(t.lifecycle().entries()).isEmpty();
        }
    }
}
