package dev.tuneloop.export;

import java.util.Objects;

/**
 * Counts tokens as OpenAI's tokenizer (tiktoken) does, through jtokkit.
 *
 * <p>Chat examples are counted with the cookbook's rule ({@code num_tokens_from_messages}): per message 3 tokens plus
 * the tokens of each of its string values (role, content, name, …) plus 1 when it has a {@code name}; plus 3 per
 * example for the reply priming. Special-token text such as {@code <|endoftext|>} is counted as ordinary text, as the
 * API does for message content.
 *
 * <p>The encoding is chosen from the base model: {@code o200k_base} for the gpt-4o, gpt-4.1, gpt-5 and o-series
 * families (asked for explicitly: jtokkit's own model lookup maps some of these wrongly), {@code cl100k_base} for
 * gpt-4 and gpt-3.5-turbo, {@code o200k_base} for anything else. A fine-tuned model id ({@code ft:base:org::id}) is
 * counted as its base.
 *
 * <p>Implementations are immutable and thread-safe; the encodings are loaded once per JVM and shared.
 */
public interface TokenCounter {

    /** Tokens per message, before its values. */
    int TOKENS_PER_MESSAGE = 3;
    /** Extra tokens for a message's {@code name}. */
    int TOKENS_PER_NAME = 1;
    /** Tokens per example for the reply priming ({@code <|start|>assistant<|message|>}). */
    int TOKENS_PER_EXAMPLE = 3;

    /**
     * The counter for a base model.
     *
     * @param baseModel the model id; a fine-tuned id counts as its base
     * @return the shared counter of the model's encoding
     * @throws NullPointerException when {@code baseModel} is null
     */
    static TokenCounter forModel(String baseModel) {
        return JtokkitTokenCounter.forModel(Objects.requireNonNull(baseModel, "baseModel"));
    }

    /**
     * Counts the tokens of a text.
     *
     * @param text any text; special-token text counts as ordinary text
     * @return tiktoken's {@code len(encoding.encode(text))}; 0 for an empty string
     */
    int count(String text);

    /**
     * The encoding's name.
     *
     * @return {@code "o200k_base"} or {@code "cl100k_base"}
     */
    String encodingName();
}
