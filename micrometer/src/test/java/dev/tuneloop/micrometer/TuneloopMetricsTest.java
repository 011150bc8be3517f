package dev.tuneloop.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuneloop.Tuneloop;
import dev.tuneloop.record.Rating;
import dev.tuneloop.route.AbRouter;
import dev.tuneloop.route.Arm;
import dev.tuneloop.route.RoutingPlan;
import dev.tuneloop.store.Store;
import dev.tuneloop.testsupport.Fixtures;
import dev.tuneloop.tune.FineTuneJob;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TuneloopMetricsTest {

    @Test
    void recorderCountersFollowTheRecordersOwnStats() {
        Store store = Store.inMemory();
        try (Tuneloop tuneloop = Tuneloop.builder().store(store).build()) {
            // snippet:micrometer-binder
            MeterRegistry registry = new SimpleMeterRegistry();
            TuneloopMetrics.builder()
                    .recorder(tuneloop.recorder())
                    .jobs(tuneloop.store().jobs())
                    .flywheel(tuneloop.flywheelMetrics())
                    .build()
                    .bindTo(registry);
            // end-snippet:micrometer-binder
            var id = tuneloop.recorder().log(Fixtures.interaction(Fixtures.NOW));
            tuneloop.recorder().rate(id, Rating.up());
            assertThat(tuneloop.recorder().flush(Duration.ofSeconds(10))).isTrue();

            assertThat(registry.get("tuneloop.recorder.enqueued")
                            .functionCounter()
                            .count())
                    .isEqualTo(2);
            assertThat(registry.get("tuneloop.recorder.persisted")
                            .functionCounter()
                            .count())
                    .isEqualTo(2);
            assertThat(registry.get("tuneloop.recorder.dropped")
                            .functionCounter()
                            .count())
                    .isZero();
            assertThat(registry.get("tuneloop.recorder.rejected")
                            .functionCounter()
                            .count())
                    .isZero();
            assertThat(registry.get("tuneloop.recorder.queue.depth").gauge().value())
                    .isZero();
            assertThat(registry.get("tuneloop.recorder.enqueued")
                            .functionCounter()
                            .getId()
                            .getBaseUnit())
                    .isEqualTo("items");
            // flywheel: no approved example yet
            assertThat(registry.get("tuneloop.flywheel.training.examples")
                            .gauge()
                            .value())
                    .isZero();
            assertThat(registry.get("tuneloop.flywheel.since.training")
                            .timeGauge()
                            .value(TimeUnit.SECONDS))
                    .isNaN();
        }
    }

    @Test
    void exposuresAreCountedPerArmIncludingArmsSeenAfterBinding() {
        ArmExposures exposures = ArmExposures.create();
        RoutingPlan plan = RoutingPlan.fineTunedVsBase("exp", "ft:model", "gpt-4o-mini", 5_000);
        MeterRegistry registry = new SimpleMeterRegistry();
        try (AbRouter router =
                AbRouter.builder(plan).exposureListener(exposures).build()) {
            TuneloopMetrics.builder()
                    .router(router)
                    .exposures(exposures)
                    .tags(Tags.of("app", "chat"))
                    .build()
                    .bindTo(registry);
            for (int i = 0; i < 200; i++) {
                router.modelFor("user-" + i);
            }
            router.update(RoutingPlan.of("exp", Arm.of("other", "m2", 10_000), Arm.of("unused", "m3", 0)));
            router.modelFor("user-x");
        }
        double fineTuned = registry.get("tuneloop.router.exposures")
                .tags("arm", RoutingPlan.FINE_TUNED_ARM, "app", "chat")
                .functionCounter()
                .count();
        double base = registry.get("tuneloop.router.exposures")
                .tags("arm", RoutingPlan.BASE_ARM)
                .functionCounter()
                .count();
        double other = registry.get("tuneloop.router.exposures")
                .tags("arm", "other")
                .functionCounter()
                .count();
        assertThat(fineTuned + base).isEqualTo(200);
        assertThat(fineTuned).isBetween(60.0, 140.0);
        assertThat(other).isEqualTo(1);
        assertThat(registry.get("tuneloop.router.exposures.delivered")
                        .functionCounter()
                        .count())
                .isEqualTo(201);
    }

    @Test
    void activeJobsAreGaugedByStatusFromOneSnapshotPerInterval() {
        Store store = Store.inMemory();
        MeterRegistry registry = new SimpleMeterRegistry();
        TuneloopMetrics.builder()
                .jobs(store.jobs())
                .refreshInterval(Duration.ofHours(1))
                .build()
                .bindTo(registry);
        store.jobs()
                .save(FineTuneJob.builder("ftjob-1", "gpt-4o-mini", "running", Fixtures.NOW, "file-1")
                        .build());
        store.jobs()
                .save(FineTuneJob.builder("ftjob-2", "gpt-4o-mini", "queued", Fixtures.NOW, "file-2")
                        .build());
        assertThat(registry.get("tuneloop.finetune.jobs.active")
                        .tags("status", "running")
                        .gauge()
                        .value())
                .isEqualTo(1);
        assertThat(registry.get("tuneloop.finetune.jobs.active")
                        .tags("status", "queued")
                        .gauge()
                        .value())
                .isEqualTo(1);
        store.jobs()
                .save(FineTuneJob.builder("ftjob-3", "gpt-4o-mini", "running", Fixtures.NOW, "file-3")
                        .build());
        // within the refresh interval the snapshot is reused: the store is not read on every scrape
        assertThat(registry.get("tuneloop.finetune.jobs.active")
                        .tags("status", "running")
                        .gauge()
                        .value())
                .isEqualTo(1);
        assertThat(registry.find("tuneloop.finetune.jobs.active")
                        .tags("status", "succeeded")
                        .gauge())
                .isNull();
    }

    @Test
    void rejectionsAreCountedPerRuleOnceTheRuleHasBeenSeen() {
        Store store = Store.inMemory();
        try (Tuneloop tuneloop = Tuneloop.builder().store(store).build()) {
            MeterRegistry registry = new SimpleMeterRegistry();
            TuneloopMetrics.builder().recorder(tuneloop.recorder()).build().bindTo(registry);
            assertThat(registry.find("tuneloop.recorder.rejected.rule").functionCounters())
                    .isEmpty();

            tuneloop.recorder().log(Fixtures.interaction("u1", Fixtures.NOW).assistantResponse(" "));
            tuneloop.recorder()
                    .log(Fixtures.interaction("u2", Fixtures.NOW)
                            .userMessage("")
                            .assistantResponse(""));
            tuneloop.recorder().log(Fixtures.interaction(Fixtures.NOW));
            assertThat(tuneloop.recorder().flush(Duration.ofSeconds(10))).isTrue();

            // a scrape reads the total first, which adds a counter for each rule seen since
            assertThat(registry.get("tuneloop.recorder.rejected")
                            .functionCounter()
                            .count())
                    .isEqualTo(2);
            assertThat(registry.get("tuneloop.recorder.rejected.rule")
                            .tag("rule", "assistantResponse must not be empty or blank")
                            .functionCounter()
                            .count())
                    .isEqualTo(2);
            assertThat(registry.get("tuneloop.recorder.rejected.rule")
                            .tag("rule", "userMessage must not be empty or blank")
                            .functionCounter()
                            .count())
                    .isEqualTo(1);
            assertThat(registry.find("tuneloop.recorder.rejected.rule").functionCounters())
                    .hasSize(2);

            // a counter follows its rule after it was added, and a second scrape adds none twice
            tuneloop.recorder().log(Fixtures.interaction("u3", Fixtures.NOW).userMessage(""));
            assertThat(tuneloop.recorder().flush(Duration.ofSeconds(10))).isTrue();
            assertThat(registry.get("tuneloop.recorder.rejected")
                            .functionCounter()
                            .count())
                    .isEqualTo(3);
            assertThat(registry.get("tuneloop.recorder.rejected.rule")
                            .tag("rule", "userMessage must not be empty or blank")
                            .functionCounter()
                            .count())
                    .isEqualTo(2);
            assertThat(registry.find("tuneloop.recorder.rejected.rule").functionCounters())
                    .hasSize(2);
        }
    }
}
