package dev.tuneloop.curate;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Whether to train again (the seed's "When to Retrain"), with the reasons, for a scheduler to act on. Plain data,
 * JSON-friendly.
 *
 * @param shouldRetrain  true when there is at least one reason
 * @param reasons        why; empty when there is no reason to retrain
 * @param newExamples    approved quality TRAIN examples not used by the last training
 * @param newCategories  categories of approved quality examples the last training did not have; empty on the first
 *                       training
 * @param lastTrainedAt  when the last training ran; null when there was none
 * @param evaluatedAt    when this advice was made
 */
public record RetrainAdvice(
        boolean shouldRetrain,
        List<Reason> reasons,
        int newExamples,
        Set<Category> newCategories,
        Instant lastTrainedAt,
        Instant evaluatedAt) {
    public RetrainAdvice {
        reasons = List.copyOf(reasons);
        newCategories = Set.copyOf(newCategories);
        Objects.requireNonNull(evaluatedAt, "evaluatedAt");
        if (shouldRetrain == reasons.isEmpty()) {
            throw new IllegalArgumentException("shouldRetrain must be true exactly when there are reasons");
        }
    }

    /** What triggers a retraining. */
    public enum Trigger {
        /** Enough new quality examples since the last training (the seed: 50+). */
        NEW_EXAMPLES,
        /** The system prompt differs from the one the model was trained with. */
        SYSTEM_PROMPT_CHANGED,
        /** Examples of categories the model never saw. */
        NEW_CATEGORIES
    }

    /**
     * One reason.
     *
     * @param trigger what
     * @param detail  a sentence with the figures (never a prompt's text)
     */
    public record Reason(Trigger trigger, String detail) {
        public Reason {
            Objects.requireNonNull(trigger, "trigger");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
