package dev.tuneloop.curate;

import dev.tuneloop.record.InteractionId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * How far reviewers agree, from candidates that two of them reviewed blind: per reviewer pair, Cohen's kappa on the
 * category (a rejection is its own label), and the Pearson correlation and mean absolute difference of the quality
 * scores where both approved; plus every disagreement to settle.
 *
 * <p>Definitions. For a pair's {@code n} shared items with labels {@code a_i}, {@code b_i}: observed agreement
 * {@code p_o = #(a_i = b_i) / n}; chance agreement {@code p_e = Σ_k (#(a = k) / n)(#(b = k) / n)}; kappa
 * {@code (p_o - p_e) / (1 - p_e)}, undefined (null) when {@code p_e = 1} (both used one and the same label
 * throughout). Correlation is Pearson's r over the items both approved, undefined when fewer than two or when either
 * side's scores do not vary; the mean absolute difference is undefined when there are none. An item is a disagreement
 * when the labels differ or the scores differ by more than the tolerance.
 *
 * @param pairs         one entry per reviewer pair (names in ascending order), sorted by names
 * @param disagreements the items to settle, oldest second review first
 */
public record AgreementReport(List<PairAgreement> pairs, List<Disagreement> disagreements) {

    /** Scores this far apart or closer count as agreeing: 2 (e.g. 7 and 9). */
    public static final int DEFAULT_QUALITY_TOLERANCE = 2;

    /**
     * Copies the lists.
     *
     * @param pairs         one entry per reviewer pair (names in ascending order), sorted by names
     * @param disagreements the items to settle, oldest second review first
     * @throws NullPointerException when a list is null
     */
    public AgreementReport {
        pairs = List.copyOf(pairs);
        disagreements = List.copyOf(disagreements);
    }

    /**
     * Agreement of one reviewer pair.
     *
     * @param first                        the reviewer whose name sorts first
     * @param second                       the other reviewer
     * @param items                        how many candidates both reviewed
     * @param categoryKappa                Cohen's kappa on the label; null when undefined
     * @param qualityCorrelation           Pearson's r of the scores where both approved; null when undefined
     * @param qualityMeanAbsoluteDifference mean |score difference| where both approved; null when there are none
     */
    public record PairAgreement(
            String first,
            String second,
            int items,
            @Nullable Double categoryKappa,
            @Nullable Double qualityCorrelation,
            @Nullable Double qualityMeanAbsoluteDifference) {}

    /**
     * A candidate the two reviewers decided differently.
     *
     * @param interactionId the candidate
     * @param first         the review by the reviewer whose name sorts first
     * @param second        the other review
     * @param on            what differs: {@code "category"} (label, including approve vs reject) and/or
     *     {@code "quality"}
     */
    public record Disagreement(InteractionId interactionId, BlindReview first, BlindReview second, List<String> on) {
        /**
         * Copies the list.
         *
         * @param interactionId the candidate
         * @param first         the review by the reviewer whose name sorts first
         * @param second        the other review
         * @param on            what differs: {@code "category"} (label, including approve vs reject) and/or {@code "quality"}
         * @throws NullPointerException when a component is null
         */
        public Disagreement {
            Objects.requireNonNull(interactionId, "interactionId");
            Objects.requireNonNull(first, "first");
            Objects.requireNonNull(second, "second");
            on = List.copyOf(on);
        }
    }

    /**
     * The report over {@code reviews} with {@link #DEFAULT_QUALITY_TOLERANCE}.
     *
     * @param reviews blind reviews, any order; per candidate the first two by distinct reviewers count (by time)
     * @return the report
     */
    public static AgreementReport of(List<BlindReview> reviews) {
        return of(reviews, DEFAULT_QUALITY_TOLERANCE);
    }

    /**
     * The report over {@code reviews}.
     *
     * @param reviews          blind reviews, any order; per candidate the first two by distinct reviewers count
     * @param qualityTolerance the largest score difference that still agrees; 0 to 9
     * @return the report
     * @throws IllegalArgumentException when the tolerance is out of range
     */
    public static AgreementReport of(List<BlindReview> reviews, int qualityTolerance) {
        if (qualityTolerance < 0 || qualityTolerance > 9) {
            throw new IllegalArgumentException("qualityTolerance must be between 0 and 9, but was " + qualityTolerance);
        }
        Map<InteractionId, List<BlindReview>> byItem = new LinkedHashMap<>();
        reviews.stream()
                .sorted(Comparator.comparing(BlindReview::reviewedAt).thenComparing(BlindReview::reviewer))
                .forEach(r -> byItem.computeIfAbsent(r.interactionId(), k -> new ArrayList<>(2))
                        .add(r));
        Map<String, List<BlindReview[]>> byPair = new TreeMap<>();
        List<BlindReview[]> inSecondOrder = new ArrayList<>();
        for (List<BlindReview> rs : byItem.values()) {
            BlindReview a = rs.get(0);
            Optional<BlindReview> other =
                    rs.stream().filter(r -> !r.reviewer().equals(a.reviewer())).findFirst();
            if (other.isEmpty()) {
                continue;
            }
            BlindReview b = other.get();
            BlindReview[] pair =
                    a.reviewer().compareTo(b.reviewer()) < 0 ? new BlindReview[] {a, b} : new BlindReview[] {b, a};
            byPair.computeIfAbsent(pair[0].reviewer() + "\u0000" + pair[1].reviewer(), k -> new ArrayList<>())
                    .add(pair);
            inSecondOrder.add(new BlindReview[] {pair[0], pair[1], b});
        }
        inSecondOrder.sort(Comparator.comparing((BlindReview[] p) -> p[2].reviewedAt()));
        List<Disagreement> disagreements = new ArrayList<>();
        for (BlindReview[] p : inSecondOrder) {
            List<String> on = new ArrayList<>(2);
            if (!p[0].label().equals(p[1].label())) {
                on.add("category");
            }
            QualityScore q0 = p[0].quality();
            QualityScore q1 = p[1].quality();
            if (q0 != null && q1 != null && Math.abs(q0.value() - q1.value()) > qualityTolerance) {
                on.add("quality");
            }
            if (!on.isEmpty()) {
                disagreements.add(new Disagreement(p[0].interactionId(), p[0], p[1], on));
            }
        }
        List<PairAgreement> pairs = new ArrayList<>();
        for (List<BlindReview[]> items : byPair.values()) {
            pairs.add(pairStats(items));
        }
        return new AgreementReport(pairs, disagreements);
    }

    private static PairAgreement pairStats(List<BlindReview[]> items) {
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        List<double[]> scores = new ArrayList<>();
        for (BlindReview[] p : items) {
            a.add(p[0].label());
            b.add(p[1].label());
            QualityScore q0 = p[0].quality();
            QualityScore q1 = p[1].quality();
            if (q0 != null && q1 != null) {
                scores.add(new double[] {q0.value(), q1.value()});
            }
        }
        return new PairAgreement(
                items.get(0)[0].reviewer(),
                items.get(0)[1].reviewer(),
                items.size(),
                cohensKappa(a, b),
                pearson(scores),
                meanAbsoluteDifference(scores));
    }

    /**
     * Cohen's kappa of two equally long labelings.
     *
     * @param a the first rater's labels
     * @param b the second rater's labels, item by item
     * @return kappa; null when the lists are empty or chance agreement is 1
     * @throws IllegalArgumentException when the lists differ in length
     */
    public static @Nullable Double cohensKappa(List<String> a, List<String> b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException(
                    "both labelings must have the same length, but had " + a.size() + " and " + b.size());
        }
        int n = a.size();
        if (n == 0) {
            return null;
        }
        Map<String, Integer> countA = new HashMap<>();
        Map<String, Integer> countB = new HashMap<>();
        int same = 0;
        for (int i = 0; i < n; i++) {
            countA.merge(a.get(i), 1, Integer::sum);
            countB.merge(b.get(i), 1, Integer::sum);
            if (a.get(i).equals(b.get(i))) {
                same++;
            }
        }
        double po = (double) same / n;
        double pe = 0;
        for (Map.Entry<String, Integer> e : countA.entrySet()) {
            pe += ((double) e.getValue() / n) * ((double) countB.getOrDefault(e.getKey(), 0) / n);
        }
        if (pe >= 1.0) {
            return null;
        }
        return (po - pe) / (1 - pe);
    }

    private static @Nullable Double pearson(List<double[]> xy) {
        int n = xy.size();
        if (n < 2) {
            return null;
        }
        double mx = 0;
        double my = 0;
        for (double[] p : xy) {
            mx += p[0];
            my += p[1];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (double[] p : xy) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
            syy += (p[1] - my) * (p[1] - my);
        }
        if (sxx == 0 || syy == 0) {
            return null;
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    private static @Nullable Double meanAbsoluteDifference(List<double[]> xy) {
        if (xy.isEmpty()) {
            return null;
        }
        double sum = 0;
        for (double[] p : xy) {
            sum += Math.abs(p[0] - p[1]);
        }
        return sum / xy.size();
    }
}
