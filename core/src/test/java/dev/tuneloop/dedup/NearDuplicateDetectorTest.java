package dev.tuneloop.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tuneloop.errors.ValidationException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NearDuplicateDetectorTest {
    private static final String BASE =
            "According to NVIDIA's Q3 FY2025 10-Q filing, total stock-based compensation was "
                    + "$1.40 billion, representing 4.0% of revenue. Research and development accounts for 67% of total SBC, "
                    + "reflecting heavy investment in engineering talent for AI and GPU development across the company.";

    private final NearDuplicateDetector detector = NearDuplicateDetector.create();

    @Test
    void defaultsDeriveTwentyOneBandsOfSixRowsForThresholdPointEight() {
        assertThat(detector.threshold()).isEqualTo(0.8);
        assertThat(detector.shingleSize()).isEqualTo(3);
        assertThat(detector.bands()).isEqualTo(21);
        assertThat(detector.rows()).isEqualTo(6);
        assertThat(detector.candidateProbability(0.8)).isGreaterThan(0.99);
        assertThat(detector.candidateProbability(0.3)).isLessThan(0.02);
    }

    @Test
    void normalizationIgnoresCasePunctuationWhitespaceAndCompatibilityForms() {
        assertThat(detector.jaccard("Revenue grew  10% in Q3, year over year.", "revenue GREW 10 in q3 year-over-year"))
                .isEqualTo(1.0);
        // NFKC: full-width letters and the "ﬁ" ligature fold to their plain forms
        assertThat(detector.jaccard("ｆｉｌｉｎｇ ﬁled today", "filing filed today")).isEqualTo(1.0);
    }

    @Test
    void jaccardCountsSharedShingles() {
        // words a b c d e: shingles abc bcd cde; a b c d f: abc bcd cdf -> 2 shared of 4
        assertThat(detector.jaccard("a b c d e", "a b c d f")).isCloseTo(0.5, within(1e-12));
        assertThat(detector.jaccard("", "")).isEqualTo(1.0);
        assertThat(detector.jaccard("", "some words here")).isEqualTo(0.0);
        assertThat(detector.jaccard("two words", "two words")).isEqualTo(1.0);
    }

    @Test
    void findsANearCopyAndNotAnUnrelatedText() {
        String nearCopy = BASE.replace("heavy investment", "heavy ongoing investment");
        String unrelated = "Amazon's GAAP operating income for Q3 2024 was $17.4 billion with an 11.0% margin, while "
                + "non-GAAP operating income reached $18.6 billion after adding back stock-based compensation.";
        Map<String, String> texts = new HashMap<>();
        texts.put("b", nearCopy);
        texts.put("a", BASE);
        texts.put("c", unrelated);

        List<DuplicatePair<String>> pairs = detector.findPairs(texts);

        assertThat(pairs).hasSize(1);
        assertThat(pairs.get(0).first()).isEqualTo("a");
        assertThat(pairs.get(0).second()).isEqualTo("b");
        assertThat(pairs.get(0).jaccard())
                .isEqualTo(detector.jaccard(BASE, nearCopy))
                .isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void emptyAndSingleTextInputsHaveNoPairs() {
        assertThat(detector.findPairs(Map.<String, String>of())).isEmpty();
        assertThat(detector.findPairs(Map.of("only", BASE))).isEmpty();
        assertThat(detector.groups(Map.of("only", BASE))).isEmpty();
        assertThat(detector.newIndex().matches(BASE)).isEmpty();
        // texts without any word are identical to each other (Jaccard of two empty sets is 1)
        assertThat(detector.findPairs(Map.of("x", "", "y", " ... ")))
                .containsExactly(new DuplicatePair<>("x", "y", 1.0));
    }

    @Test
    void pairsAreSortedAndEachListedOnce() {
        Map<Integer, String> texts = new HashMap<>();
        for (int i = 5; i >= 0; i--) {
            texts.put(i, BASE);
        }
        List<DuplicatePair<Integer>> pairs = detector.findPairs(texts);
        assertThat(pairs).hasSize(15);
        for (int k = 1; k < pairs.size(); k++) {
            DuplicatePair<Integer> p = pairs.get(k - 1);
            DuplicatePair<Integer> q = pairs.get(k);
            assertThat(p.first() < q.first() || (p.first().equals(q.first()) && p.second() < q.second()))
                    .isTrue();
        }
        assertThat(pairs).allSatisfy(p -> assertThat(p.first()).isLessThan(p.second()));
    }

    @Test
    void manyIdenticalTextsArePairedOnceEachAndAgreeWithBruteForce() {
        String other = "Apple provided qualitative guidance suggesting low to mid single digit revenue growth year "
                + "over year, which would imply revenue of 121 to 125 billion dollars for the quarter.";
        String nearCopy = BASE.replace("heavy investment", "heavy ongoing investment");
        Map<Integer, String> texts = new HashMap<>();
        int id = 0;
        for (int i = 0; i < 50; i++) {
            texts.put(id++, BASE);
        }
        for (int i = 0; i < 20; i++) {
            texts.put(id++, BASE.toUpperCase(Locale.ROOT).replace(",", " ,  ")); // same normalized words
        }
        for (int i = 0; i < 30; i++) {
            texts.put(id++, other);
        }
        texts.put(id, nearCopy);

        List<DuplicatePair<Integer>> pairs = detector.findPairs(texts);

        // 70 texts with BASE's words: 70*69/2; 30 copies of other: 30*29/2; the near copy with each of the 70
        assertThat(pairs).hasSize(2415 + 435 + 70);
        assertThat(pairs).isEqualTo(detector.findPairsExhaustive(texts));
        assertThat(pairs)
                .filteredOn(p -> p.second() == 100)
                .allSatisfy(p -> assertThat(p.jaccard()).isEqualTo(detector.jaccard(BASE, nearCopy)));
    }

    @Test
    void groupsAreTheConnectedComponentsOfThePairs() {
        String other = "Apple provided qualitative guidance suggesting low to mid single digit revenue growth year "
                + "over year, which would imply revenue of 121 to 125 billion dollars for the quarter.";
        Map<String, String> texts = new HashMap<>();
        texts.put("a", BASE);
        texts.put("z", BASE.replace("heavy investment", "heavy ongoing investment"));
        texts.put("b", other);
        texts.put("c", other.toLowerCase(Locale.ROOT));
        texts.put("d", other.toUpperCase(Locale.ROOT));
        texts.put("m", "Something else entirely: a short note about the weather in Santa Clara this week.");

        List<List<String>> groups = detector.groups(texts);

        // b's group meets its second member (c) before a's does (z), yet a's group is listed first
        assertThat(groups).containsExactly(List.of("a", "z"), List.of("b", "c", "d"));
    }

    @Test
    void indexReturnsIndexedNearDuplicatesMostSimilarFirst() {
        NearDuplicateDetector.Index<String> index = detector.newIndex();
        index.add("exact", BASE);
        index.add("edited", BASE.replace("heavy investment", "heavy ongoing investment"));
        index.add("other", "Apple provided qualitative guidance suggesting low to mid single digit revenue growth.");

        List<DuplicatePair<String>> matches = index.matches(BASE);

        assertThat(index.size()).isEqualTo(3);
        assertThat(matches).extracting(DuplicatePair::first).containsExactly("exact", "edited");
        assertThat(matches.get(0).jaccard()).isEqualTo(1.0);
        assertThat(matches).allSatisfy(m -> assertThat(m.second()).isNull());
    }

    @Test
    void indexRejectsADuplicateKeyAndNulls() {
        NearDuplicateDetector.Index<String> index = detector.newIndex();
        index.add("k", BASE);
        assertThatThrownBy(() -> index.add("k", "other"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("key must be unique");
        assertThatThrownBy(() -> index.add(null, "x")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> index.matches(null)).isInstanceOf(ValidationException.class);
    }

    @Test
    void builderReportsEveryInvalidSettingAtOnce() {
        assertThatThrownBy(() -> NearDuplicateDetector.builder()
                        .threshold(1.5)
                        .shingleSize(0)
                        .bands(4)
                        .build())
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "threshold must be > 0 and <= 1, but was 1.5",
                                        "shingleSize must be between 1 and 16, but was 0",
                                        "rows must be >= 1 (or bands and rows both unset), but was 0"));
    }

    @Test
    void explicitBandsAndRowsAreUsed() {
        NearDuplicateDetector d =
                NearDuplicateDetector.builder().bands(9).rows(13).build();
        assertThat(d.bands()).isEqualTo(9);
        assertThat(d.rows()).isEqualTo(13);
        // the 9 x 13 split misses most pairs at exactly 0.8
        assertThat(d.candidateProbability(0.8)).isCloseTo(0.40, within(0.01));
    }

    @Test
    void derivedBandsAndRowsFollowTheThreshold() {
        for (double t : new double[] {0.5, 0.7, 0.8, 0.9, 0.95}) {
            NearDuplicateDetector d =
                    NearDuplicateDetector.builder().threshold(t).build();
            assertThat(d.bands() * d.rows()).isLessThanOrEqualTo(NearDuplicateDetector.HASH_BUDGET);
            assertThat(d.candidateProbability(t)).isGreaterThanOrEqualTo(0.99);
            // one more row per band (fewer bands) would miss the target: rows is the largest that reaches it
            int fewerBands = NearDuplicateDetector.HASH_BUDGET / (d.rows() + 1);
            assertThat(NearDuplicateDetector.probability(t, fewerBands, d.rows() + 1))
                    .isLessThan(0.99);
        }
        assertThatThrownBy(() -> detector.candidateProbability(1.5)).isInstanceOf(ValidationException.class);
    }

    @Test
    void duplicatePairValidatesItsFields() {
        assertThatThrownBy(() -> new DuplicatePair<>(null, "b", 0.9)).hasMessage("first is required, but was null");
        assertThatThrownBy(() -> new DuplicatePair<>("a", "b", 1.2))
                .hasMessage("jaccard must be between 0 and 1, but was 1.2");
    }

    @Test
    void nullInputsAreRejectedWithTheFieldName() {
        assertThatThrownBy(() -> detector.findPairs(null)).hasMessage("textsById is required, but was null");
        Map<String, String> withNull = new HashMap<>();
        withNull.put("k1", null);
        assertThatThrownBy(() -> detector.findPairs(withNull))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("k1");
        assertThatThrownBy(() -> detector.jaccard(null, "x")).hasMessage("a is required, but was null");
    }
}
