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
import dev.tuneloop.record.Role;
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

    @Test
    void toolMessagesAreRejectedBeforeAnyCall() {
        ChatRequest r = ChatRequest.of("m", List.of(new ChatMessage(Role.TOOL, "{}"), ChatMessage.user("q")));
        assertThatThrownBy(() -> OpenAiChatModel.create(client).complete(r))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("messages[0] has role tool");
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
