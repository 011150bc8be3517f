package dev.tuneloop.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.Rating;
import dev.tuneloop.record.ScanQuery;
import dev.tuneloop.route.RoutingPlan;
import dev.tuneloop.store.Store;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ArmReportTest {

    private static final RoutingPlan PLAN = RoutingPlan.fineTunedVsBase("exp", "ft:m", "gpt-4o-mini", 8_000);

    @Test
    void countsEachArmsFeedbackLatencyAndTokens() {
        Store store = Store.inMemory();
        Traffic t = new Traffic(store);
        // fine-tuned: 4 interactions, latencies 100..400 ms, one not measured
        InteractionId a = t.add("ft:m", Traffic.T0, Duration.ofMillis(100), 10, 20);
        InteractionId b = t.add("ft:m", Traffic.T0.plusSeconds(1), Duration.ofMillis(300), 10, 20);
        InteractionId c = t.add("ft:m", Traffic.T0.plusSeconds(2), Duration.ofMillis(200), 10, 20);
        t.add("ft:m", Traffic.T0.plusSeconds(3), Duration.ZERO, 0, 0);
        t.rate(a, Rating.up());
        t.rate(b, Rating.up());
        t.rate(b, Rating.down()); // latest wins: down
        t.edit(c);
        t.followUp(c);
        // base: 2 interactions, one thumbs up
        InteractionId d = t.add("gpt-4o-mini", Traffic.T0.plusSeconds(4), Duration.ofMillis(50), 5, 5);
        t.add("gpt-4o-mini", Traffic.T0.plusSeconds(5), Duration.ofMillis(70), 5, 5);
        t.rate(d, Rating.up());
        t.add("other-model");
        t.flush();

        ArmReport r = ArmReport.collect(store.interactions(), ScanQuery.all(), PLAN);

        assertThat(r.arms().keySet()).containsExactly("fine-tuned", "base");
        assertThat(r.unmapped()).isEqualTo(1);
        ArmStats ft = r.arm("fine-tuned").orElseThrow();
        assertThat(ft)
                .isEqualTo(new ArmStats(
                        "fine-tuned", 4, 3, 1, 1, 1, 1, 3, Duration.ofMillis(200), Duration.ofMillis(300), 30, 60));
        assertThat(ft.feedbackCoverage()).isEqualTo(0.75);
        assertThat(ft.thumbsUpRate()).isEqualTo(0.25);
        assertThat(ft.thumbsDownRate()).isEqualTo(0.25);
        assertThat(ft.editRate()).isEqualTo(0.25);
        assertThat(ft.followUpRate()).isEqualTo(0.25);
        assertThat(ft.tokensPerInteraction()).isEqualTo(22.5);
        ArmStats base = r.arm("base").orElseThrow();
        assertThat(base.count()).isEqualTo(2);
        assertThat(base.thumbsUp()).isEqualTo(1);
        assertThat(base.latencyP50()).isEqualTo(Duration.ofMillis(50));
        assertThat(base.latencyP95()).isEqualTo(Duration.ofMillis(70));
    }

    @Test
    void armsWithoutTrafficAreReportedEmptyAndCannotBeCompared() {
        ArmReport r = ArmReport.collect(Store.inMemory().interactions(), ScanQuery.all(), PLAN);
        assertThat(r.arm("base").orElseThrow().count()).isZero();
        assertThat(r.arm("base").orElseThrow().thumbsDownRate()).isZero();
        assertThatThrownBy(() -> r.compare("fine-tuned", "base", Rate.THUMBS_DOWN))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("has no interactions");
        assertThatThrownBy(() -> r.compare("nope", "base", Rate.THUMBS_DOWN)).hasMessageContaining("but was 'nope'");
    }

    @Test
    void compareAllTestsEveryRateCandidateMinusBase() {
        Store store = Store.inMemory();
        Traffic t = new Traffic(store);
        t.addMany("ft:m", 1000, 120, 0);
        t.addMany("gpt-4o-mini", 1000, 90, 0);
        t.flush();
        ArmReport r = ArmReport.collect(store.interactions(), ScanQuery.all(), PLAN);
        ProportionTest down = r.compareAll("fine-tuned", "base", 0.95).get(Rate.THUMBS_DOWN);
        assertThat(down.difference()).isCloseTo(0.03, within(1e-12));
        assertThat(down.pValueCandidateHigher()).isCloseTo(0.014325120199224236, within(1e-12));
        assertThat(r.compareAll("fine-tuned", "base", 0.95)).containsOnlyKeys(Rate.values());
    }

    @Test
    void explicitMappingMergesModelsIntoArmsAndMustNameEveryArm() {
        Store store = Store.inMemory();
        Traffic t = new Traffic(store);
        t.add("ft:v1");
        t.add("ft:v2");
        t.add("gpt-4o-mini");
        t.flush();
        ArmReport r = ArmReport.collect(
                store.interactions(),
                ScanQuery.all(),
                java.util.Map.of("ft:v1", "fine-tuned", "ft:v2", "fine-tuned", "gpt-4o-mini", "base"),
                List.of("base", "fine-tuned"));
        assertThat(r.arms().keySet()).containsExactly("base", "fine-tuned");
        assertThat(r.arm("fine-tuned").orElseThrow().count()).isEqualTo(2);
        assertThat(r.unmapped()).isZero();
        assertThatThrownBy(() -> ArmReport.collect(
                        store.interactions(), ScanQuery.all(), java.util.Map.of("m", "x"), List.of("y")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("lacks 'x'");
    }

    @Test
    void armStatsRejectInconsistentCounts() {
        assertThatThrownBy(() -> new ArmStats("a", 10, 5, 4, 3, 0, 0, 0, Duration.ZERO, Duration.ZERO, 0, 0))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("thumbsUp + thumbsDown must be in [0, withFeedback], but was 4 + 3");
    }

    /** Nearest rank equals "the smallest value v with at least p * n values <= v". */
    @Property(tries = 500)
    void percentileIsNearestRank(
            @ForAll @Size(min = 1, max = 60) List<@LongRange(min = 1, max = 1_000) Long> values,
            @ForAll @DoubleRange(min = 0.01, max = 1.0) double p) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        long expected = Arrays.stream(sorted)
                .filter(v -> Arrays.stream(sorted).filter(w -> w <= v).count() >= p * sorted.length)
                .min()
                .orElseThrow();
        assertThat(ArmAccumulator.percentile(sorted, p)).isEqualTo(expected);
    }
}
