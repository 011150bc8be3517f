package dev.tuneloop.model;

import dev.tuneloop.errors.ValidationException;

/**
 * Tokens billed for one completion, as the provider reported them.
 *
 * @param promptTokens     tokens of the request's messages; {@code >= 0}
 * @param completionTokens tokens of the generated answer; {@code >= 0}
 */
public record TokenUsage(long promptTokens, long completionTokens) {
    /** No tokens (a cached answer, or a provider that reports no usage). */
    public static final TokenUsage ZERO = new TokenUsage(0, 0);

    /**
     * Checks the counts.
     *
     * @param promptTokens     tokens of the request's messages; {@code >= 0}
     * @param completionTokens tokens of the generated answer; {@code >= 0}
     * @throws ValidationException when a count is negative, naming both
     */
    public TokenUsage {
        if (promptTokens < 0 || completionTokens < 0) {
            throw new ValidationException("token counts must be >= 0, but were promptTokens=" + promptTokens
                    + ", completionTokens=" + completionTokens);
        }
    }

    /**
     * All tokens billed.
     *
     * @return {@code promptTokens + completionTokens}
     */
    public long totalTokens() {
        return promptTokens + completionTokens;
    }

    /**
     * The element-wise sum, e.g. to total the usage of several calls.
     *
     * @param other the usage to add
     * @return a new usage with both counts summed
     */
    public TokenUsage plus(TokenUsage other) {
        return new TokenUsage(promptTokens + other.promptTokens, completionTokens + other.completionTokens);
    }
}
