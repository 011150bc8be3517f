package dev.tuneloop.model;

import dev.tuneloop.record.ChatMessage;
import java.util.List;

/**
 * A chat-completion endpoint: one call, messages (and the tools offered) in, text or tool calls out. Adapters implement it for a provider
 * ({@code tuneloop-openai}'s {@code OpenAiChatModel} covers OpenAI and any OpenAI-compatible server);
 * {@link dev.tuneloop.testing.ScriptedChatModel} answers from a script in tests.
 *
 * <p>Implementations are thread-safe: the evaluator calls one instance from several threads at once. They do not
 * retry on their own beyond what their client does; callers decide (the evaluator retries
 * {@link dev.tuneloop.errors.RetriableException} with backoff). Exceptions never carry prompt or answer text.
 */
public interface ChatModel {

    /**
     * Completes the conversation.
     *
     * @param request the model, the messages, the sampling settings and the tools offered
     * @return the answer, never null: text, or the tool calls the host is to run and answer in the next call
     * @throws dev.tuneloop.errors.RetriableException when the call may succeed later (rate limit, server error, network)
     * @throws dev.tuneloop.errors.TuneloopException  for any other failure (bad request, unknown model, no permission),
     *                                         with the provider's exception as the cause
     */
    ChatResponse complete(ChatRequest request);

    /**
     * Completes {@code messages} with {@code model} at {@link ChatRequest#DEFAULT_TEMPERATURE} and the provider's
     * default token limit.
     *
     * @param model the provider's model id
     * @param messages the conversation, oldest first; at least one
     * @return the answer, never null
     * @throws dev.tuneloop.errors.ValidationException when the model is blank or there are no messages
     * @throws dev.tuneloop.errors.RetriableException when the call may succeed later
     * @throws dev.tuneloop.errors.TuneloopException for any other failure
     */
    default ChatResponse complete(String model, List<ChatMessage> messages) {
        return complete(ChatRequest.of(model, messages));
    }
}
