package dev.tuneloop.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.tuneloop.errors.RetriableException;
import dev.tuneloop.errors.TuneloopException;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.eval.EvalCase;
import dev.tuneloop.eval.EvaluationReport;
import dev.tuneloop.eval.Evaluator;
import dev.tuneloop.eval.PromotionRules;
import dev.tuneloop.model.ChatModel;
import dev.tuneloop.model.ChatRequest;
import dev.tuneloop.model.ChatResponse;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.ContentPart;
import dev.tuneloop.record.Role;
import dev.tuneloop.record.ToolCall;
import dev.tuneloop.record.ToolDefinition;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenAiChatModelTest {
    private FakeOpenAiServer server;
    private OpenAIClient client;

    @BeforeEach
    void start() throws Exception {
        server = new FakeOpenAiServer();
        client = OpenAIOkHttpClient.builder()
                .baseUrl(server.baseUrl())
                .apiKey("sk-test")
                .maxRetries(0)
                .timeout(Duration.ofSeconds(10))
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private static ChatRequest request() {
        return new ChatRequest(
                "ft:gpt-4o-mini:acme::abc123",
                List.of(
                        ChatMessage.system("You are an analyst."),
                        ChatMessage.user("What was NVDA's SBC?"),
                        ChatMessage.assistant("$1.40 billion."),
                        ChatMessage.user("And R&D?")),
                0.3,
                200);
    }

    @Test
    void sendsModelTemperatureMessagesAndTokenLimitAndReadsTheAnswer() {
        server.onChat(
                req -> FakeOpenAiServer.completion("ft:gpt-4o-mini:acme::abc123", "R&D was $941 million.", 31, 7));
        ChatResponse r = OpenAiChatModel.create(client).complete(request());

        assertThat(r.text()).isEqualTo("R&D was $941 million.");
        assertThat(r.model()).isEqualTo("ft:gpt-4o-mini:acme::abc123");
        assertThat(r.usage().promptTokens()).isEqualTo(31);
        assertThat(r.usage().completionTokens()).isEqualTo(7);
        assertThat(r.latency()).isPositive();

        assertThat(server.received()).hasSize(1);
        FakeOpenAiServer.Received got = server.received().get(0);
        assertThat(got.method()).isEqualTo("POST");
        assertThat(got.path()).isEqualTo("/v1/chat/completions");
        JsonNode body = got.body();
        assertThat(body.get("model").asText()).isEqualTo("ft:gpt-4o-mini:acme::abc123");
        assertThat(body.get("temperature").asDouble()).isEqualTo(0.3);
        assertThat(body.get("max_completion_tokens").asInt()).isEqualTo(200);
        assertThat(body.has("max_tokens")).isFalse();
        JsonNode messages = body.get("messages");
        assertThat(messages).hasSize(4);
        assertThat(messages.get(0).get("role").asText()).isEqualTo("system");
        assertThat(messages.get(0).get("content").asText()).isEqualTo("You are an analyst.");
        assertThat(messages.get(1).get("role").asText()).isEqualTo("user");
        assertThat(messages.get(2).get("role").asText()).isEqualTo("assistant");
        assertThat(messages.get(2).get("content").asText()).isEqualTo("$1.40 billion.");
        assertThat(messages.get(3).get("content").asText()).isEqualTo("And R&D?");
    }

    @Test
    void legacyServersGetMaxTokensAndNoLimitMeansNoField() {
        server.onChat(req -> FakeOpenAiServer.completion("local-llama", "ok", 1, 1));
        OpenAiChatModel.withLegacyMaxTokens(client).complete(request());
        OpenAiChatModel.create(client).complete(request().withMaxTokens(null));
        JsonNode legacy = server.received().get(0).body();
        assertThat(legacy.get("max_tokens").asInt()).isEqualTo(200);
        assertThat(legacy.has("max_completion_tokens")).isFalse();
        JsonNode none = server.received().get(1).body();
        assertThat(none.has("max_tokens") || none.has("max_completion_tokens")).isFalse();
    }

    @Test
    void rateLimitsAndServerErrorsAreRetriable() {
        ChatModel chat = OpenAiChatModel.create(client);
        for (int status : new int[] {429, 500, 503}) {
            server.onChat(req ->
                    FakeOpenAiServer.error(status, "rate_limit_exceeded", "Rate limit for What was NVDA's SBC?"));
            assertThatThrownBy(() -> chat.complete(request()))
                    .isInstanceOf(RetriableException.class)
                    .hasMessage("chat completion with model ft:gpt-4o-mini:acme::abc123 failed with HTTP " + status
                            + " (rate_limit_exceeded)")
                    .hasCauseInstanceOf(com.openai.errors.OpenAIServiceException.class);
        }
    }

    @Test
    void otherErrorsAreNotRetriableAndDoNotQuoteTheProvider() {
        ChatModel chat = OpenAiChatModel.create(client);
        server.onChat(req -> FakeOpenAiServer.error(404, "model_not_found", "The model ft:x does not exist"));
        assertThatThrownBy(() -> chat.complete(request()))
                .isExactlyInstanceOf(TuneloopException.class)
                .hasMessage(
                        "chat completion with model ft:gpt-4o-mini:acme::abc123 failed with HTTP 404 (model_not_found)");
        server.onChat(req ->
                FakeOpenAiServer.error(400, "context_length_exceeded", "Your prompt What was NVDA's SBC? is too long"));
        assertThatThrownBy(() -> chat.complete(request()))
                .isExactlyInstanceOf(TuneloopException.class)
                .hasMessageNotContaining("NVDA")
                .hasCauseInstanceOf(com.openai.errors.BadRequestException.class);
    }

    @Test
    void refusedCredentialsNeverCarryTheProvidersMessageWhichMayQuoteTheKey() {
        server.onChat(req -> FakeOpenAiServer.error(
                401,
                "invalid_api_key",
                "Incorrect API key provided: sk-proj-abcdefgh1234. You can find your API key at ..."));
        assertThatThrownBy(() -> OpenAiChatModel.create(client).complete(request()))
                .isInstanceOfSatisfying(dev.tuneloop.tune.ProviderAuthenticationException.class, e -> {
                    assertThat(e)
                            .hasMessage("chat completion with model ft:gpt-4o-mini:acme::abc123 failed with HTTP "
                                    + "401 (invalid_api_key): check the API key (OPENAI_API_KEY)");
                    assertThat(e.getCause()).isNull();
                });
    }

    @Test
    void anUnreachableServerIsRetriable() {
        server.close();
        assertThatThrownBy(() -> OpenAiChatModel.create(client).complete(request()))
                .isInstanceOf(RetriableException.class)
                .hasMessageStartingWith("chat completion with model");
    }

    private static final ToolDefinition GET_FILING = new ToolDefinition(
            "get_filing",
            "Fetches a company's SEC filing",
            "{\"type\":\"object\",\"properties\":{\"ticker\":{\"type\":\"string\"},"
                    + "\"form\":{\"type\":\"string\",\"enum\":[\"10-K\",\"10-Q\",\"8-K\"]}},"
                    + "\"required\":[\"ticker\",\"form\"],\"additionalProperties\":false}");

    /** A chat completion whose message calls tools (no content), as the API returns it. */
    private static FakeOpenAiServer.Reply toolCalls(String model, String... idNameArgs) {
        var root = FakeOpenAiServer.JSON.createObjectNode();
        root.put("id", "chatcmpl-tools")
                .put("object", "chat.completion")
                .put("created", 1_700_000_000L)
                .put("model", model);
        var choice = root.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "tool_calls").putNull("logprobs");
        var message = choice.putObject("message")
                .put("role", "assistant")
                .putNull("content")
                .putNull("refusal");
        var calls = message.putArray("tool_calls");
        for (int i = 0; i < idNameArgs.length; i += 3) {
            calls.addObject()
                    .put("id", idNameArgs[i])
                    .put("type", "function")
                    .putObject("function")
                    .put("name", idNameArgs[i + 1])
                    .put("arguments", idNameArgs[i + 2]);
        }
        root.putObject("usage")
                .put("prompt_tokens", 40)
                .put("completion_tokens", 12)
                .put("total_tokens", 52);
        return new FakeOpenAiServer.Reply(200, root.toString());
    }

    @Test
    void offersToolsAndReadsParallelToolCallsWithTheirArgumentsUntouched() throws Exception {
        server.onChat(req -> toolCalls(
                "gpt-4o-mini-2024-07-18",
                "call_1",
                "get_filing",
                "{\"ticker\":\"NVDA\",\"form\":\"10-Q\"}",
                "call_2",
                "get_filing",
                "{\"ticker\": \"AAPL\", \"form\": \"10-K\"}"));
        ChatRequest r = ChatRequest.of(
                        "gpt-4o-mini",
                        List.of(ChatMessage.system("You are an analyst."), ChatMessage.user("NVDA vs AAPL?")))
                .withTools(List.of(GET_FILING));
        ChatResponse response = OpenAiChatModel.create(client).complete(r);

        assertThat(response.text()).isEmpty();
        assertThat(response.toolCalls())
                .containsExactly(
                        new ToolCall("call_1", "get_filing", "{\"ticker\":\"NVDA\",\"form\":\"10-Q\"}"),
                        new ToolCall("call_2", "get_filing", "{\"ticker\": \"AAPL\", \"form\": \"10-K\"}"));
        JsonNode tools = server.received().get(0).body().get("tools");
        assertThat(tools).hasSize(1);
        assertThat(tools.get(0).get("type").asText()).isEqualTo("function");
        JsonNode function = tools.get(0).get("function");
        assertThat(function.get("name").asText()).isEqualTo("get_filing");
        assertThat(function.get("description").asText()).isEqualTo("Fetches a company's SEC filing");
        assertThat(function.get("parameters")).isEqualTo(FakeOpenAiServer.JSON.readTree(GET_FILING.parameters()));
    }

    @Test
    void sendsTheToolCallsAndTheirResultsBackAndReadsTheFinalAnswer() {
        server.onChat(req -> FakeOpenAiServer.completion("gpt-4o-mini", "NVDA's Q3 revenue was $35.1B.", 60, 9));
        ChatRequest r = new ChatRequest(
                "gpt-4o-mini",
                List.of(
                        ChatMessage.user("NVDA revenue?"),
                        ChatMessage.assistant(
                                "Let me look.",
                                List.of(
                                        new ToolCall("call_1", "get_filing", "{\"ticker\":\"NVDA\"}"),
                                        new ToolCall("call_2", "get_filing", "{\"ticker\":\"AMD\"}"))),
                        ChatMessage.toolResult("call_1", "{\"revenue\":\"35.1B\"}"),
                        ChatMessage.toolResult("call_2", "ünïcode ✓")),
                0.3,
                null,
                List.of(GET_FILING));
        ChatResponse response = OpenAiChatModel.create(client).complete(r);
        assertThat(response.text()).isEqualTo("NVDA's Q3 revenue was $35.1B.");
        assertThat(response.toolCalls()).isEmpty();

        JsonNode messages = server.received().get(0).body().get("messages");
        assertThat(messages).hasSize(4);
        JsonNode assistant = messages.get(1);
        assertThat(assistant.get("role").asText()).isEqualTo("assistant");
        assertThat(assistant.get("content").asText()).isEqualTo("Let me look.");
        assertThat(assistant.get("tool_calls")).hasSize(2);
        JsonNode first = assistant.get("tool_calls").get(0);
        assertThat(first.get("id").asText()).isEqualTo("call_1");
        assertThat(first.get("type").asText()).isEqualTo("function");
        assertThat(first.get("function").get("name").asText()).isEqualTo("get_filing");
        assertThat(first.get("function").get("arguments").asText()).isEqualTo("{\"ticker\":\"NVDA\"}");
        assertThat(messages.get(2).get("role").asText()).isEqualTo("tool");
        assertThat(messages.get(2).get("tool_call_id").asText()).isEqualTo("call_1");
        assertThat(messages.get(2).get("content").asText()).isEqualTo("{\"revenue\":\"35.1B\"}");
        assertThat(messages.get(3).get("tool_call_id").asText()).isEqualTo("call_2");
        assertThat(messages.get(3).get("content").asText()).isEqualTo("ünïcode ✓");
    }

    @Test
    void aMultiPartUserMessageIsSentAsContentParts() {
        server.onChat(req -> FakeOpenAiServer.completion("m", "A revenue chart.", 1, 1));
        ChatRequest r = ChatRequest.of(
                "m",
                List.of(ChatMessage.ofParts(
                        Role.USER,
                        List.of(
                                ContentPart.text("What does this show?"),
                                ContentPart.imageUrl("https://img.example/q3.png", "image/png"),
                                ContentPart.imageFile("file-abc123", null)))));
        assertThat(OpenAiChatModel.create(client).complete(r).text()).isEqualTo("A revenue chart.");
        JsonNode content =
                server.received().get(0).body().get("messages").get(0).get("content");
        assertThat(content).hasSize(3);
        assertThat(content.get(0).get("type").asText()).isEqualTo("text");
        assertThat(content.get(0).get("text").asText()).isEqualTo("What does this show?");
        assertThat(content.get(1).get("type").asText()).isEqualTo("image_url");
        assertThat(content.get(1).get("image_url").get("url").asText()).isEqualTo("https://img.example/q3.png");
        assertThat(content.get(2).get("type").asText()).isEqualTo("file");
        assertThat(content.get(2).get("file").get("file_id").asText()).isEqualTo("file-abc123");
    }

    @Test
    void anAssistantMessageWithOnlyToolCallsSendsNoContent() {
        server.onChat(req -> FakeOpenAiServer.completion("m", "done", 1, 1));
        ChatRequest r = ChatRequest.of(
                "m",
                List.of(
                        ChatMessage.user("q"),
                        ChatMessage.assistant("", List.of(new ToolCall("c", "get_filing", "{}"))),
                        ChatMessage.toolResult("c", "")));
        OpenAiChatModel.create(client).complete(r);
        JsonNode assistant = server.received().get(0).body().get("messages").get(1);
        assertThat(assistant.has("content")).isFalse();
        assertThat(assistant.get("tool_calls")).hasSize(1);
    }

    @Test
    void aToolMessageWithoutCallIdOrAToolWithoutObjectSchemaIsRejectedBeforeAnyCall() {
        ChatRequest noId = ChatRequest.of("m", List.of(new ChatMessage(Role.TOOL, "{}"), ChatMessage.user("q")));
        assertThatThrownBy(() -> OpenAiChatModel.create(client).complete(noId))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("messages[0].toolCallId is required for a tool message");
        for (String schema : new String[] {"[1]", "not json", "null"}) {
            ChatRequest badSchema = ChatRequest.of("m", List.of(ChatMessage.user("q")))
                    .withTools(List.of(GET_FILING, new ToolDefinition("t", null, schema)));
            assertThatThrownBy(() -> OpenAiChatModel.create(client).complete(badSchema))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("tools[1].parameters must be a JSON object");
        }
        assertThat(server.received()).isEmpty();
    }

    @Test
    void theEvaluatorRunsOverRealHttp() {
        server.onChat(req -> {
            String model = req.get("model").asText();
            return FakeOpenAiServer.completion(
                    model,
                    model.startsWith("ft:") ? "SBC was $1.40 billion, 4.0% of revenue." : "I am not sure.",
                    20,
                    8);
        });
        ChatModel chat = OpenAiChatModel.create(client);
        EvalCase c = new EvalCase(
                "c1",
                "sbc_breakdown",
                List.of(ChatMessage.user("What was NVDA's SBC?")),
                "NVIDIA's SBC was $1.4B, or 4% of revenue.",
                List.of("$1.4B", "4%"));
        EvaluationReport r = Evaluator.builder()
                .base("gpt-4o-mini", chat)
                .candidate("ft:gpt-4o-mini:acme::abc123", chat)
                .rules(PromotionRules.DEFAULTS.withMinCases(1))
                .build()
                .run(List.of(c));
        assertThat(r.model("ft:gpt-4o-mini:acme::abc123").meanScore()).isEqualTo(1.0);
        assertThat(r.model("gpt-4o-mini").meanScore()).isLessThan(0.5);
        assertThat(r.model("gpt-4o-mini").promptTokens()).isEqualTo(20);
        assertThat(server.received())
                .extracting(x -> x.body().get("temperature").asDouble())
                .containsOnly(0.3);
    }
}
