package dev.tuneloop.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.errors.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RoutingPlanTest {

    @Test
    void weightsMustSumToTenThousandAndTheMessageNamesTheSum() {
        assertThatThrownBy(() -> RoutingPlan.of("exp", Arm.of("a", "m1", 5_000), Arm.of("b", "m2", 4_000)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("must sum to 10000 basis points, but sum to 9000");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        ValidationException e = (ValidationException) org.assertj.core.api.Assertions.catchThrowable(
                () -> RoutingPlan.builder(" ", List.of(Arm.of("a", "m", 10_000)))
                        .anonymousArm("zzz")
                        .build());
        assertThat(e.problems())
                .anyMatch(p -> p.startsWith("salt must not be empty"))
                .anyMatch(p -> p.contains("at least 2 arms, but has 1"))
                .anyMatch(p -> p.contains("anonymousArm must name an arm"));
    }

    @Test
    void nullArmsAreRejectedByName() {
        assertThatThrownBy(() -> RoutingPlan.of("exp", (List<Arm>) null)).hasMessageContaining("arms is required");
        assertThatThrownBy(() -> RoutingPlan.of("exp", java.util.Arrays.asList(Arm.of("a", "m", 10_000), null)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("arms must not contain null");
    }

    @Test
    void armRulesNameTheFieldAndValue() {
        assertThatThrownBy(() -> Arm.of("a", "m", -1))
                .hasMessageContaining("arm weight must be between 0 and 10000 basis points, but was -1");
        assertThatThrownBy(() -> Arm.of("", "m", 1)).hasMessageContaining("arm name");
        assertThatThrownBy(() -> Arm.of("a", null, 1)).hasMessageContaining("arm model is required");
        assertThatThrownBy(() -> RoutingPlan.of("exp", Arm.of("a", "m1", 5_000), Arm.of("a", "m2", 5_000)))
                .hasMessageContaining("'a' appears twice");
    }

    @Test
    void fromEnvironmentUsesTheSeedsVariableAndDefaults() {
        RoutingPlan p =
                RoutingPlan.fromEnvironment(Map.of("FINE_TUNED_MODEL_ID", "ft:gpt-4o-mini-2024-07-18:org::abc123"));
        assertThat(p.salt()).isEqualTo("tuneloop");
        assertThat(p.arms())
                .containsExactly(
                        Arm.of("fine-tuned", "ft:gpt-4o-mini-2024-07-18:org::abc123", 8_000),
                        Arm.of("base", "gpt-4o-mini", 2_000));
        assertThat(p.killSwitchOn()).isFalse();
    }

    @Test
    void fromEnvironmentReadsEveryVariable() {
        RoutingPlan p = RoutingPlan.fromEnvironment(Map.of(
                "FINE_TUNED_MODEL_ID",
                "ft:x",
                "TUNELOOP_BASE_MODEL",
                "gpt-4.1-mini",
                "TUNELOOP_FINE_TUNED_PERCENT",
                "12.5",
                "TUNELOOP_SALT",
                "exp-7",
                "TUNELOOP_KILL_SWITCH",
                "TRUE"));
        assertThat(p.salt()).isEqualTo("exp-7");
        assertThat(p.arms())
                .containsExactly(Arm.of("fine-tuned", "ft:x", 1_250), Arm.of("base", "gpt-4.1-mini", 8_750));
        assertThat(p.killSwitchModel()).isEqualTo("gpt-4.1-mini");
    }

    @Test
    void fromEnvironmentReportsEveryBadVariable() {
        ValidationException e =
                (ValidationException) org.assertj.core.api.Assertions.catchThrowable(() -> RoutingPlan.fromEnvironment(
                        Map.of("TUNELOOP_FINE_TUNED_PERCENT", "101", "TUNELOOP_KILL_SWITCH", "yes")));
        assertThat(e.problems())
                .containsExactly(
                        "FINE_TUNED_MODEL_ID is required, but was not set",
                        "TUNELOOP_FINE_TUNED_PERCENT must be a percentage between 0 and 100 with at most two decimals, but was '101'",
                        "TUNELOOP_KILL_SWITCH must be true or false, but was 'yes'");
        assertThatThrownBy(() -> RoutingPlan.fromEnvironment(
                        Map.of("FINE_TUNED_MODEL_ID", "ft:x", "TUNELOOP_FINE_TUNED_PERCENT", "12.345")))
                .hasMessageContaining("'12.345'");
        assertThatThrownBy(() -> RoutingPlan.fromEnvironment(
                        Map.of("FINE_TUNED_MODEL_ID", "ft:x", "TUNELOOP_FINE_TUNED_PERCENT", "eighty")))
                .hasMessageContaining("'eighty'");
    }

    @Test
    void fromPropertiesUsesItsOwnKeys() {
        RoutingPlan p = RoutingPlan.fromProperties(Map.of(
                "tuneloop.routing.fine-tuned-model",
                "ft:y",
                "tuneloop.routing.fine-tuned-percent",
                "100",
                "tuneloop.routing.salt",
                "s"));
        assertThat(p.arms()).containsExactly(Arm.of("fine-tuned", "ft:y", 10_000), Arm.of("base", "gpt-4o-mini", 0));
        assertThatThrownBy(() -> RoutingPlan.fromProperties(Map.of()))
                .hasMessage("tuneloop.routing.fine-tuned-model is required, but was not set");
    }

    @Test
    void killSwitchKeepsArmsAndCanBeTurnedOff() {
        RoutingPlan p = RoutingPlan.fineTunedVsBase("exp", "ft:x", "base-m", 8_000);
        RoutingPlan killed = p.withKillSwitch("base-m");
        assertThat(killed.killSwitchOn()).isTrue();
        assertThat(killed.arms()).isEqualTo(p.arms());
        assertThat(killed.withoutKillSwitch()).isEqualTo(p);
    }

    /**
     * Raising the first arm (taking weight from the following arms in order) only moves users into it; every user whose
     * arm changes ends up in the first arm.
     */
    @Property(tries = 200)
    void rampingTheFirstArmUpOnlyMovesUsersIntoIt(
            @ForAll("plans") RoutingPlan plan, @ForAll @IntRange(min = 0, max = 10_000) int raiseBy) {
        int target = Math.min(10_000, plan.arms().get(0).weight() + raiseBy);
        RoutingPlan ramped = plan.rampFirstArm(target);
        assertThat(ramped.arms().get(0).weight()).isEqualTo(target);
        String first = plan.arms().get(0).name();
        try (AbRouter before = AbRouter.create(plan);
                AbRouter after = AbRouter.create(ramped)) {
            for (int i = 0; i < 2_000; i++) {
                String user = "user-" + i;
                String was = before.assign(user).arm();
                String now = after.assign(user).arm();
                if (!was.equals(now)) {
                    assertThat(now).as("user %s moved from %s", user, was).isEqualTo(first);
                }
            }
        }
    }

    @Property(tries = 200)
    void rampingTheFirstArmDownOnlyMovesUsersOutOfIt(
            @ForAll("plans") RoutingPlan plan, @ForAll @IntRange(min = 0, max = 10_000) int lowerBy) {
        int target = Math.max(0, plan.arms().get(0).weight() - lowerBy);
        RoutingPlan ramped = plan.rampFirstArm(target);
        String first = plan.arms().get(0).name();
        try (AbRouter before = AbRouter.create(plan);
                AbRouter after = AbRouter.create(ramped)) {
            for (int i = 0; i < 2_000; i++) {
                String user = "user-" + i;
                String was = before.assign(user).arm();
                if (!was.equals(after.assign(user).arm())) {
                    assertThat(was).isEqualTo(first);
                }
            }
        }
    }

    @Test
    void aNewSaltReRandomizesUsers() {
        RoutingPlan p = RoutingPlan.fineTunedVsBase("exp-1", "ft", "base", 5_000);
        try (AbRouter a = AbRouter.create(p);
                AbRouter b = AbRouter.create(p.withSalt("exp-2"))) {
            int sameBucket = 0;
            int sameArm = 0;
            int n = 10_000;
            for (int i = 0; i < n; i++) {
                Assignment x = a.assign("u" + i);
                Assignment y = b.assign("u" + i);
                sameBucket += x.bucket() == y.bucket() ? 1 : 0;
                sameArm += x.arm().equals(y.arm()) ? 1 : 0;
            }
            // independent salts: about 1 in 10 000 share a bucket, about half share an arm (sd 0.5 %)
            assertThat(sameBucket).isLessThan(10);
            assertThat(sameArm / (double) n).isBetween(0.47, 0.53);
        }
    }

    @Provide
    Arbitrary<RoutingPlan> plans() {
        return Arbitraries.integers()
                .between(2, 5)
                .flatMap(n -> Arbitraries.integers()
                        .between(0, 10_000)
                        .list()
                        .ofSize(n - 1)
                        .map(cuts -> {
                            List<Integer> sorted = new ArrayList<>(cuts);
                            sorted.sort(null);
                            List<Arm> arms = new ArrayList<>();
                            int prev = 0;
                            for (int i = 0; i < n; i++) {
                                int cut = i < n - 1 ? sorted.get(i) : 10_000;
                                arms.add(Arm.of("arm" + i, "model-" + i, cut - prev));
                                prev = cut;
                            }
                            return RoutingPlan.of("salt", arms);
                        }));
    }
}
