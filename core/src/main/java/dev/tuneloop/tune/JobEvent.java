package dev.tuneloop.tune;

import dev.tuneloop.errors.Checks;
import java.time.Instant;

/**
 * One line of a job's log as the provider reports it ("Step 10/100: training loss=0.42", "Fine-tuning job
 * successfully completed"). Provider text, not user data.
 *
 * @param id        the provider's event id, unique within the job; never null
 * @param createdAt when it happened; never null
 * @param level     {@code "info"}, {@code "warn"} or {@code "error"} (kept as the provider's text); never null
 * @param message   what happened; never null
 */
public record JobEvent(String id, Instant createdAt, String level, String message) {
    /**
     * Validates every part.
     *
     * @param id        the provider's event id, unique within the job; never null
     * @param createdAt when it happened; never null
     * @param level     {@code "info"}, {@code "warn"} or {@code "error"} (kept as the provider's text); never null
     * @param message   what happened; never null
     * @throws dev.tuneloop.errors.ValidationException listing every problem
     */
    public JobEvent {
        Checks.start()
                .text("id", id, true, 256)
                .require(createdAt != null, "createdAt is required, but was null")
                .text("level", level, true, 32)
                .require(message != null, "message is required, but was null")
                .orThrow();
    }
}
