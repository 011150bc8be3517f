package dev.tuneloop.export;

/**
 * Token counts over the examples of a file, counted as OpenAI's cookbook does (see {@link TokenCounter}).
 *
 * @param examples      examples counted
 * @param total         sum of the examples' tokens
 * @param min           fewest tokens in one example (0 when none)
 * @param max           most tokens in one example (0 when none)
 * @param mean          total / examples (0 when none)
 * @param billing       the tokens a provider bills per epoch: each example capped at the base model's limit
 */
public record TokenStats(long examples, long total, long min, long max, double mean, long billing) {
    /** No examples counted. */
    static final TokenStats NONE = new TokenStats(0, 0, 0, 0, 0, 0);
}
