/**
 * The model SPIs: {@link dev.tuneloop.model.ChatModel} (one chat completion: {@link dev.tuneloop.model.ChatRequest}
 * in, {@link dev.tuneloop.model.ChatResponse} with text, {@link dev.tuneloop.model.TokenUsage} and latency out) and
 * {@link dev.tuneloop.model.Embedder} (texts to vectors). Provider adapters live in their own modules; core holds
 * no vendor types.
 */
package dev.tuneloop.model;
