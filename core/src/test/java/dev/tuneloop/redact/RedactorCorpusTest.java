package dev.tuneloop.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Recall and precision of {@link Redactor#standard()} per type on a seeded, labelled corpus, its false-positive rate on
 * financial prose full of look-alike numbers, the seed guide's example answers, and linear time on adversarial input.
 */
class RedactorCorpusTest {
    private static final int PER_TYPE = 400;
    private static final int NEGATIVES = 4000;
    private final Redactor redactor = Redactor.standard();

    @Test
    void recallOnEveryTypeIsAtLeast99PercentAndPrecisionIsMeasured() {
        List<PiiCorpus.Sample> samples = PiiCorpus.positives(PER_TYPE, 2025);
        Map<PiiType, int[]> stats = new EnumMap<>(PiiType.class); // exact, truePositive, falsePositive
        for (PiiType t : PiiType.values()) {
            stats.put(t, new int[3]);
        }
        for (PiiCorpus.Sample s : samples) {
            Redaction r = redactor.redact(s.text());
            int[] st = stats.get(s.type());
            if (r.text().equals(s.expected()) && r.counts().equals(Map.of(s.type(), 1))) {
                st[0]++;
            }
            for (Map.Entry<PiiType, Integer> e : r.counts().entrySet()) {
                int expected = e.getKey() == s.type() ? 1 : 0;
                stats.get(e.getKey())[1] += Math.min(expected, e.getValue());
                stats.get(e.getKey())[2] += Math.max(0, e.getValue() - expected);
            }
        }
        for (String negative : PiiCorpus.negatives(NEGATIVES, 2026)) {
            redactor.redact(negative).counts().forEach((type, n) -> stats.get(type)[2] += n);
        }
        StringBuilder report = new StringBuilder(
                "redaction quality (" + PER_TYPE + " positives per type, " + NEGATIVES + " negatives):\n");
        for (PiiType t : PiiType.values()) {
            int[] st = stats.get(t);
            double recall = (double) st[0] / PER_TYPE;
            double precision = st[1] + st[2] == 0 ? 0 : (double) st[1] / (st[1] + st[2]);
            report.append(String.format("  %-13s recall %.4f precision %.4f (fp %d)%n", t, recall, precision, st[2]));
        }
        System.out.print(report);
        for (PiiType t : PiiType.values()) {
            assertThat((double) stats.get(t)[0] / PER_TYPE)
                    .as("recall of %s%n%s", t, report)
                    .isGreaterThanOrEqualTo(0.99);
        }
    }

    @Test
    void falsePositiveRateOnFinancialLookalikesIsAtMostOnePercent() {
        List<String> negatives = PiiCorpus.negatives(NEGATIVES, 2027);
        int changed = 0;
        StringBuilder firstFew = new StringBuilder();
        for (String n : negatives) {
            Redaction r = redactor.redact(n);
            if (r.changed()) {
                changed++;
                if (changed <= 5) {
                    firstFew.append(n).append(" -> ").append(r.text()).append('\n');
                }
            }
        }
        double rate = (double) changed / negatives.size();
        System.out.printf("redaction false-positive rate on %d negatives: %.4f%n%s", negatives.size(), rate, firstFew);
        assertThat(rate).as("false-positive rate; first ones:%n%s", firstFew).isLessThanOrEqualTo(0.01);
    }

    @Test
    void theSeedGuideExampleConversationsComeOutUnchanged() {
        for (String text : SeedExamples.ALL) {
            Redaction r = redactor.redact(text);
            assertThat(r.changed()).as(r.toString()).isFalse();
            assertThat(r.text()).isEqualTo(text);
        }
    }

    /**
     * Each input is 1 MiB of one repeated unit made to provoke backtracking in a careless pattern; the expected number
     * of findings shows the redactor really ran over all of it (-1: some), and the output is a fixed point.
     */
    @ParameterizedTest
    @MethodSource("adversarialUnits")
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void adversarialMebibyteInputFinishes(String unit, int expectedFindings) {
        String text = unit.repeat((1 << 20) / unit.length());
        Redaction r = redactor.redact(text);
        if (expectedFindings >= 0) {
            assertThat(r.total()).isEqualTo(expectedFindings);
        } else {
            assertThat(r.total()).isPositive();
        }
        assertThat(redactor.redact(r.text()).changed()).isFalse();
    }

    static Stream<Arguments> adversarialUnits() {
        return Stream.of(
                arguments("a", 0),
                arguments("1", 0),
                arguments("a@", 0),
                arguments("a.", 0),
                arguments("1-", 0),
                arguments("1 ", 0),
                arguments("1.", 0),
                arguments("+1 ", 0),
                arguments("eyJ", 0),
                arguments("a:", 0),
                arguments("::", 0),
                arguments("f:", 0),
                arguments("DE89 ", 0),
                arguments("x@a.", 0),
                arguments("1:1.", 0),
                arguments("AKIA", 0),
                arguments("(415) ", 0),
                // one key running to the end of the text
                arguments("sk-", 1),
                // a JWT is three units: 116 508 units
                arguments("eyJaaaaa.", (1 << 20) / 9 / 3),
                // every assignment's value is masked
                arguments("password=x ", (1 << 20) / 11),
                // values run 256 characters (the longest taken) and reach into the next key, so redaction repeats
                // passes; the result must still be a fixed point (checked below)
                arguments("password=", -1),
                arguments("-----BEGIN PRIVATE KEY-----\n", (1 << 20) / 28));
    }
}
