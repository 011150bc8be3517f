package dev.tuneloop.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class NearDuplicateProperties {
    private final NearDuplicateDetector detector = NearDuplicateDetector.create();

    @Property
    void jaccardIsSymmetricAndInTheUnitInterval(@ForAll("wordy") String a, @ForAll("wordy") String b) {
        double ab = detector.jaccard(a, b);
        assertThat(ab).isEqualTo(detector.jaccard(b, a)).isBetween(0.0, 1.0);
    }

    @Property
    void jaccardOfAnyUnicodeTextsIsSymmetricAndBounded(@ForAll String a, @ForAll String b) {
        double ab = detector.jaccard(a, b);
        assertThat(ab).isEqualTo(detector.jaccard(b, a)).isBetween(0.0, 1.0);
    }

    @Property
    void identicalTextsHaveJaccardOne(@ForAll String a) {
        assertThat(detector.jaccard(a, new String(a.toCharArray()))).isEqualTo(1.0);
    }

    @Property(tries = 60)
    void findPairsIsExactlyDeterministicAndASubsetOfTheTruth(@ForAll("corpusSeeds") long seed) {
        Map<Integer, String> texts = corpus(seed);

        List<DuplicatePair<Integer>> first = detector.findPairs(texts);
        List<DuplicatePair<Integer>> again =
                NearDuplicateDetector.builder().build().findPairs(new LinkedHashMap<>(texts));

        assertThat(again).isEqualTo(first);
        Set<Long> truth = NearDuplicateQualityTest.bruteForce(detector, texts);
        Set<Long> found = first.stream()
                .map(p -> NearDuplicateQualityTest.key(p.first(), p.second()))
                .collect(Collectors.toSet());
        assertThat(truth).containsAll(found);
        assertThat(first).allSatisfy(p -> {
            assertThat(p.first()).isLessThan(p.second());
            assertThat(p.jaccard()).isEqualTo(detector.jaccard(texts.get(p.first()), texts.get(p.second())));
        });
    }

    @Property(tries = 60)
    void indexMatchesAgreeWithFindPairs(@ForAll("corpusSeeds") long seed) {
        Map<Integer, String> texts = corpus(seed);
        NearDuplicateDetector.Index<Integer> index = detector.newIndex();
        texts.forEach(index::add);
        Set<Long> fromPairs = detector.findPairs(texts).stream()
                .map(p -> NearDuplicateQualityTest.key(p.first(), p.second()))
                .collect(Collectors.toSet());
        for (Map.Entry<Integer, String> e : texts.entrySet()) {
            for (DuplicatePair<Integer> m : index.matches(e.getValue())) {
                if (!m.first().equals(e.getKey())) {
                    int a = Math.min(m.first(), e.getKey());
                    int b = Math.max(m.first(), e.getKey());
                    assertThat(fromPairs).contains(NearDuplicateQualityTest.key(a, b));
                }
            }
        }
    }

    /** Small corpora of short texts over a small vocabulary, with edited copies: many pairs near the threshold. */
    private static Map<Integer, String> corpus(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        String[] vocab = {"revenue", "rose", "fell", "q3", "fy2025", "margin", "gaap", "sbc", "cash", "flow", "the"};
        Map<Integer, String> texts = new LinkedHashMap<>();
        int n = 2 + r.nextInt(12);
        for (int i = 0; i < n; i++) {
            StringBuilder sb = new StringBuilder();
            int words = r.nextInt(30);
            for (int w = 0; w < words; w++) {
                sb.append(vocab[r.nextInt(vocab.length)]).append(r.nextInt(5) == 0 ? ", " : " ");
            }
            texts.put(i * 10, sb.toString());
            if (r.nextBoolean()) {
                texts.put(i * 10 + 1, FinancialTexts.edit(sb.toString().trim(), r.nextDouble() * 0.15, r));
            }
        }
        return texts;
    }

    @Provide
    Arbitrary<Long> corpusSeeds() {
        return Arbitraries.longs();
    }

    @Provide
    Arbitrary<String> wordy() {
        return Arbitraries.of(
                        "Revenue",
                        "rose",
                        "4.7%",
                        "in",
                        "Q3",
                        "FY2025",
                        "GAAP",
                        "non-GAAP",
                        "$35.1B",
                        "the",
                        "ｆｉｌｉｎｇ",
                        "Ünïcödé",
                        ",",
                        "  ",
                        "\n",
                        "İstanbul")
                .list()
                .ofMaxSize(40)
                .map(words -> String.join(" ", words));
    }
}
