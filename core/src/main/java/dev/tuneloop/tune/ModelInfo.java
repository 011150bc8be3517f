package dev.tuneloop.tune;

import dev.tuneloop.errors.Checks;
import java.time.Instant;

/**
 * A model the account can use (base models and its fine-tuned ones).
 *
 * @param id        the model name, e.g. {@code "gpt-4o-mini"} or {@code "ft:gpt-4o-mini:org:sfx:abc123"}; never null
 * @param createdAt when it was created; never null
 * @param ownedBy   the owner the provider reports ({@code "openai"}, {@code "system"}, the organisation); never null
 */
public record ModelInfo(String id, Instant createdAt, String ownedBy) {
    /**
     * Validates every part.
     *
     * @param id        the model name, e.g. {@code "gpt-4o-mini"} or {@code "ft:gpt-4o-mini:org:sfx:abc123"}; never null
     * @param createdAt when it was created; never null
     * @param ownedBy   the owner the provider reports ({@code "openai"}, {@code "system"}, the organisation); never null
     * @throws dev.tuneloop.errors.ValidationException listing every problem
     */
    public ModelInfo {
        Checks.start()
                .text("id", id, true, 512)
                .require(createdAt != null, "createdAt is required, but was null")
                .require(ownedBy != null, "ownedBy is required, but was null")
                .orThrow();
    }

    /**
     * Whether this is a fine-tuned model.
     *
     * @return true for {@code ft:} names
     */
    public boolean isFineTuned() {
        return id.startsWith("ft:");
    }
}
