/**
 * Tuneloop's adapters for the official {@code openai-java} SDK, for OpenAI, Azure OpenAI and OpenAI-compatible
 * servers: {@link dev.tuneloop.openai.OpenAiFineTuneClient} (files and fine-tuning jobs),
 * {@link dev.tuneloop.openai.OpenAiChatModel} (chat completions, e.g. for evaluation),
 * {@link dev.tuneloop.openai.OpenAiEmbedder} (embeddings), and {@link dev.tuneloop.openai.OpenAiClients}, which
 * builds the SDK client they run on. {@code openai-java} types appear only in this module.
 *
 * <p>SDK exceptions are translated at this edge into {@code dev.tuneloop.errors} exceptions sorted by what the caller
 * can do (retry, fix the request, fix the credentials); messages name the operation and the HTTP status, never a
 * prompt, an answer or an API key.
 *
 * <p>Nothing in this package accepts or returns {@code null} unless it is annotated
 * {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package dev.tuneloop.openai;

import org.jspecify.annotations.NullMarked;
