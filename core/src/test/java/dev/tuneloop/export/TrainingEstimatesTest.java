package dev.tuneloop.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.errors.ValidationException;
import java.math.BigDecimal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class TrainingEstimatesTest {

    @Test
    void seedWorkedExampleCosts45Cents() {
        // 100 examples x 500 tokens x 3 epochs = 150 000 tokens -> $0.45 on gpt-4o-mini
        int epochs = TrainingEstimates.autoEpochs(100);
        assertThat(epochs).isEqualTo(3);
        long trainingTokens = 100L * 500 * epochs;
        assertThat(trainingTokens).isEqualTo(150_000);
        assertThat(PriceTable.standard().cost("gpt-4o-mini-2024-07-18", trainingTokens))
                .hasValueSatisfying(cost -> assertThat(cost).isEqualByComparingTo("0.45"));
    }

    @Test
    void standardPricesAndPrefixMatching() {
        PriceTable p = PriceTable.standard();
        assertThat(p.pricePerMillion("gpt-4o-mini-2024-07-18")).contains(new BigDecimal("3.00"));
        assertThat(p.pricePerMillion("gpt-4o-2024-08-06")).contains(new BigDecimal("25.00"));
        assertThat(p.pricePerMillion("gpt-4.1-mini-2025-04-14")).contains(new BigDecimal("5.00"));
        assertThat(p.pricePerMillion("gpt-4.1-nano")).contains(new BigDecimal("1.50"));
        assertThat(p.pricePerMillion("gpt-4.1-2025-04-14")).contains(new BigDecimal("25.00"));
        assertThat(p.pricePerMillion("GPT-4O-MINI")).contains(new BigDecimal("3.00"));
        assertThat(p.pricePerMillion("ft:gpt-4o-mini-2024-07-18:acme::abc")).contains(new BigDecimal("3.00"));
        assertThat(p.pricePerMillion("llama-3")).isEmpty();
        assertThat(p.cost("llama-3", 1000)).isEmpty();
        assertThat(p.with("llama-3", new BigDecimal("0.50")).cost("llama-3", 2_000_000))
                .hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("1.00"));
        assertThat(p.with("gpt-4o-mini", new BigDecimal("4")).pricePerMillion("gpt-4o-mini-2024-07-18"))
                .contains(new BigDecimal("4"));
        assertThatThrownBy(() -> p.with("x", new BigDecimal("-1")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("price for x must be >= 0, but was -1");
    }

    @Test
    void seedCostSummaryRows() {
        // the seed's cost summary: ~$0.50 for 100 examples and ~$2.50 for 500 (at ~500 tokens, 3 epochs)
        assertThat(PriceTable.standard().cost("gpt-4o-mini", 500L * 500 * 3))
                .hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("2.25"));
    }

    @Test
    void autoEpochsFollowsOpenAi() {
        assertThat(TrainingEstimates.autoEpochs(1)).isEqualTo(25);
        assertThat(TrainingEstimates.autoEpochs(10)).isEqualTo(10);
        assertThat(TrainingEstimates.autoEpochs(20)).isEqualTo(5);
        assertThat(TrainingEstimates.autoEpochs(33)).isEqualTo(3);
        assertThat(TrainingEstimates.autoEpochs(34)).isEqualTo(3);
        assertThat(TrainingEstimates.autoEpochs(8333)).isEqualTo(3);
        assertThat(TrainingEstimates.autoEpochs(8334)).isEqualTo(2);
        assertThat(TrainingEstimates.autoEpochs(25_000)).isEqualTo(1);
        assertThat(TrainingEstimates.autoEpochs(1_000_000)).isEqualTo(1);
        assertThatThrownBy(() -> TrainingEstimates.autoEpochs(0))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("examples must be >= 1");
    }

    @Property
    void autoEpochsStayBetween1And25(@ForAll @LongRange(min = 1, max = 10_000_000) long n) {
        assertThat(TrainingEstimates.autoEpochs(n)).isBetween(1, 25);
    }

    @Test
    void trainingTimeMatchesTheSeedTableAtItsRows() {
        assertThat(TrainingEstimates.trainingTime(50)).isEqualTo(new TimeEstimate(15, 20));
        assertThat(TrainingEstimates.trainingTime(100)).isEqualTo(new TimeEstimate(20, 30));
        assertThat(TrainingEstimates.trainingTime(500)).isEqualTo(new TimeEstimate(45, 60));
        assertThat(TrainingEstimates.trainingTime(1000)).isEqualTo(new TimeEstimate(60, 120));
        assertThat(TrainingEstimates.trainingTime(10)).isEqualTo(new TimeEstimate(15, 20));
        assertThat(TrainingEstimates.trainingTime(75)).isEqualTo(new TimeEstimate(17, 25));
        assertThat(TrainingEstimates.trainingTime(300)).isEqualTo(new TimeEstimate(32, 45));
        assertThat(TrainingEstimates.trainingTime(2000)).isEqualTo(new TimeEstimate(90, 240));
    }

    @Property
    void trainingTimeGrowsWithExamples(@ForAll @LongRange(min = 0, max = 100_000) long n) {
        TimeEstimate a = TrainingEstimates.trainingTime(n);
        TimeEstimate b = TrainingEstimates.trainingTime(n + 1);
        assertThat(b.minMinutes()).isGreaterThanOrEqualTo(a.minMinutes());
        assertThat(b.maxMinutes()).isGreaterThanOrEqualTo(a.maxMinutes());
        assertThat(a.minMinutes()).isLessThanOrEqualTo(a.maxMinutes());
    }

    @Test
    void tokenLimits() {
        TokenLimits t = TokenLimits.standard();
        assertThat(t.limitFor("gpt-4o-mini-2024-07-18")).isEqualTo(65_536);
        assertThat(t.limitFor("gpt-3.5-turbo-0125")).isEqualTo(16_385);
        assertThat(t.limitFor("unknown")).isEqualTo(65_536);
        assertThat(t.with("gpt-4o-mini", 1000).limitFor("gpt-4o-mini-2024-07-18"))
                .isEqualTo(1000);
        assertThatThrownBy(() -> t.with("x", 0))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("token limit for x must be > 0, but was 0");
    }

    @Test
    void priceTableBuilderReportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> PriceTable.builder()
                        .price(" ", BigDecimal.ONE)
                        .price("a", new BigDecimal("-2"))
                        .price("b", BigDecimal.ONE)
                        .build())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("price table model must not be blank")
                .hasMessageContaining("price for a must be >= 0, but was -2");
        PriceTable built = PriceTable.builder().price("GPT-X", BigDecimal.TEN).build();
        assertThat(built.usdPerMillionTokens()).containsOnlyKeys("gpt-x");
        assertThat(PriceTable.standard().toBuilder().build()).isEqualTo(PriceTable.standard());
        assertThat(PriceTable.standard().with("gpt-x", BigDecimal.TEN)).isNotEqualTo(PriceTable.standard());
    }

    @Test
    void tokenLimitsBuilderReportsEveryProblemAtOnce() {
        assertThatThrownBy(
                        () -> TokenLimits.builder().limit("a", 0).fallback(-1).build())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("token limit for a must be > 0, but was 0")
                .hasMessageContaining("fallback token limit must be > 0, but was -1");
        TokenLimits own = TokenLimits.builder().limit("GPT-X", 10).fallback(20).build();
        assertThat(own.limitFor("gpt-x-2025")).isEqualTo(10);
        assertThat(own.limitFor("other")).isEqualTo(20);
        assertThat(TokenLimits.builder().build().fallback()).isEqualTo(TokenLimits.DEFAULT_FALLBACK);
        assertThat(TokenLimits.standard().toBuilder().build()).isEqualTo(TokenLimits.standard());
    }
}
