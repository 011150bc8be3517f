package dev.tuneloop.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIRetryableException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import dev.tuneloop.errors.RetriableException;
import dev.tuneloop.errors.TuneloopException;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.model.ChatModel;
import dev.tuneloop.model.ChatRequest;
import dev.tuneloop.model.ChatResponse;
import dev.tuneloop.model.TokenUsage;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.ContentPart;
import dev.tuneloop.record.ToolCall;
import dev.tuneloop.record.ToolDefinition;
import dev.tuneloop.tune.ProviderAuthenticationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * <p>Tool calling maps one to one: the request's {@link ChatRequest#tools() tools} become {@code tools} of type
 * {@code function} (name, description, the JSON-schema parameters), an assistant message's tool calls its
 * {@code tool_calls}, a tool message a {@code tool} message with its {@code tool_call_id}; the answer's function
 * {@code tool_calls} become {@link ChatResponse#toolCalls()} with the arguments exactly as the model wrote them. A user
 * message with {@link ChatMessage#parts() content parts} is sent as OpenAI's part array (text, {@code image_url} for
 * an image by URL, {@code file} for an image by file id); other roles send their text.
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
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

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
     * <p>Sends the messages in order with the request's model, temperature and tools; the answer is the first
     * choice's text (empty when that choice has no content) and function tool calls, with the provider's model name,
     * token usage (zero when not reported) and the latency of the call as measured here, retries included.
     *
     * @param request {@inheritDoc}
     * @return {@inheritDoc}
     * @throws ValidationException when a tool message has no tool call id or a tool's parameters are not a JSON
     *     object, before any call
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
                case USER -> {
                    if (m.hasParts()) {
                        p.addUserMessageOfArrayOfContentParts(userParts(m.parts()));
                    } else {
                        p.addUserMessage(m.content());
                    }
                }
                case ASSISTANT -> {
                    if (m.toolCalls().isEmpty()) {
                        p.addAssistantMessage(m.content());
                    } else {
                        p.addMessage(assistantWithCalls(m));
                    }
                }
                case TOOL -> {
                    String callId = m.toolCallId();
                    if (callId == null) {
                        throw new ValidationException(
                                "messages[" + i + "].toolCallId is required for a tool message, but was null");
                    }
                    p.addMessage(ChatCompletionToolMessageParam.builder()
                            .toolCallId(callId)
                            .content(m.content())
                            .build());
                }
            }
        }
        for (int i = 0; i < request.tools().size(); i++) {
            p.addFunctionTool(function(i, request.tools().get(i)));
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
        List<ToolCall> calls = new ArrayList<>();
        for (ChatCompletionMessageToolCall call :
                c.choices().get(0).message().toolCalls().orElse(List.of())) {
            if (!call.isFunction()) {
                // only function tools are ever offered by this adapter
                throw new TuneloopException("chat completion with model " + request.model()
                        + " returned a tool call that is not a function call");
            }
            ChatCompletionMessageFunctionToolCall f = call.asFunction();
            calls.add(new ToolCall(f.id(), f.function().name(), f.function().arguments()));
        }
        TokenUsage usage = c.usage()
                .map(u -> new TokenUsage(u.promptTokens(), u.completionTokens()))
                .orElse(TokenUsage.ZERO);
        return new ChatResponse(text, c.model(), usage, latency, calls);
    }

    /** A user message's parts: text, an image by URL ({@code image_url}), an image by file id ({@code file}). */
    private static List<ChatCompletionContentPart> userParts(List<ContentPart> parts) {
        List<ChatCompletionContentPart> out = new ArrayList<>(parts.size());
        for (ContentPart part : parts) {
            String text = part.text();
            String url = part.url();
            String fileId = part.fileId();
            if (text != null) {
                out.add(ChatCompletionContentPart.ofText(
                        ChatCompletionContentPartText.builder().text(text).build()));
            } else if (url != null) {
                out.add(ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder()
                        .imageUrl(ChatCompletionContentPartImage.ImageUrl.builder()
                                .url(url)
                                .build())
                        .build()));
            } else if (fileId != null) {
                out.add(ChatCompletionContentPart.ofFile(ChatCompletionContentPart.File.builder()
                        .file(ChatCompletionContentPart.File.FileObject.builder()
                                .fileId(fileId)
                                .build())
                        .build()));
            }
        }
        return out;
    }

    private static ChatCompletionAssistantMessageParam assistantWithCalls(ChatMessage m) {
        ChatCompletionAssistantMessageParam.Builder a = ChatCompletionAssistantMessageParam.builder();
        if (!m.content().isEmpty()) {
            a.content(m.content());
        }
        for (ToolCall call : m.toolCalls()) {
            a.addToolCall(ChatCompletionMessageFunctionToolCall.builder()
                    .id(call.id())
                    .function(ChatCompletionMessageFunctionToolCall.Function.builder()
                            .name(call.name())
                            .arguments(call.arguments())
                            .build())
                    .build());
        }
        return a.build();
    }

    private static FunctionDefinition function(int i, ToolDefinition t) {
        Map<String, Object> schema;
        try {
            schema = JSON.readValue(t.parameters(), OBJECT);
        } catch (JsonProcessingException | RuntimeException e) {
            schema = null;
        }
        if (schema == null) {
            // the schema text is the host's, not a prompt: still, only the rule and the tool's name are named
            throw new ValidationException(
                    "tools[" + i + "].parameters must be a JSON object, but tool '" + t.name() + "' has another value");
        }
        FunctionParameters.Builder params = FunctionParameters.builder();
        schema.forEach((k, v) -> params.putAdditionalProperty(k, JsonValue.from(v)));
        FunctionDefinition.Builder f =
                FunctionDefinition.builder().name(t.name()).parameters(params.build());
        String description = t.description();
        if (description != null) {
            f.description(description);
        }
        return f.build();
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
