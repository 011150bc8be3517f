package dev.tuneloop.curate;

import dev.tuneloop.errors.Checks;
import dev.tuneloop.record.InteractionId;
import java.time.Instant;
import java.util.Objects;

/**
 * A pre-reviewer's suggestion for a candidate, stored beside it (see {@link SuggestionStore}): a category from the
 * taxonomy, a 1-10 quality score with a one-line reason, and an improved answer. A suggestion is shown to the human
 * reviewer; it never approves anything.
 *
 * <p>{@link #toString()} shows the ids, the category and the score, never a text.
 *
 * @param interactionId    the candidate
 * @param cacheKey         what the suggestion was computed from (hex SHA-256 of the model and the prompt sent): a
 *     re-run that would send the same prompt to the same model uses the stored suggestion; 1 to 128 characters
 * @param model            the model that suggested it; not blank
 * @param category         the suggested category
 * @param quality          the suggested 1-10 score
 * @param reason           one line on why that score; not blank, no line break, at most 1024 UTF-8 bytes
 * @param improvedResponse the suggested better answer; not blank
 * @param createdAt        when
 */
public record Suggestion(
        InteractionId interactionId,
        String cacheKey,
        String model,
        Category category,
        QualityScore quality,
        String reason,
        String improvedResponse,
        Instant createdAt) {

    /** Most UTF-8 bytes of a reason. */
    public static final int MAX_REASON_BYTES = 1024;

    /**
     * Checks every rule, all problems at once.
     *
     * @param interactionId    the candidate
     * @param cacheKey         1 to 128 characters
     * @param model            the model; not blank
     * @param category         the suggested category
     * @param quality          the suggested 1-10 score
     * @param reason           one line; not blank, at most {@link #MAX_REASON_BYTES} UTF-8 bytes
     * @param improvedResponse the suggested better answer; not blank
     * @param createdAt        when
     * @throws NullPointerException when the id, category, quality or time is null
     * @throws dev.tuneloop.errors.ValidationException listing every broken rule
     */
    public Suggestion {
        Objects.requireNonNull(interactionId, "interactionId");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(quality, "quality");
        Objects.requireNonNull(createdAt, "createdAt");
        Checks.start()
                .text("cacheKey", cacheKey, true, 128)
                .text("model", model, true, 1024)
                .text("reason", reason, true, MAX_REASON_BYTES)
                .require(
                        reason == null || (reason.indexOf('\n') < 0 && reason.indexOf('\r') < 0),
                        "reason must be one line, but had a line break")
                .text("improvedResponse", improvedResponse, true, Integer.MAX_VALUE)
                .orThrow();
    }

    @Override
    public String toString() {
        return "Suggestion[interaction=" + interactionId + ", model=" + model + ", category=" + category + ", quality="
                + quality.value() + ", createdAt=" + createdAt + "]";
    }
}
