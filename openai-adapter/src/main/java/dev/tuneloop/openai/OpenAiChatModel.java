package dev.tuneloop.openai;

import com.openai.client.OpenAIClient;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIRetryableException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.tuneloop.errors.RetriableException;
import dev.tuneloop.errors.TuneloopException;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.model.ChatModel;
import dev.tuneloop.model.ChatRequest;
import dev.tuneloop.model.ChatResponse;
import dev.tuneloop.model.TokenUsage;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.tune.ProviderAuthenticationException;
import java.time.Duration;
import java.util.Objects;

/**
 * A {@link ChatModel} on the official {@code openai-java} SDK's chat completions: OpenAI, Azure OpenAI, or any
 * OpenAI-compatible server (a local model server, a gateway) reached through the client's base URL.
 *
 * <pre>{@code
 * OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl("http://localhost:8000/v1").apiKey("unused").build();
 * ChatModel chat = OpenAiChatModel.create(client);
 * }</pre>
 *
 * <p>Errors are translated: HTTP 408, 429 and 5xx, network failures and the SDK's retryable errors become
 * {@link RetriableException}; HTTP 401 a {@link ProviderAuthenticationException} (without the SDK's exception as the
 * cause: its message can quote part of the key); anything else a {@link TuneloopException}, with the SDK's exception
 * as the cause. Messages name the model and the HTTP status and error code, never the prompt or the answer. The
 * client's own retries (openai-java retries twice by default) happen before an error reaches the caller.
 *
 * <p>Thread-safe (the SDK client is). The client is the caller's: this class never closes it.
 */
public final class OpenAiChatModel implements ChatModel {
    private final OpenAIClient client;
    private final boolean legacyMaxTokens;

    private OpenAiChatModel(OpenAIClient client, boolean legacyMaxTokens) {
        this.client = client;
        this.legacyMaxTokens = legacyMaxTokens;
    }

    /**
     * A chat model sending {@code max_completion_tokens} for a token limit (what current OpenAI models expect).
     *
     * @param client the SDK client; the caller keeps and closes it
     * @return a thread-safe chat model
     * @throws NullPointerException when {@code client} is null
     */
    public static ChatModel create(OpenAIClient client) {
        return new OpenAiChatModel(Objects.requireNonNull(client, "client"), false);
    }

    /**
     * A chat model sending the older {@code max_tokens} field for a token limit, for OpenAI-compatible servers that
     * do not know {@code max_completion_tokens}.
     *
     * @param client the SDK client; the caller keeps and closes it
     * @return a thread-safe chat model
     * @throws NullPointerException when {@code client} is null
     */
    public static ChatModel withLegacyMaxTokens(OpenAIClient client) {
        return new OpenAiChatModel(Objects.requireNonNull(client, "client"), true);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Sends the messages in order with the request's model and temperature; the answer is the first choice's text
     * (empty when that choice has no content), with the provider's model name, token usage (zero when not reported)
     * and the latency of the call as measured here, retries included.
     *
     * @param request {@inheritDoc}
     * @return {@inheritDoc}
     * @throws ValidationException when a message has the role {@code tool} (tool calls are not part of this SPI)
     * @throws RetriableException after HTTP 408, 429 or 5xx, a network failure or another error the SDK calls
     *     retryable, once the SDK's own retries are spent
     * @throws ProviderAuthenticationException after HTTP 401 (without the SDK's exception as the cause: its message
     *     can quote part of the key)
     * @throws TuneloopException for any other failure, or an answer without choices
     */
    @Override
    @SuppressWarnings("deprecation") // max_tokens is deprecated by OpenAI but is what older compatible servers read
    public ChatResponse complete(ChatRequest request) {
        Objects.requireNonNull(request, "request");
        ChatCompletionCreateParams.Builder p =
                ChatCompletionCreateParams.builder().model(request.model()).temperature(request.temperature());
        Integer maxTokens = request.maxTokens();
        if (maxTokens != null) {
            if (legacyMaxTokens) {
                p.maxTokens(maxTokens.longValue());
            } else {
                p.maxCompletionTokens(maxTokens.longValue());
            }
        }
        for (int i = 0; i < request.messages().size(); i++) {
            ChatMessage m = request.messages().get(i);
            // every role is a case and there is no default: Error Prone's MissingCasesInEnumSwitch flags a new role
            switch (m.role()) {
                case SYSTEM -> p.addSystemMessage(m.content());
                case DEVELOPER -> p.addDeveloperMessage(m.content());
                case USER -> p.addUserMessage(m.content());
                case ASSISTANT -> p.addAssistantMessage(m.content());
                case TOOL ->
                    throw new ValidationException(
                            "messages[" + i + "] has role " + m.role().wireName()
                                    + ", which OpenAiChatModel does not send (allowed: system, developer, user, assistant)");
            }
        }
        long start = System.nanoTime();
        ChatCompletion c;
        try {
            c = client.chat().completions().create(p.build());
        } catch (OpenAIException e) {
            throw translate(e, "chat completion with model " + request.model());
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        if (c.choices().isEmpty()) {
            throw new TuneloopException("chat completion with model " + request.model() + " returned no choices");
        }
        String text = c.choices().get(0).message().content().orElse("");
        TokenUsage usage = c.usage()
                .map(u -> new TokenUsage(u.promptTokens(), u.completionTokens()))
                .orElse(TokenUsage.ZERO);
        return new ChatResponse(text, c.model(), usage, latency);
    }

    /**
     * Translates an SDK exception: HTTP 408/429/5xx, I/O failures and the SDK's retryable errors to
     * {@link RetriableException}, 401 to {@link ProviderAuthenticationException} without a cause, the rest to
     * {@link TuneloopException} with the SDK's exception as the cause. No payload is quoted.
     *
     * @param what the call, naming the model, for the message
     */
    static TuneloopException translate(OpenAIException e, String what) {
        if (e instanceof OpenAIServiceException se) {
            int status = se.statusCode();
            String code = se.code().or(se::type).map(s -> " (" + s + ")").orElse("");
            String message = what + " failed with HTTP " + status + code;
            if (status == 401) {
                // the SDK's message quotes the provider's answer, which can carry part of the key: not kept as cause
                return new ProviderAuthenticationException(message + ": check the API key (OPENAI_API_KEY)", null);
            }
            if (status == 408 || status == 429 || status >= 500) {
                return new RetriableException(message, e);
            }
            return new TuneloopException(message, e);
        }
        if (e instanceof OpenAIIoException || e instanceof OpenAIRetryableException) {
            return new RetriableException(what + " failed: " + e.getClass().getSimpleName(), e);
        }
        return new TuneloopException(what + " failed: " + e.getClass().getSimpleName(), e);
    }

    @Override
    public String toString() {
        return "OpenAiChatModel";
    }
}
