package dev.tuneloop.curate;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

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
        @Nullable Instant lastTrainedAt,
        Instant evaluatedAt) {
    /**
     * Checks that {@code shouldRetrain} agrees with the reasons, and copies the collections.
     *
     * @param shouldRetrain true when there is at least one reason
     * @param reasons       why; empty when there is no reason to retrain
     * @param newExamples   approved quality TRAIN examples not used by the last training
     * @param newCategories categories of approved quality examples the last training did not have; empty on the first
     *                      training
     * @param lastTrainedAt when the last training ran; null when there was none
     * @param evaluatedAt   when this advice was made
     * @throws NullPointerException     when a collection or {@code evaluatedAt} is null
     * @throws IllegalArgumentException when {@code shouldRetrain} is true without reasons, or false with some
     */
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
        NEW_CATEGORIES,
        /** The deployed model or its base retires, or job creation on its base closes, soon. */
        MODEL_LIFECYCLE
    }

    /**
     * One reason.
     *
     * @param trigger what
     * @param detail  a sentence with the figures (never a prompt's text)
     */
    public record Reason(Trigger trigger, String detail) {
        /**
         * Checks the parts.
         *
         * @param trigger what
         * @param detail  a sentence with the figures (never a prompt's text)
         * @throws NullPointerException when a part is null
         */
        public Reason {
            Objects.requireNonNull(trigger, "trigger");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
