package dev.tuneloop.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.errors.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class AbRouterTest {

    private static final RoutingPlan SEED_PLAN =
            RoutingPlan.fineTunedVsBase("exp", "ft:gpt-4o-mini:org::abc123", "gpt-4o-mini", 8_000);

    @Test
    void specVectorsDecideTheArm() {
        try (AbRouter r = AbRouter.create(SEED_PLAN)) {
            // bucket 7560 < 8000: fine-tuned; bucket 794 < 8000: fine-tuned
            assertThat(r.assign("user-1")).isEqualTo(new Assignment("fine-tuned", "ft:gpt-4o-mini:org::abc123", 7560));
            assertThat(r.assign("user-2")).isEqualTo(new Assignment("fine-tuned", "ft:gpt-4o-mini:org::abc123", 794));
            r.update(SEED_PLAN.rampFirstArm(7_560));
            assertThat(r.assign("user-1").arm()).isEqualTo("base");
            assertThat(r.assign("user-2").arm()).isEqualTo("fine-tuned");
            r.update(SEED_PLAN.rampFirstArm(7_561));
            assertThat(r.modelFor("user-1")).isEqualTo("ft:gpt-4o-mini:org::abc123");
        }
    }

    @Property(tries = 300)
    void theSameUserAlwaysGetsTheSameArm(@ForAll @StringLength(min = 1, max = 80) String userId) {
        try (AbRouter a = AbRouter.create(SEED_PLAN);
                AbRouter b = AbRouter.create(SEED_PLAN)) {
            Assignment first = a.assign(userId);
            assertThat(a.assign(userId)).isEqualTo(first);
            assertThat(b.assign(userId)).as("another router instance").isEqualTo(first);
            assertThat(a.modelFor(userId)).isEqualTo(first.model());
            assertThat(first.bucket()).isEqualTo(RoutingHash.bucket("exp", userId));
        }
    }

    @Test
    void overOneHundredThousandRandomIdsEachArmIsWithinOnePointOfItsWeight() {
        RoutingPlan plan = RoutingPlan.of(
                "split-check",
                Arm.of("a", "m-a", 5_000),
                Arm.of("b", "m-b", 3_000),
                Arm.of("c", "m-c", 1_500),
                Arm.of("d", "m-d", 500));
        Map<String, Integer> expected = Map.of("m-a", 5_000, "m-b", 3_000, "m-c", 1_500, "m-d", 500);
        int n = 100_000;
        SplittableRandom random = new SplittableRandom(20261128L);
        Map<String, AtomicInteger> counts = Map.of(
                "m-a",
                new AtomicInteger(),
                "m-b",
                new AtomicInteger(),
                "m-c",
                new AtomicInteger(),
                "m-d",
                new AtomicInteger());
        try (AbRouter r = AbRouter.create(plan)) {
            for (int i = 0; i < n; i++) {
                String id = Long.toHexString(random.nextLong()) + "-" + random.nextInt(1_000_000);
                counts.get(r.modelFor(id)).incrementAndGet();
            }
        }
        counts.forEach((model, count) -> assertThat(100.0 * count.get() / n)
                .as(model)
                .isCloseTo(expected.get(model) / 100.0, org.assertj.core.api.Assertions.within(1.0)));
    }

    @Test
    void zeroWeightArmGetsNobody() {
        RoutingPlan plan =
                RoutingPlan.of("z", Arm.of("a", "m-a", 0), Arm.of("b", "m-b", 10_000), Arm.of("c", "m-c", 0));
        try (AbRouter r = AbRouter.create(plan)) {
            for (int i = 0; i < 5_000; i++) {
                assertThat(r.modelFor("u" + i)).isEqualTo("m-b");
            }
        }
    }

    @Test
    void killSwitchSendsEveryoneToTheFallbackAndOffRestoresArms() {
        try (AbRouter r = AbRouter.create(SEED_PLAN)) {
            Assignment before = r.assign("user-1");
            r.killSwitch("gpt-4o-mini");
            assertThat(r.modelFor("user-1")).isEqualTo("gpt-4o-mini");
            assertThat(r.assign("user-2")).isEqualTo(new Assignment(Assignment.KILL_SWITCH_ARM, "gpt-4o-mini", 794));
            for (int i = 0; i < 1_000; i++) {
                assertThat(r.modelFor("u" + i)).isEqualTo("gpt-4o-mini");
            }
            r.update(r.plan().withoutKillSwitch());
            assertThat(r.assign("user-1")).isEqualTo(before);
        }
    }

    @Test
    void anonymousTrafficIsRejectedUnlessAnArmIsConfigured() {
        try (AbRouter r = AbRouter.create(SEED_PLAN)) {
            assertThatThrownBy(() -> r.modelFor(null))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("userId must not be null");
            assertThatThrownBy(() -> r.assign(""))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("userId must not be empty");
            r.update(SEED_PLAN.withAnonymousArm("base"));
            assertThat(r.modelFor(null)).isEqualTo("gpt-4o-mini");
            assertThat(r.assign("")).isEqualTo(new Assignment("base", "gpt-4o-mini", Assignment.NO_BUCKET));
        }
    }

    @Test
    void builderReportsEveryBadSetting() {
        ValidationException e =
                (ValidationException) org.assertj.core.api.Assertions.catchThrowable(() -> AbRouter.builder(SEED_PLAN)
                        .exposureSampleRate(1.5)
                        .exposureQueueCapacity(0)
                        .build());
        assertThat(e.problems())
                .containsExactly(
                        "exposureSampleRate must be between 0 and 1, but was 1.5",
                        "exposureQueueCapacity must be > 0, but was 0");
    }

    @Test
    void exposuresReachTheListenerOffTheRequestThread() throws InterruptedException {
        List<Exposure> seen = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        CountDownLatch latch = new CountDownLatch(3);
        Clock clock = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
        try (AbRouter r = AbRouter.builder(SEED_PLAN)
                .clock(clock)
                .exposureListener(x -> {
                    seen.add(x);
                    threads.add(Thread.currentThread().getName());
                    latch.countDown();
                })
                .build()) {
            r.modelFor("user-1");
            r.assign("user-2");
            r.modelFor("user-3");
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(seen).extracting(Exposure::userId).containsExactly("user-1", "user-2", "user-3");
            assertThat(seen.get(0))
                    .isEqualTo(new Exposure(
                            "user-1",
                            new Assignment("fine-tuned", "ft:gpt-4o-mini:org::abc123", 7560),
                            clock.instant()));
            assertThat(threads).allMatch("tuneloop-exposures"::equals);
        }
    }

    @Test
    void aSlowListenerNeverBlocksRequestsAndDropsAreCounted() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        AbRouter r = AbRouter.builder(SEED_PLAN)
                .exposureQueueCapacity(2)
                .exposureListener(x -> {
                    entered.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })
                .build();
        try {
            r.modelFor("u0");
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue(); // worker is now stuck on u0
            for (int i = 1; i <= 10; i++) {
                r.modelFor("u" + i); // 2 fit in the queue, 8 are dropped, none waits
            }
            RouterStats s = r.stats();
            assertThat(s.exposuresSampled()).isEqualTo(11);
            assertThat(s.exposuresDropped()).isEqualTo(8);
            assertThat(s.queueDepth()).isEqualTo(2);
        } finally {
            release.countDown();
            r.close();
        }
        assertThat(r.stats().exposuresDelivered()).isEqualTo(3);
    }

    @Test
    void listenerFailuresAreCountedNotThrown() {
        AbRouter r = AbRouter.builder(SEED_PLAN)
                .exposureListener(x -> {
                    throw new IllegalStateException("analytics down");
                })
                .build();
        assertThat(r.modelFor("user-1")).isEqualTo("ft:gpt-4o-mini:org::abc123");
        r.close(); // drains the queue
        assertThat(r.stats().exposuresFailed()).isEqualTo(1);
        assertThat(r.stats().exposuresDelivered()).isZero();
    }

    @Test
    void sampleRateZeroDeliversNothingAndSampleRateIsApplied() {
        AtomicInteger calls = new AtomicInteger();
        try (AbRouter none = AbRouter.builder(SEED_PLAN)
                .exposureSampleRate(0)
                .exposureListener(x -> calls.incrementAndGet())
                .build()) {
            for (int i = 0; i < 1_000; i++) {
                none.modelFor("u" + i);
            }
            assertThat(none.stats().exposuresSampled()).isZero();
        }
        try (AbRouter tenth = AbRouter.builder(SEED_PLAN)
                .exposureSampleRate(0.1)
                .exposureListener(x -> {})
                .build()) {
            for (int i = 0; i < 20_000; i++) {
                tenth.modelFor("u" + i);
            }
            // binomial(20 000, 0.1): mean 2 000, sd 42; 6 sd either side
            assertThat(tenth.stats().exposuresSampled()).isBetween(1_750L, 2_250L);
        }
        assertThat(calls.get()).isZero();
    }

    @Test
    void concurrentRequestsSeeTheOldOrTheNewPlanNeverAMix() throws Exception {
        RoutingPlan a = RoutingPlan.of("salt-a", Arm.of("x", "a-x", 5_000), Arm.of("y", "a-y", 5_000));
        RoutingPlan b = RoutingPlan.of("salt-b", Arm.of("x", "b-x", 5_000), Arm.of("y", "b-y", 5_000));
        try (AbRouter r = AbRouter.create(a);
                AbRouter onlyA = AbRouter.create(a);
                AbRouter onlyB = AbRouter.create(b)) {
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            Thread swapper = new Thread(() -> {
                boolean flip = false;
                while (!stop.get()) {
                    r.update(flip ? a : b);
                    flip = !flip;
                }
            });
            swapper.start();
            List<String> mixed = new CopyOnWriteArrayList<>();
            try {
                for (int i = 0; i < 50_000; i++) {
                    String user = "u" + (i % 500);
                    String model = r.modelFor(user);
                    if (!model.equals(onlyA.modelFor(user)) && !model.equals(onlyB.modelFor(user))) {
                        mixed.add(user + " -> " + model);
                    }
                }
            } finally {
                stop.set(true);
                swapper.join();
            }
            assertThat(mixed).isEmpty();
        }
    }

    @Test
    void updateSwapsThePlanSeenByLaterRequests() {
        try (AbRouter r = AbRouter.create(SEED_PLAN)) {
            RoutingPlan next = RoutingPlan.fineTunedVsBase("exp", "ft:v2", "gpt-4o-mini", 8_000);
            r.update(next);
            assertThat(r.plan()).isSameAs(next);
            assertThat(r.modelFor("user-1")).isEqualTo("ft:v2");
            assertThatThrownBy(() -> r.update(null)).isInstanceOf(NullPointerException.class);
        }
    }

    @Test
    void concurrentChangesAreNeverLost() throws Exception {
        RoutingPlan start = RoutingPlan.of("s", Arm.of("x", "m-x", 0), Arm.of("y", "m-y", 10_000));
        try (AbRouter r = AbRouter.create(start)) {
            int threads = 4;
            int perThread = 500;
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> workers = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread w = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    for (int i = 0; i < perThread; i++) {
                        // each change moves one basis point into the first arm: a lost change leaves a gap
                        r.change(p -> p.rampFirstArm(p.arms().get(0).weight() + 1));
                    }
                });
                w.start();
                workers.add(w);
            }
            go.countDown();
            for (Thread w : workers) {
                w.join();
            }
            assertThat(r.plan().arms().get(0).weight()).isEqualTo(threads * perThread);
        }
    }

    @Test
    void aFailingChangeLeavesThePlanAsItWas() {
        try (AbRouter r = AbRouter.create(SEED_PLAN)) {
            assertThatThrownBy(() -> r.change(p -> p.rampFirstArm(10_001)))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("basisPoints");
            assertThat(r.plan()).isSameAs(SEED_PLAN);
            assertThatThrownBy(() -> r.change(p -> null)).isInstanceOf(NullPointerException.class);
            assertThat(r.plan()).isSameAs(SEED_PLAN);
            RoutingPlan killed = r.change(p -> p.withKillSwitch("gpt-4o-mini"));
            assertThat(r.plan()).isSameAs(killed);
            assertThat(r.modelFor("anyone")).isEqualTo("gpt-4o-mini");
        }
    }
}
