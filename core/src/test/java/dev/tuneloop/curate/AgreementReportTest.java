package dev.tuneloop.curate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tuneloop.record.InteractionId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class AgreementReportTest {
    private static final Instant T = Instant.parse("2026-11-28T12:00:00Z");

    /** A 2x2 table of yes/no labels: both yes, a yes b no, a no b yes, both no. */
    private static List<List<String>> table(int yy, int yn, int ny, int nn) {
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        add(a, b, "yes", "yes", yy);
        add(a, b, "yes", "no", yn);
        add(a, b, "no", "yes", ny);
        add(a, b, "no", "no", nn);
        return List.of(a, b);
    }

    private static void add(List<String> a, List<String> b, String x, String y, int n) {
        for (int i = 0; i < n; i++) {
            a.add(x);
            b.add(y);
        }
    }

    @Test
    void kappaMatchesTheTextbookVectors() {
        // Wikipedia "Cohen's kappa", worked examples: p_o 0.7, p_e 0.5 -> 0.4; p_o 0.6, p_e 0.54 -> 0.1304
        List<List<String>> first = table(20, 5, 10, 15);
        assertThat(AgreementReport.cohensKappa(first.get(0), first.get(1))).isCloseTo(0.4, within(1e-12));
        List<List<String>> second = table(45, 15, 25, 15);
        assertThat(AgreementReport.cohensKappa(second.get(0), second.get(1))).isCloseTo(0.06 / 0.46, within(1e-12));
    }

    @Test
    void kappaIsUndefinedWhenChanceAgreementIsCertain() {
        assertThat(AgreementReport.cohensKappa(List.of("a", "a"), List.of("a", "a")))
                .isNull();
        assertThat(AgreementReport.cohensKappa(List.of(), List.of())).isNull();
        assertThatThrownBy(() -> AgreementReport.cohensKappa(List.of("a"), List.of()))
                .hasMessageContaining("same length");
    }

    private static BlindReview approve(InteractionId id, String reviewer, String category, int q, int minute) {
        return new BlindReview(
                id, reviewer, true, Category.of(category), QualityScore.of(q), T.plusSeconds(60L * minute));
    }

    private static BlindReview reject(InteractionId id, String reviewer, int minute) {
        return new BlindReview(id, reviewer, false, null, null, T.plusSeconds(60L * minute));
    }

    @Test
    void reportPerPairWithDisagreementsToSettle() {
        InteractionId i1 = InteractionId.next();
        InteractionId i2 = InteractionId.next();
        InteractionId i3 = InteractionId.next();
        InteractionId i4 = InteractionId.next();
        InteractionId single = InteractionId.next();
        List<BlindReview> reviews = List.of(
                approve(i1, "bob", "sec_10q", 10, 1),
                approve(i1, "alice", "sec_10q", 9, 2),
                approve(i2, "alice", "sec_10k", 4, 3),
                approve(i2, "bob", "sec_10k", 8, 4), // scores 4 apart: a disagreement on quality
                approve(i3, "alice", "comparison", 6, 5),
                reject(i3, "bob", 6), // approve vs reject: a disagreement on category
                approve(i4, "carol", "sec_8k", 7, 7),
                approve(i4, "alice", "sec_8k", 7, 8),
                approve(single, "alice", "sec_8k", 7, 9)); // reviewed once: not in the report
        AgreementReport r = AgreementReport.of(reviews);

        assertThat(r.pairs()).extracting(p -> p.first() + "+" + p.second()).containsExactly("alice+bob", "alice+carol");
        AgreementReport.PairAgreement ab = r.pairs().get(0);
        assertThat(ab.items()).isEqualTo(3);
        // labels alice: 10q, 10k, comparison; bob: 10q, 10k, rejected. p_o = 2/3, p_e = 2/9 -> kappa = 4/7
        assertThat(ab.categoryKappa()).isCloseTo(4.0 / 7.0, within(1e-12));
        // scores where both approved: (9,10), (4,8): r = 1 (two points), mean |diff| = (1 + 4) / 2
        assertThat(ab.qualityCorrelation()).isCloseTo(1.0, within(1e-12));
        assertThat(ab.qualityMeanAbsoluteDifference()).isCloseTo(2.5, within(1e-12));
        AgreementReport.PairAgreement ac = r.pairs().get(1);
        assertThat(ac.items()).isEqualTo(1);
        assertThat(ac.categoryKappa()).isNull();
        assertThat(ac.qualityCorrelation()).isNull();
        assertThat(ac.qualityMeanAbsoluteDifference()).isEqualTo(0.0);

        assertThat(r.disagreements())
                .extracting(AgreementReport.Disagreement::interactionId)
                .containsExactly(i2, i3);
        assertThat(r.disagreements().get(0).on()).containsExactly("quality");
        assertThat(r.disagreements().get(0).first().reviewer()).isEqualTo("alice");
        assertThat(r.disagreements().get(1).on()).containsExactly("category");
        assertThat(AgreementReport.of(reviews, 3).disagreements()).hasSize(2);
        assertThat(AgreementReport.of(reviews, 4).disagreements()).hasSize(1);
    }

    @Test
    void correlationAndMeanDifferenceOverThreeItems() {
        List<BlindReview> reviews = new ArrayList<>();
        int[][] scores = {{2, 3}, {4, 5}, {6, 4}}; // r = 2 / sqrt(8 * 2) = 0.5; mean |diff| = 4 / 3
        for (int[] s : scores) {
            InteractionId id = InteractionId.next();
            reviews.add(approve(id, "alice", "sec_10k", s[0], 1));
            reviews.add(approve(id, "dave", "sec_10k", s[1], 2));
        }
        AgreementReport.PairAgreement p = AgreementReport.of(reviews).pairs().get(0);
        assertThat(p.qualityCorrelation()).isCloseTo(0.5, within(1e-12));
        assertThat(p.qualityMeanAbsoluteDifference()).isCloseTo(4.0 / 3.0, within(1e-12));
        assertThat(p.categoryKappa()).isNull(); // one label throughout: chance agreement is 1
    }

    @Property(tries = 200)
    void kappaIsSymmetricBoundedAndOneForIdenticalLabels(
            @ForAll @IntRange(min = 2, max = 60) int n,
            @ForAll @IntRange(min = 2, max = 5) int labels,
            @ForAll long seed) {
        Random rnd = new Random(seed);
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            a.add("c" + rnd.nextInt(labels));
            b.add(rnd.nextInt(3) == 0 ? "c" + rnd.nextInt(labels) : a.get(i));
        }
        Double ab = AgreementReport.cohensKappa(a, b);
        Double ba = AgreementReport.cohensKappa(b, a);
        if (ab == null) {
            assertThat(ba).isNull();
        } else {
            assertThat(ab).isCloseTo(ba, within(1e-12)).isLessThanOrEqualTo(1.0 + 1e-12);
        }
        Double same = AgreementReport.cohensKappa(a, a);
        if (same != null) {
            assertThat(same).isCloseTo(1.0, within(1e-12));
        }
        List<String> shuffledA = new ArrayList<>(a);
        List<String> shuffledB = new ArrayList<>(b);
        long s = rnd.nextLong();
        Collections.shuffle(shuffledA, new Random(s));
        Collections.shuffle(shuffledB, new Random(s));
        Double shuffled = AgreementReport.cohensKappa(shuffledA, shuffledB);
        if (ab != null) {
            assertThat(shuffled).isCloseTo(ab, within(1e-12)); // item order does not matter
        }
    }

    @Test
    void invalidReviewsAreRefused() {
        InteractionId id = InteractionId.next();
        assertThatThrownBy(() -> new BlindReview(id, "a", true, null, QualityScore.of(5), T))
                .hasMessageContaining("needs a category");
        assertThatThrownBy(() -> new BlindReview(id, "a", false, Category.of("sec_10k"), null, T))
                .hasMessageContaining("has no category");
        assertThatThrownBy(() -> AgreementReport.of(List.of(), 10)).hasMessageContaining("qualityTolerance");
    }
}
