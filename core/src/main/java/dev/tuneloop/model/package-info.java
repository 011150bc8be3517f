/**
 * The model SPIs: {@link dev.tuneloop.model.ChatModel} (one chat completion: {@link dev.tuneloop.model.ChatRequest}
 * in, {@link dev.tuneloop.model.ChatResponse} with text, {@link dev.tuneloop.model.TokenUsage} and latency out) and
 * {@link dev.tuneloop.model.Embedder} (texts to vectors). Provider adapters live in their own modules; core holds
 * no vendor types.
 *
 * <p>Depends on {@code dev.tuneloop.record} (for {@link dev.tuneloop.record.ChatMessage}),
 * {@code dev.tuneloop.internal} and {@code dev.tuneloop.errors} only.
 */
@NullMarked
package dev.tuneloop.model;

import org.jspecify.annotations.NullMarked;
