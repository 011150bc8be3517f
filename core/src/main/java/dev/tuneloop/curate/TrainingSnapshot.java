package dev.tuneloop.curate;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the last training used, as {@link RetrainAdvisor} needs it: when it ran, which examples, which system prompt and
 * which categories. A model registry keeps this with each model version; {@link #of} makes one from the exported
 * examples.
 *
 * <p>Immutable; {@link #toString()} names the prompt by fingerprint, never by text.
 *
 * @param trainedAt    when the training ran (or the file was exported)
 * @param exampleIds   the examples in the training file; never null
 * @param systemPrompt the system prompt the model was trained with; null when there was none
 * @param categories   the categories of those examples; never null
 */
public record TrainingSnapshot(
        Instant trainedAt,
        Set<ExampleId> exampleIds,
        @Nullable String systemPrompt,
        Set<Category> categories) {
    /**
     * Checks the time and copies the sets.
     *
     * @param trainedAt    when the training ran (or the file was exported)
     * @param exampleIds   the examples in the training file; never null
     * @param systemPrompt the system prompt the model was trained with; null when there was none
     * @param categories   the categories of those examples; never null
     * @throws NullPointerException when {@code trainedAt} or a set is null, or a set holds null
     */
    public TrainingSnapshot {
        Objects.requireNonNull(trainedAt, "trainedAt");
        exampleIds = Set.copyOf(exampleIds);
        categories = Set.copyOf(categories);
    }

    /**
     * The snapshot of a training on {@code used}: their ids, their categories, and the system prompt most of them
     * have (ties: the prompt that reached the top count first, in {@code used}'s order).
     *
     * @param trainedAt when the training ran
     * @param used      the examples in the training file
     * @return the snapshot
     */
    public static TrainingSnapshot of(Instant trainedAt, Collection<TrainingExample> used) {
        Set<ExampleId> ids = new LinkedHashSet<>();
        Set<Category> categories = new LinkedHashSet<>();
        Map<String, Integer> prompts = new HashMap<>();
        String top = null;
        int topCount = 0;
        for (TrainingExample e : used) {
            ids.add(e.id());
            if (e.category() != null) {
                categories.add(e.category());
            }
            String key = e.systemPrompt() == null ? "" : e.systemPrompt();
            int n = prompts.merge(key, 1, Integer::sum);
            if (n > topCount) {
                topCount = n;
                top = e.systemPrompt();
            }
        }
        return new TrainingSnapshot(trainedAt, ids, top, categories);
    }

    /**
     * No training yet: every approved quality example is new.
     *
     * @return the snapshot of "never trained" (the epoch, no examples)
     */
    public static TrainingSnapshot never() {
        return new TrainingSnapshot(Instant.EPOCH, Set.of(), null, Set.of());
    }

    /**
     * Whether this stands for "no training yet".
     *
     * @return true for a snapshot at the epoch without examples, as {@link #never()} makes
     */
    public boolean isNever() {
        return trainedAt.equals(Instant.EPOCH) && exampleIds.isEmpty();
    }

    @Override
    public String toString() {
        return "TrainingSnapshot[trainedAt=" + trainedAt + ", examples=" + exampleIds.size() + ", systemPrompt="
                + Fingerprints.of(systemPrompt) + ", categories=" + categories + "]";
    }
}
