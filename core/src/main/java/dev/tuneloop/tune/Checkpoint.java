package dev.tuneloop.tune;

import dev.tuneloop.errors.Checks;
import java.time.Instant;
import java.util.Map;

/**
 * A model saved part-way through a job (OpenAI keeps the last few epochs), usable like the final model.
 *
 * @param id         the provider's checkpoint id; never null
 * @param jobId      the job it belongs to; never null
 * @param model      the checkpoint's model name, e.g. {@code "ft:gpt-4o-mini:org:sfx:abc:ckpt-step-10"}; never null
 * @param stepNumber the training step it was taken at, &ge; 0
 * @param createdAt  when it was saved; never null
 * @param metrics    the provider's numeric metrics at that step (train_loss, valid_loss, …); never null
 */
public record Checkpoint(
        String id, String jobId, String model, long stepNumber, Instant createdAt, Map<String, Double> metrics) {
    /**
     * Validates every part and copies the metrics.
     *
     * @param id         the provider's checkpoint id; never null
     * @param jobId      the job it belongs to; never null
     * @param model      the checkpoint's model name, e.g. {@code "ft:gpt-4o-mini:org:sfx:abc:ckpt-step-10"}; never null
     * @param stepNumber the training step it was taken at, &ge; 0
     * @param createdAt  when it was saved; never null
     * @param metrics    the provider's numeric metrics at that step (train_loss, valid_loss, …); never null
     * @throws dev.tuneloop.errors.ValidationException listing every problem
     */
    public Checkpoint {
        Checks.start()
                .text("id", id, true, 256)
                .text("jobId", jobId, true, 256)
                .text("model", model, true, 512)
                .require(stepNumber >= 0, "stepNumber must be >= 0, but was " + stepNumber)
                .require(createdAt != null, "createdAt is required, but was null")
                .require(metrics != null, "metrics is required (use an empty map), but was null")
                .orThrow();
        metrics = Map.copyOf(metrics);
    }
}
