package dev.tuneloop.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tuneloop.curate.Category;
import dev.tuneloop.curate.ExampleId;
import dev.tuneloop.curate.ExampleRevision;
import dev.tuneloop.curate.ExampleStatus;
import dev.tuneloop.curate.QualityScore;
import dev.tuneloop.curate.Split;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.Rating;
import dev.tuneloop.store.Store;
import dev.tuneloop.tune.ModelRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlywheelMetricsTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static void approve(Store store, InteractionId source, Instant interactionAt, ExampleStatus status) {
        ExampleId id = new ExampleId(java.util.UUID.randomUUID()); // not the shared UUIDv7 generator, see Traffic
        boolean ok = status == ExampleStatus.APPROVED;
        TrainingExample e = new TrainingExample(
                id,
                source,
                "u",
                status,
                Split.TRAIN,
                interactionAt,
                null,
                List.of(),
                "q",
                List.of(),
                "a",
                null,
                null,
                "m",
                ok ? Category.SEC_10K : null,
                ok ? QualityScore.of(8) : null,
                "reviewer",
                null,
                ok ? null : "off-topic",
                NOW,
                NOW,
                1);
        store.examples().insert(e, new ExampleRevision(id, 1, NOW, "reviewer", List.of("status"), null));
    }

    @Test
    void measuresEachMetricAgainstTheSeedsTargets() {
        Store store = Store.inMemory();
        Traffic t = new Traffic(store);
        List<InteractionId> ids = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            InteractionId id = t.add("m");
            ids.add(id);
            if (i < 35) {
                t.rate(id, Rating.up());
            }
        }
        t.flush();
        // 15 of the window's interactions approved, 5 rejected (not counted)
        for (int i = 0; i < 20; i++) {
            approve(
                    store,
                    ids.get(i),
                    Traffic.T0.plusSeconds(i),
                    i < 15 ? ExampleStatus.APPROVED : ExampleStatus.REJECTED);
        }
        FlywheelReport r = FlywheelMetrics.builder(store.interactions(), store.examples())
                .clock(CLOCK)
                .evalAccuracy(0.87)
                .lastTrainingAt(NOW.minus(Duration.ofDays(10)))
                .build()
                .measure();

        assertThat(r.measuredAt()).isEqualTo(NOW);
        assertThat(r.metrics()).extracting(FlywheelMetric::kind).containsExactly(FlywheelMetric.Kind.values());
        assertThat(r.get(FlywheelMetric.Kind.TRAINING_EXAMPLES).value()).isEqualTo(15);
        assertThat(r.get(FlywheelMetric.Kind.TRAINING_EXAMPLES).status()).isEqualTo(FlywheelMetric.Status.BELOW_TARGET);
        assertThat(r.get(FlywheelMetric.Kind.CURATION_RATE).value()).isCloseTo(0.15, within(1e-12));
        assertThat(r.get(FlywheelMetric.Kind.CURATION_RATE).status()).isEqualTo(FlywheelMetric.Status.MET);
        assertThat(r.get(FlywheelMetric.Kind.FEEDBACK_COVERAGE).value()).isCloseTo(0.35, within(1e-12));
        assertThat(r.get(FlywheelMetric.Kind.FEEDBACK_COVERAGE).status()).isEqualTo(FlywheelMetric.Status.MET);
        assertThat(r.get(FlywheelMetric.Kind.EVAL_ACCURACY).status()).isEqualTo(FlywheelMetric.Status.MET);
        assertThat(r.get(FlywheelMetric.Kind.DAYS_SINCE_TRAINING).value()).isCloseTo(10.0, within(1e-9));
        assertThat(r.get(FlywheelMetric.Kind.DAYS_SINCE_TRAINING).status()).isEqualTo(FlywheelMetric.Status.MET);
        assertThat(r.get(FlywheelMetric.Kind.CURATION_RATE).target()).isEqualTo("10-20% of interactions promoted");
        assertThat(r.allMet()).isFalse();
    }

    @Test
    void windowLimitsInteractionsAndTheExamplesMadeFromThem() {
        Store store = Store.inMemory();
        Traffic t = new Traffic(store);
        List<InteractionId> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(t.add("m", Traffic.T0.plus(Duration.ofDays(i)), Duration.ZERO, 0, 0));
        }
        t.flush();
        approve(store, ids.get(1), Traffic.T0.plus(Duration.ofDays(1)), ExampleStatus.APPROVED);
        approve(store, ids.get(8), Traffic.T0.plus(Duration.ofDays(8)), ExampleStatus.APPROVED);
        approve(store, ids.get(9), Traffic.T0.plus(Duration.ofDays(9)), ExampleStatus.APPROVED);
        FlywheelReport r = FlywheelMetrics.builder(store.interactions(), store.examples())
                .clock(CLOCK)
                .window(Traffic.T0.plus(Duration.ofDays(5)), null)
                .build()
                .measure();
        // window: days 5-9 = 5 interactions, 2 approved from them: 40 %, above the 20 % target
        assertThat(r.get(FlywheelMetric.Kind.CURATION_RATE).value()).isCloseTo(0.4, within(1e-12));
        assertThat(r.get(FlywheelMetric.Kind.CURATION_RATE).status()).isEqualTo(FlywheelMetric.Status.ABOVE_TARGET);
        assertThat(r.get(FlywheelMetric.Kind.FEEDBACK_COVERAGE).status()).isEqualTo(FlywheelMetric.Status.BELOW_TARGET);
        assertThat(r.get(FlywheelMetric.Kind.TRAINING_EXAMPLES).value()).isEqualTo(3);
        assertThat(r.get(FlywheelMetric.Kind.EVAL_ACCURACY).status()).isEqualTo(FlywheelMetric.Status.NO_DATA);
        assertThat(r.get(FlywheelMetric.Kind.EVAL_ACCURACY).value()).isNaN();
    }

    @Test
    void emptyStoresAndStaleModelsAreReportedSo() {
        Store store = Store.inMemory();
        FlywheelReport r = FlywheelMetrics.builder(store.interactions(), store.examples())
                .clock(CLOCK)
                .evalAccuracy(0.80)
                .lastTrainingAt(NOW.minus(Duration.ofDays(45)))
                .build()
                .measure();
        assertThat(r.get(FlywheelMetric.Kind.CURATION_RATE).status()).isEqualTo(FlywheelMetric.Status.NO_DATA);
        assertThat(r.get(FlywheelMetric.Kind.FEEDBACK_COVERAGE).status()).isEqualTo(FlywheelMetric.Status.NO_DATA);
        assertThat(r.get(FlywheelMetric.Kind.EVAL_ACCURACY).status()).isEqualTo(FlywheelMetric.Status.BELOW_TARGET);
        assertThat(r.get(FlywheelMetric.Kind.DAYS_SINCE_TRAINING).status())
                .isEqualTo(FlywheelMetric.Status.ABOVE_TARGET);
    }

    @Test
    void registryGivesTheDeployedAccuracyAndTheLastTraining() {
        Store store = Store.inMemory();
        Store tuneloopStore = Store.inMemory();
        ModelRegistry registry = tuneloopStore.registry();
        dev.tuneloop.tune.DatasetSnapshot data = new dev.tuneloop.tune.DatasetSnapshot("0".repeat(64), List.of());
        String v1 = registry.register(new dev.tuneloop.tune.NewModelVersion(
                        NOW.minus(Duration.ofDays(40)), "gpt-4o-mini", data, null, ""))
                .version();
        registry.recordFineTunedModel(v1, "ft:v1");
        registry.recordEvaluation(
                v1,
                dev.tuneloop.tune.EvaluationSummary.builder("gpt-4o-mini", "ft:v1", NOW.minus(Duration.ofDays(39)))
                        .meanScores(0.7, 0.8)
                        .candidateAccuracy(0.88)
                        .promote(true)
                        .build());
        registry.markDeployed(v1, NOW.minus(Duration.ofDays(38)));
        registry.register(new dev.tuneloop.tune.NewModelVersion(
                NOW.minus(Duration.ofDays(3)), "gpt-4o-mini", data, null, "v2 in training"));

        FlywheelReport r = FlywheelMetrics.builder(store.interactions(), store.examples())
                .clock(CLOCK)
                .registry(registry)
                .build()
                .measure();
        assertThat(r.get(FlywheelMetric.Kind.EVAL_ACCURACY).value()).isEqualTo(0.88);
        assertThat(r.get(FlywheelMetric.Kind.EVAL_ACCURACY).status()).isEqualTo(FlywheelMetric.Status.MET);
        assertThat(r.get(FlywheelMetric.Kind.DAYS_SINCE_TRAINING).value()).isCloseTo(3.0, within(1e-9));

        FlywheelReport empty = FlywheelMetrics.builder(store.interactions(), store.examples())
                .clock(CLOCK)
                .registry(Store.inMemory().registry())
                .build()
                .measure();
        assertThat(empty.get(FlywheelMetric.Kind.EVAL_ACCURACY).status()).isEqualTo(FlywheelMetric.Status.NO_DATA);
        assertThat(empty.get(FlywheelMetric.Kind.DAYS_SINCE_TRAINING).status())
                .isEqualTo(FlywheelMetric.Status.NO_DATA);
    }

    @Test
    void badInputsAreRejected() {
        Store store = Store.inMemory();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> FlywheelMetrics.builder(store.interactions(), store.examples())
                                .evalAccuracy(85)
                                .build())
                .hasMessage("evalAccuracy must be in [0, 1], but was 85.0");
    }
}
