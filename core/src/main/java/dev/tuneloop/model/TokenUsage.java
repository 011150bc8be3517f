package dev.tuneloop.model;

/**
 * Tokens billed for one completion, as the provider reported them.
 *
 * @param promptTokens     tokens of the request's messages; {@code >= 0}
 * @param completionTokens tokens of the generated answer; {@code >= 0}
 */
public record TokenUsage(long promptTokens, long completionTokens) {
    /** No tokens (a cached answer, or a provider that reports no usage). */
    public static final TokenUsage ZERO = new TokenUsage(0, 0);

    public TokenUsage {
        if (promptTokens < 0 || completionTokens < 0) {
            throw new dev.tuneloop.errors.ValidationException("token counts must be >= 0, but were promptTokens="
                    + promptTokens + ", completionTokens=" + completionTokens);
        }
    }

    public long totalTokens() {
        return promptTokens + completionTokens;
    }

    /** The element-wise sum. */
    public TokenUsage plus(TokenUsage other) {
        return new TokenUsage(promptTokens + other.promptTokens, completionTokens + other.completionTokens);
    }
}
