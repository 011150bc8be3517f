package dev.tuneloop.curate;

import dev.tuneloop.errors.Checks;
import dev.tuneloop.record.InteractionId;
import java.time.Instant;
import java.util.Objects;

/**
 * How a blind double review whose two decisions disagreed was settled: who decided (a third person or either
 * reviewer), approve or reject, and why. Both blind decisions stay stored beside it.
 *
 * @param interactionId the candidate
 * @param settledBy     who settled; not blank, at most 1024 UTF-8 bytes
 * @param approved      whether the candidate was promoted ({@code false}: rejected)
 * @param reason        why; not blank, at most 64 KiB of UTF-8
 * @param settledAt     when
 */
public record Settlement(
        InteractionId interactionId, String settledBy, boolean approved, String reason, Instant settledAt) {

    /**
     * Checks every rule, all problems at once.
     *
     * @param interactionId the candidate
     * @param settledBy     who settled; not blank, at most 1024 UTF-8 bytes
     * @param approved      whether the candidate was promoted ({@code false}: rejected)
     * @param reason        why; not blank, at most 64 KiB of UTF-8
     * @param settledAt     when
     * @throws NullPointerException when the interaction id or the time is null
     * @throws dev.tuneloop.errors.ValidationException listing every broken rule
     */
    public Settlement {
        Objects.requireNonNull(interactionId, "interactionId");
        Objects.requireNonNull(settledAt, "settledAt");
        Checks.start()
                .text("settledBy", settledBy, true, 1024)
                .text("reason", reason, true, Review.MAX_NOTES_BYTES)
                .orThrow();
    }

    @Override
    public String toString() {
        return "Settlement[interaction=" + interactionId + ", settledBy=" + settledBy + ", approved=" + approved
                + ", settledAt=" + settledAt + "]";
    }
}
