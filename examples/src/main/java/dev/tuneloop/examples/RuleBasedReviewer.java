package dev.tuneloop.examples;

import dev.tuneloop.curate.Candidate;
import dev.tuneloop.curate.Review;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Stands in for the domain expert of the seed's weekly curation, with simple rules: an answer the user edited is
 * approved as exemplary (9); a thumbs-up answer that cites a filing and gives numbers is good (7), and when it is not
 * the expert answer the reviewer fixes it into that one (the seed's "fix the response if needed"); a thumbs-up answer
 * without them is "too generic (could be answered by base model)" and rejected. The category and the expert answer
 * come from the bundled dataset (a person would pick the category and write the fix in the console).
 *
 * <p>Two of them make a review team: {@link #strict} scores one point lower and files two borderline kinds of
 * question under {@code financial_metrics} (GAAP versus non-GAAP operating income, instead of
 * {@code gaap_reconciliation}; stock-based compensation, instead of {@code sbc_breakdown}), so blind double review has
 * something to measure and settle.
 */
final class RuleBasedReviewer {
    static final String NAME = "alice (rules)";
    static final String STRICT_NAME = "bob (rules, stricter)";

    /** The decision: a review to approve with, or empty to reject. */
    record Decision(Optional<Review> approve, @Nullable String rejectReason) {}

    private final String name;
    private final int scoreOffset;
    private final boolean borderlineIsAMetric;
    private final Map<String, String> categoryByQuestion;
    private final Map<String, String> referenceByQuestion;

    RuleBasedReviewer(Map<String, String> categoryByQuestion, Map<String, String> referenceByQuestion) {
        this(NAME, 0, false, categoryByQuestion, referenceByQuestion);
    }

    private RuleBasedReviewer(
            String name,
            int scoreOffset,
            boolean borderlineIsAMetric,
            Map<String, String> categoryByQuestion,
            Map<String, String> referenceByQuestion) {
        this.name = name;
        this.scoreOffset = scoreOffset;
        this.borderlineIsAMetric = borderlineIsAMetric;
        this.categoryByQuestion = categoryByQuestion;
        this.referenceByQuestion = referenceByQuestion;
    }

    /** The second reviewer: one point lower, and the borderline questions filed as financial metrics. */
    static RuleBasedReviewer strict(Map<String, String> categoryByQuestion, Map<String, String> referenceByQuestion) {
        return new RuleBasedReviewer(STRICT_NAME, -1, true, categoryByQuestion, referenceByQuestion);
    }

    String name() {
        return name;
    }

    Decision review(Candidate c) {
        String category = categoryByQuestion.getOrDefault(c.question(), "financial_metrics");
        if (borderlineIsAMetric && (category.equals("gaap_reconciliation") || category.equals("sbc_breakdown"))) {
            category = "financial_metrics";
        }
        String answer = c.editedResponse() != null ? c.editedResponse() : c.originalResponse();
        boolean citesFiling = answer.matches("(?s).*\\b(10-K|10-Q|8-K)\\b.*") || answer.contains("consensus");
        boolean hasNumbers = answer.matches("(?s).*\\d.*");
        if (c.editedResponse() != null) {
            return new Decision(
                    Optional.of(Review.by(name)
                            .category(category)
                            .quality(9 + scoreOffset)
                            .notes("user edit accepted as the gold answer")
                            .build()),
                    null);
        }
        if (citesFiling && hasNumbers) {
            String reference = referenceByQuestion.get(c.question());
            Review.Builder review = Review.by(name).category(category).quality(7 + scoreOffset);
            if (reference != null && !reference.equals(answer)) {
                review.improvedResponse(reference).notes("fixed into the expert answer");
            }
            return new Decision(Optional.of(review.build()), null);
        }
        return new Decision(Optional.empty(), "too generic: no filing cited or no figures");
    }
}
