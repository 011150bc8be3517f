package dev.tuneloop.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tuneloop.errors.ValidationException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProportionTestTest {

    /**
     * The pooled two-proportion z-test is Pearson's chi-square test of the 2x2 table without continuity correction:
     * z^2 = chi2 and the two-sided p-values agree. Expected values from scipy.stats.chi2_contingency(table,
     * correction=False) and norm.sf(sqrt(chi2)).
     */
    @ParameterizedTest
    @CsvSource({
        "120, 1000, 90, 1000, 4.788507581803671, 0.028650240398448427, 0.014325120199224236",
        "30, 200, 18, 200, 3.409090909090909, 0.06483815699206649, 0.032419078496033225"
    })
    void zTestAgreesWithChiSquareOfTheTwoByTwoTable(
            long x1, long n1, long x0, long n0, double chi2, double p2, double pHigher) {
        ProportionTest t = ProportionTest.of(x1, n1, x0, n0, 0.95);
        assertThat(t.z() * t.z()).isCloseTo(chi2, within(1e-10));
        assertThat(t.pValueTwoSided()).isCloseTo(p2, within(1e-12));
        assertThat(t.pValueCandidateHigher()).isCloseTo(pHigher, within(1e-12));
        assertThat(t.pValueCandidateLower()).isCloseTo(1 - pHigher, within(1e-12));
        assertThat(t.difference()).isCloseTo((double) x1 / n1 - (double) x0 / n0, within(1e-15));
    }

    /** Newcombe (1998), Statistics in Medicine 17:873-890, Table II, method 10 (hybrid score), 95 %. */
    @ParameterizedTest
    @CsvSource({
        "56, 70, 48, 80, 0.0524, 0.3339",
        "9, 10, 3, 10, 0.1705, 0.8090",
        "5, 56, 0, 29, -0.0381, 0.1926",
        "0, 10, 0, 20, -0.1611, 0.2775",
        "0, 10, 0, 10, -0.2775, 0.2775",
        "10, 10, 0, 20, 0.6791, 1.0000",
        "10, 10, 0, 10, 0.6075, 1.0000"
    })
    void newcombeIntervalMatchesThePublishedTable(long x1, long n1, long x0, long n0, double low, double high) {
        ProportionTest t = ProportionTest.of(x1, n1, x0, n0, 0.95);
        assertThat(t.low()).isCloseTo(low, within(0.00005));
        assertThat(t.high()).isCloseTo(high, within(0.00005));
    }

    @Property(tries = 300)
    void intervalContainsTheObservedDifferenceAndStaysInRange(
            @ForAll @IntRange(min = 1, max = 500) int n1,
            @ForAll @IntRange(min = 1, max = 500) int n0,
            @ForAll @IntRange(min = 0, max = 500) int a,
            @ForAll @IntRange(min = 0, max = 500) int b) {
        int x1 = a % (n1 + 1);
        int x0 = b % (n0 + 1);
        ProportionTest t = ProportionTest.of(x1, n1, x0, n0, 0.95);
        assertThat(t.low()).isBetween(-1.0, t.difference() + 1e-12);
        assertThat(t.high()).isBetween(t.difference() - 1e-12, 1.0);
        assertThat(t.pValueCandidateHigher() + t.pValueCandidateLower()).isCloseTo(1.0, within(1e-12));
        ProportionTest wider = ProportionTest.of(x1, n1, x0, n0, 0.99);
        assertThat(wider.low()).isLessThanOrEqualTo(t.low() + 1e-12);
        assertThat(wider.high()).isGreaterThanOrEqualTo(t.high() - 1e-12);
    }

    @Test
    void theIntervalOfAllAgainstNoneStaysInsideMinusOneToOne() {
        // every success against no success: the bounds reach 1 and -1 exactly and must not overshoot by rounding
        for (int n = 1; n <= 500; n++) {
            ProportionTest up = ProportionTest.of(n, n, 0, n, 0.95);
            ProportionTest down = ProportionTest.of(0, n, n, n, 0.95);
            assertThat(up.high()).as("n=%d", n).isLessThanOrEqualTo(1.0);
            assertThat(down.low()).as("n=%d", n).isGreaterThanOrEqualTo(-1.0);
        }
    }

    @Test
    void identicalExtremeRatesHaveNoDifference() {
        ProportionTest t = ProportionTest.of(0, 50, 0, 80, 0.95);
        assertThat(t.z()).isZero();
        assertThat(t.pValueTwoSided()).isEqualTo(1.0);
        assertThat(t.pValueCandidateHigher()).isEqualTo(0.5);
    }

    @Test
    void badCountsAreRejectedByName() {
        assertThatThrownBy(() -> ProportionTest.of(1, 0, 1, 10, 0.95))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("candidateTrials must be > 0, but was 0");
        assertThatThrownBy(() -> ProportionTest.of(11, 10, 1, 10, 0.95))
                .hasMessageContaining("candidateSuccesses must be in [0, candidateTrials], but was 11");
        assertThatThrownBy(() -> ProportionTest.of(1, 10, 1, 10, 1.0))
                .hasMessageContaining("confidence must be in (0, 1), but was 1.0");
    }
}
