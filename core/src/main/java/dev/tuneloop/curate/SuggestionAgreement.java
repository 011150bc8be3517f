package dev.tuneloop.curate;

import dev.tuneloop.record.InteractionId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How far the pre-reviewer's suggestions agree with what the humans decided, over the candidates that have both a
 * suggestion and a reviewed example: so a team can see whether to trust the suggestions.
 *
 * <p>Labels as in {@link AgreementReport}: the human label is the example's category, or {@value BlindReview#REJECTED}
 * for a rejection (so a suggestion on a candidate the humans rejected never agrees on the category); the suggestion's
 * label is its category. Kappa is Cohen's over those labels; the score figures are over the approved examples.
 *
 * @param items                         candidates with a suggestion and a human decision
 * @param categoryAgreement             share of them where the labels match; null when there are none
 * @param categoryKappa                 Cohen's kappa of the labels; null when undefined
 * @param approvedItems                 of them, how many the humans approved (the score figures' base)
 * @param qualityMeanAbsoluteDifference mean |suggested - human score| over the approved; null when none
 * @param qualityCorrelation            Pearson's r of the scores over the approved; null when undefined
 */
public record SuggestionAgreement(
        int items,
        @Nullable Double categoryAgreement,
        @Nullable Double categoryKappa,
        int approvedItems,
        @Nullable Double qualityMeanAbsoluteDifference,
        @Nullable Double qualityCorrelation) {

    /**
     * The agreement of {@code suggestions} with the reviewed {@code examples}.
     *
     * @param suggestions the suggestions, any order
     * @param examples    reviewed examples (approved and rejected), any order
     * @return the figures
     */
    public static SuggestionAgreement of(List<Suggestion> suggestions, List<TrainingExample> examples) {
        Map<InteractionId, TrainingExample> human = new HashMap<>();
        examples.forEach(e -> human.put(e.sourceInteractionId(), e));
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        List<BlindReview> scorePairs = new ArrayList<>();
        int same = 0;
        int approved = 0;
        for (Suggestion s : suggestions) {
            TrainingExample e = human.get(s.interactionId());
            if (e == null) {
                continue;
            }
            Category c = e.category();
            QualityScore q = e.quality();
            boolean humanApproved = e.status() == ExampleStatus.APPROVED && c != null && q != null;
            String humanLabel = humanApproved && c != null ? c.name() : BlindReview.REJECTED;
            a.add(s.category().name());
            b.add(humanLabel);
            if (humanLabel.equals(s.category().name())) {
                same++;
            }
            if (humanApproved && c != null && q != null) {
                approved++;
                // reuse the report's score statistics: one pair per item, reviewers "humans" and "suggestions"
                scorePairs.add(new BlindReview(s.interactionId(), "humans", true, c, q, e.reviewedAt()));
                scorePairs.add(new BlindReview(s.interactionId(), "suggestions", true, c, s.quality(), e.reviewedAt()));
            }
        }
        int n = a.size();
        AgreementReport scores = AgreementReport.of(scorePairs);
        Double mad = null;
        Double r = null;
        if (!scores.pairs().isEmpty()) {
            mad = scores.pairs().get(0).qualityMeanAbsoluteDifference();
            r = scores.pairs().get(0).qualityCorrelation();
        }
        return new SuggestionAgreement(
                n, n == 0 ? null : (double) same / n, AgreementReport.cohensKappa(a, b), approved, mad, r);
    }

    /**
     * The agreement of every stored suggestion with every reviewed example.
     *
     * @param suggestions where suggestions are kept
     * @param examples    where reviewed examples are kept
     * @return the figures
     */
    public static SuggestionAgreement of(SuggestionStore suggestions, ExampleStore examples) {
        List<Suggestion> s = new ArrayList<>();
        suggestions.scan(s::add);
        List<TrainingExample> e = new ArrayList<>();
        examples.scan(ExampleQuery.all(), e::add);
        return of(s, e);
    }
}
