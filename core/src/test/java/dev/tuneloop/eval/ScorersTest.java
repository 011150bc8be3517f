package dev.tuneloop.eval;

import static dev.tuneloop.eval.SeedAppendix.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.model.Embedder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScorersTest {

    private static EvalCase nvda(List<String> facts) {
        return evalCase("nvda", "sbc_breakdown", NVDA_Q, NVDA, facts);
    }

    @Test
    void keyFactsAreExtractedFromTheExpectedAnswer() {
        assertThat(KeyFactSource.extract(NVDA))
                .containsExactly(
                        "$1.40 billion",
                        "4.0%",
                        "$35.1B",
                        "$47 million",
                        "$941 million",
                        "$410 million",
                        "67%",
                        "10-Q");
        assertThat(KeyFactSource.extract(AMZN))
                .containsExactly(
                        "2024",
                        "31",
                        "$17.4 billion",
                        "11.0%",
                        "$18.6 billion",
                        "11.8%",
                        "$1.2 billion",
                        "$6.0 billion",
                        "$0.3 billion",
                        "$5.1 billion",
                        "3.8%",
                        "8-K");
        assertThat(KeyFactSource.extract(AAPL))
                .contains("$124.1 billion", "$121.8B", "$127.2B", "$2.35", "$2.28", "$2.42", "$121B", "125B", "16")
                .doesNotContain("1", "2025");
    }

    @Test
    void theExpectedAnswerScoresOneOnEveryPart() {
        for (String[] e : new String[][] {{NVDA_Q, NVDA}, {AMZN_Q, AMZN}, {AAPL_Q, AAPL}}) {
            EvalCase c = evalCase("x", null, e[0], e[1], KeyFactSource.extract(e[1]));
            assertThat(Scorer.keyFacts().score(e[1], e[1], c)).isEqualTo(1.0);
            assertThat(Scorer.lengthRatio().score(e[1], e[1], c)).isEqualTo(1.0);
            assertThat(Scorer.formatLikeExpected().score(e[1], e[1], c)).isEqualTo(1.0);
            assertThat(Scorer.seedDefault(null).score(e[1], e[1], c)).isEqualTo(1.0);
        }
    }

    @Test
    void keyFactsMatchAcrossNotationsCaseInsensitively() {
        EvalCase c = nvda(List.of("$1.4B", "4% of revenue", "R&D $941 million", "10-q"));
        String paraphrase = "Per the 10-Q, NVIDIA's SBC was 1.4 billion dollars, about 4.0 percent of Revenue; "
                + "r&d took $0.941 billion.";
        assertThat(Scorer.keyFacts().score(NVDA, paraphrase, c)).isEqualTo(1.0);
        assertThat(Scorer.keyFacts().score(NVDA, "NVIDIA's SBC was $1.40 billion.", c))
                .isEqualTo(0.25);
    }

    @Test
    void wrongNumbersAndMissingWordsDoNotCount() {
        EvalCase c = nvda(List.of("$1.40 billion", "R&D $941 million"));
        assertThat(Scorer.keyFacts().score(NVDA, "SBC was $1.6 billion; R&D $941 million", c))
                .isEqualTo(0.5);
        assertThat(Scorer.keyFacts().score(NVDA, "SBC was $1.4 billion; research $941 million", c))
                .isEqualTo(0.5);
        assertThat(Scorer.keyFacts().score(NVDA, "SBC was 1.4 (no unit); R&D 941", c))
                .isEqualTo(0.0);
    }

    @Test
    void theSeedsTruncatedAnswerLosesFactsAndLength() {
        EvalCase c = nvda(KeyFactSource.extract(NVDA));
        String shortAnswer = "NVIDIA's Q3 FY2025 SBC was $1.4B.";
        assertThat(Scorer.keyFacts().score(NVDA, shortAnswer, c)).isCloseTo(1.0 / 8, within(1e-12));
        assertThat(Scorer.lengthRatio().score(NVDA, shortAnswer, c)).isEqualTo(0.0);
        // the seed's composite without embeddings: (0.5 * 1/8 + 0.3 * 0) / 0.8
        assertThat(Scorer.seedDefault(null).score(NVDA, shortAnswer, c)).isCloseTo(0.5 * 0.125 / 0.8, within(1e-12));
    }

    @Test
    void lengthRatioBoundsAreExclusive() {
        EvalCase c = evalCase("x", null, "q", "0123456789", List.of());
        Scorer s = Scorer.lengthRatio();
        assertThat(s.score("0123456789", "01234", c)).isEqualTo(0.0); // 0.5
        assertThat(s.score("0123456789", "012345", c)).isEqualTo(1.0); // 0.6
        assertThat(s.score("0123456789", "0123456789012345678", c)).isEqualTo(1.0); // 1.9
        assertThat(s.score("0123456789", "01234567890123456789", c)).isEqualTo(0.0); // 2.0
    }

    @Test
    void formatChecksSectionsBulletsBoldAndCitations() {
        FormatRules rules = FormatRules.none()
                .withSections("Analyst Consensus", "Apple's Guidance", "Risks")
                .withBulletList()
                .withBold()
                .withFilingCitation();
        EvalCase c = evalCase("aapl", "analyst_estimates", AAPL_Q, AAPL, List.of());
        // AAPL has both sections, bullets and bold, but no filing and no "Risks" heading
        assertThat(Scorer.format(rules).score(AAPL, AAPL, c)).isCloseTo(4.0 / 6, within(1e-12));
        assertThat(Scorer.format(rules).score(AAPL, "plain text without structure", c))
                .isEqualTo(0.0);
        assertThat(FormatRules.inferredFrom(AMZN))
                .isEqualTo(FormatRules.builder()
                        .bulletList(true)
                        .bold(true)
                        .filingCitation(true)
                        .build());
        assertThat(FormatRules.inferredFrom(AAPL))
                .isEqualTo(FormatRules.builder().bulletList(true).bold(true).build());
        assertThat(Scorer.formatLikeExpected().appliesTo(evalCase("p", null, "q", "plain", List.of())))
                .isFalse();
    }

    @Test
    void formatRulesReportEveryBlankSectionAtOnce() {
        assertThatThrownBy(() -> FormatRules.builder()
                        .requiredSections(Arrays.asList("Risks", " ", null))
                        .build())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("requiredSections[1] must not be null or blank")
                .hasMessageContaining("requiredSections[2] must not be null or blank");
        FormatRules rules = FormatRules.builder()
                .requiredSections(List.of("Risks"))
                .bold(true)
                .build();
        assertThat(rules.checkNames()).containsExactly("section:Risks", "bold");
        assertThat(rules.toBuilder().build()).isEqualTo(rules);
        assertThat(FormatRules.none().withSections("Risks").withBold()).isEqualTo(rules);
    }

    @Test
    void weightsAreRenormalizedOverTheScorersThatApply() {
        EvalCase noFacts = evalCase("x", null, AMZN_Q, AMZN, List.of());
        WeightedScorer seed = Scorer.seedDefault(null);
        assertThat(seed.breakdown(AMZN, AMZN, noFacts)).containsOnlyKeys("length");
        assertThat(seed.score(AMZN, AMZN, noFacts)).isEqualTo(1.0);
        assertThat(seed.parts()).extracting(WeightedScorer.Part::weight).containsExactly(0.5, 0.3);

        Embedder fixed = texts -> {
            List<float[]> out = new ArrayList<>();
            for (String t : texts) {
                out.add(t.equals(AMZN) ? new float[] {1, 0} : new float[] {0.6f, 0.8f});
            }
            return out;
        };
        WeightedScorer full = Scorer.seedDefault(fixed);
        EvalCase withFacts = evalCase("x", null, AMZN_Q, AMZN, List.of("$17.4 billion", "$18.6 billion"));
        String predicted = "GAAP operating income was $17.4 billion; non-GAAP was $19.0 billion. "
                + "The gap was mostly stock-based compensation added back, net of one-time gains in the quarter.";
        Map<String, Double> parts = full.breakdown(AMZN, predicted, withFacts);
        assertThat(parts).containsEntry("key_facts", 0.5).containsEntry("length", 0.0);
        assertThat(parts.get("similarity")).isCloseTo(0.6, within(1e-6));
        assertThat(full.score(AMZN, predicted, withFacts)).isCloseTo(0.5 * 0.5 + 0.3 * 0 + 0.2 * 0.6, within(1e-6));
    }

    @Test
    void negativeCosineCountsAsZero() {
        Embedder opposite = texts -> List.of(new float[] {1, 0}, new float[] {-1, 0});
        EvalCase c = evalCase("x", null, "q", "a", List.of());
        assertThat(Scorer.similarity(opposite).score("a", "b", c)).isEqualTo(0.0);
    }

    @Test
    void badWeightsAndDuplicatesAreRejected() {
        assertThatThrownBy(() -> Scorer.weighted().add(Scorer.lengthRatio(), 0).build())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("weight of scorer length must be > 0, but was 0.0");
        assertThatThrownBy(() -> Scorer.weighted()
                        .add(Scorer.lengthRatio(), 1)
                        .add(Scorer.lengthRatio(0.1, 3), 1)
                        .build())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'length' appears twice");
        assertThatThrownBy(() -> Scorer.weighted().build()).isInstanceOf(ValidationException.class);
    }

    @Test
    void keyFactsComeFromNotesWhenListedThere() {
        var example = dev.tuneloop.eval.EvaluatorTest.holdoutExample(
                "What was NVDA SBC?", NVDA, "checked against the filing\nKey facts: $1.40 billion; 67% | 10-Q\n");
        assertThat(KeyFactSource.defaults().keyFacts(example)).containsExactly("$1.40 billion", "67%", "10-Q");
        var plain = dev.tuneloop.eval.EvaluatorTest.holdoutExample("What was NVDA SBC?", NVDA, null);
        assertThat(KeyFactSource.defaults().keyFacts(plain)).isEqualTo(KeyFactSource.extract(NVDA));
        assertThat(KeyFactSource.none().keyFacts(plain)).isEmpty();
    }
}
