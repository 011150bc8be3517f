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
 */
final class RuleBasedReviewer {
    static final String NAME = "demo-reviewer (rules)";

    /** The decision: a review to approve with, or empty to reject. */
    record Decision(Optional<Review> approve, @Nullable String rejectReason) {}

    private final Map<String, String> categoryByQuestion;
    private final Map<String, String> referenceByQuestion;

    RuleBasedReviewer(Map<String, String> categoryByQuestion, Map<String, String> referenceByQuestion) {
        this.categoryByQuestion = categoryByQuestion;
        this.referenceByQuestion = referenceByQuestion;
    }

    Decision review(Candidate c) {
        String category = categoryByQuestion.getOrDefault(c.question(), "financial_metrics");
        String answer = c.editedResponse() != null ? c.editedResponse() : c.originalResponse();
        boolean citesFiling = answer.matches("(?s).*\\b(10-K|10-Q|8-K)\\b.*") || answer.contains("consensus");
        boolean hasNumbers = answer.matches("(?s).*\\d.*");
        if (c.editedResponse() != null) {
            return new Decision(
                    Optional.of(Review.by(NAME)
                            .category(category)
                            .quality(9)
                            .notes("user edit accepted as the gold answer")
                            .build()),
                    null);
        }
        if (citesFiling && hasNumbers) {
            String reference = referenceByQuestion.get(c.question());
            Review.Builder review = Review.by(NAME).category(category).quality(7);
            if (reference != null && !reference.equals(answer)) {
                review.improvedResponse(reference).notes("fixed into the expert answer");
            }
            return new Decision(Optional.of(review.build()), null);
        }
        return new Decision(Optional.empty(), "too generic: no filing cited or no figures");
    }
}
