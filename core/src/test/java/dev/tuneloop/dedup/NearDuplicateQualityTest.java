package dev.tuneloop.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Recall and precision of {@link NearDuplicateDetector#findPairs} against the brute-force truth (exact Jaccard of every
 * pair) on a labelled, seeded corpus of financial Q&A texts and near copies edited at rates on both sides of the
 * threshold.
 */
class NearDuplicateQualityTest {

    @Test
    void findsAtLeast95PercentOfTrueNearDuplicatesWithPrecisionAbove95Percent() {
        SplittableRandom random = new SplittableRandom(20_241_031L);
        Map<Integer, String> texts = new LinkedHashMap<>();
        int bases = 600;
        for (int i = 0; i < bases; i++) {
            texts.put(i, FinancialTexts.document(random));
        }
        int id = bases;
        for (int i = 0; i < bases; i += 2) {
            int copies = 1 + random.nextInt(2);
            for (int c = 0; c < copies; c++) {
                // 0-8 % of words edited: Jaccard from 1.0 down to about 0.6, many pairs close to 0.8
                texts.put(id++, FinancialTexts.edit(texts.get(i), random.nextDouble() * 0.08, random));
            }
        }
        NearDuplicateDetector detector = NearDuplicateDetector.create();

        Set<Long> truth = bruteForce(detector, texts);
        List<DuplicatePair<Integer>> found = detector.findPairs(texts);

        Set<Long> foundKeys = new HashSet<>();
        for (DuplicatePair<Integer> p : found) {
            foundKeys.add(key(p.first(), p.second()));
        }
        long truePositives = foundKeys.stream().filter(truth::contains).count();
        double recall = (double) truePositives / truth.size();
        double precision = (double) truePositives / foundKeys.size();
        System.out.printf(
                "dedup quality: docs=%d truePairs=%d found=%d recall=%.4f precision=%.4f%n",
                texts.size(), truth.size(), foundKeys.size(), recall, precision);

        // the corpus is made so that the measurement means something: hundreds of true pairs, and pairs just below
        assertThat(truth.size()).isGreaterThan(200);
        assertThat(recall).isGreaterThanOrEqualTo(0.95);
        assertThat(precision).isGreaterThanOrEqualTo(0.95);
        assertThat(found)
                .allSatisfy(p -> assertThat(p.jaccard())
                        .isEqualTo(detector.jaccard(texts.get(p.first()), texts.get(p.second()))));
    }

    @Test
    void theCorpusHasPairsOnBothSidesOfTheThreshold() {
        SplittableRandom random = new SplittableRandom(7);
        NearDuplicateDetector detector = NearDuplicateDetector.create();
        int above = 0;
        int below = 0;
        for (int i = 0; i < 200; i++) {
            String base = FinancialTexts.document(random);
            double j = detector.jaccard(base, FinancialTexts.edit(base, 0.02 + random.nextDouble() * 0.04, random));
            if (j >= 0.8) {
                above++;
            } else {
                below++;
            }
        }
        assertThat(above).isGreaterThan(20);
        assertThat(below).isGreaterThan(20);
    }

    static Set<Long> bruteForce(NearDuplicateDetector detector, Map<Integer, String> texts) {
        int n = texts.size();
        long[][] shingles = new long[n][];
        Integer[] keys = texts.keySet().toArray(new Integer[0]);
        for (int i = 0; i < n; i++) {
            shingles[i] = detector.shingles(texts.get(keys[i]));
        }
        Set<Long> truth = new HashSet<>();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (Shingles.jaccard(shingles[i], shingles[j]) >= detector.threshold()) {
                    truth.add(key(Math.min(keys[i], keys[j]), Math.max(keys[i], keys[j])));
                }
            }
        }
        return truth;
    }

    static long key(int a, int b) {
        return ((long) a << 32) | b;
    }
}
