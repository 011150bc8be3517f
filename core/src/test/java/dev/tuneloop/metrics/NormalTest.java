package dev.tuneloop.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected values are scipy.stats.norm.cdf / norm.ppf (SciPy 1.17), computed outside this code base. */
class NormalTest {

    @ParameterizedTest
    @CsvSource({
        "-40, 0.0",
        "-3, 0.0013498980316300933",
        "-1.96, 0.024997895148220435",
        "-0.5, 0.3085375387259869",
        "0, 0.5",
        "0.5, 0.6914624612740131",
        "1, 0.8413447460685429",
        "1.96, 0.9750021048517795",
        "3, 0.9986501019683699",
        "6, 0.9999999990134123",
        "7.5, 0.9999999999999681"
    })
    void cdfMatchesScipy(double x, double expected) {
        assertThat(Normal.cdf(x)).isCloseTo(expected, within(1e-14));
    }

    /** Beyond |x| = 7.07 Hart's algorithm switches to a continued fraction, good to about 1e-8 relative. */
    @ParameterizedTest
    @CsvSource({"-8, 6.22096057427174e-16", "-3, 0.0013498980316300933"})
    void lowerTailIsRelativelyAccurate(double x, double expected) {
        assertThat(Normal.cdf(x) / expected).isCloseTo(1.0, within(1e-7));
    }

    @ParameterizedTest
    @CsvSource({
        "1e-10, -6.361340902404056",
        "0.001, -3.090232306167813",
        "0.0125, -2.241402727604945",
        "0.025, -1.9599639845400545",
        "0.05, -1.6448536269514729",
        "0.3, -0.5244005127080409",
        "0.5, 0.0",
        "0.8, 0.8416212335729143",
        "0.95, 1.6448536269514722",
        "0.975, 1.959963984540054",
        "0.999, 3.090232306167813",
        "0.999999999, 5.997807019601637"
    })
    void quantileMatchesScipy(double p, double expected) {
        assertThat(Normal.quantile(p)).isCloseTo(expected, within(1e-9));
    }
}
