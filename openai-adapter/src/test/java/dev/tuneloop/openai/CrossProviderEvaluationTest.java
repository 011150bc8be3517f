package dev.tuneloop.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import dev.tuneloop.curate.Category;
import dev.tuneloop.curate.ExampleId;
import dev.tuneloop.curate.ExampleRevision;
import dev.tuneloop.curate.ExampleStatus;
import dev.tuneloop.curate.QualityScore;
import dev.tuneloop.curate.Split;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.eval.EvaluationReport;
import dev.tuneloop.eval.Evaluator;
import dev.tuneloop.eval.Scorer;
import dev.tuneloop.model.ChatModel;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.route.AbRouter;
import dev.tuneloop.route.Arm;
import dev.tuneloop.route.Endpoint;
import dev.tuneloop.route.ModelEndpoint;
import dev.tuneloop.route.RoutingPlan;
import dev.tuneloop.store.Store;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Base on one provider, fine-tuned on another: each local server plays an OpenAI-compatible {@code
 * /v1/chat/completions} and answers only its own model, so a call sent to the wrong provider fails the test.
 */
class CrossProviderEvaluationTest {
    private static final String EXPECTED = "Per the 10-Q, SBC was $1.40 billion, 4.0% of revenue.";
    private static final String FINE_TUNED = "acme/Meta-Llama-3.1-8B-Instruct-sigmasight-v3";

    private static FakeOpenAiServer.Reply only(String served, String model, String text) {
        return model.equals(served)
                ? FakeOpenAiServer.completion(model, text, 20, 8)
                : FakeOpenAiServer.error(404, "model_not_found", "no such model here");
    }

    @Test
    void evaluatesBaseAndFineTunedOnTheirOwnProvidersAndRoutesToTheArmsEndpoint() throws Exception {
        try (FakeOpenAiServer openAiServer = new FakeOpenAiServer();
                FakeOpenAiServer togetherServer = new FakeOpenAiServer()) {
            openAiServer.onChat(req -> only("gpt-4o-mini", req.get("model").asText(), "SBC was $1.4B."));
            togetherServer.onChat(req -> only(FINE_TUNED, req.get("model").asText(), EXPECTED));
            Store store = Store.inMemory();
            Instant at = Instant.parse("2026-12-03T12:00:00Z");
            TrainingExample e = TrainingExample.builder(
                            ExampleId.next(at.toEpochMilli()),
                            InteractionId.next(),
                            ExampleStatus.APPROVED,
                            Split.HOLDOUT)
                    .userId("u1")
                    .interactionCreatedAt(at)
                    .userMessage("What was NVDA's SBC in Q3 FY2025?")
                    .originalResponse(EXPECTED)
                    .modelUsed("gpt-4o-mini")
                    .category(Category.SBC_BREAKDOWN)
                    .quality(QualityScore.of(9))
                    .reviewer("r1")
                    .createdAt(at)
                    .reviewedAt(at)
                    .build();
            store.examples().insert(e, new ExampleRevision(e.id(), 1, at, "r1", List.of("status"), null));

            Endpoint openai = Endpoint.of("openai", openAiServer.baseUrl());
            Endpoint together = Endpoint.of("together", togetherServer.baseUrl());
            // snippet:cross-provider
            // one client per endpoint (keys from the host's secrets); e.g. Endpoint.of("together") for Together's
            // usual URL, Endpoint.of("vllm", "http://gpu-1:8000/v1") for a self-hosted server
            OpenAIClient baseClient =
                    OpenAiClients.forEndpoint(openai, "sk-openai").maxRetries(0).build();
            OpenAIClient tunedClient = OpenAiClients.forEndpoint(together, "together-key")
                    .maxRetries(0)
                    .build();
            Map<Endpoint, ChatModel> chat = Map.of(
                    openai, OpenAiChatModel.create(baseClient),
                    together, OpenAiChatModel.create(tunedClient));

            EvaluationReport report = Evaluator.builder()
                    .examples(store.examples())
                    .base("gpt-4o-mini", chat.get(openai))
                    .candidate(FINE_TUNED, chat.get(together))
                    .scorer(Scorer.keyFacts())
                    .build()
                    .run();

            AbRouter router = AbRouter.create(RoutingPlan.of(
                    "exp-2026-12",
                    Arm.of("fine-tuned", FINE_TUNED, 8_000).servedAt(together),
                    Arm.of("base", "gpt-4o-mini", 2_000).servedAt(openai)));
            ModelEndpoint target = router.endpointFor("user-42"); // per request: model id and where it is served
            String answer = chat.get(target.endpoint())
                    .complete(target.model(), List.of(ChatMessage.user("What was NVDA's SBC?")))
                    .text();
            // end-snippet:cross-provider
            try {
                assertThat(report.model(FINE_TUNED).meanScore()).isEqualTo(1.0);
                assertThat(report.model("gpt-4o-mini").meanScore()).isLessThan(1.0);
                assertThat(target.model()).isEqualTo(router.modelFor("user-42"));
                assertThat(answer).isEqualTo(target.endpoint().equals(together) ? EXPECTED : "SBC was $1.4B.");
                assertThat(openAiServer.received())
                        .extracting(r -> r.body().get("model").asText())
                        .containsOnly("gpt-4o-mini");
                assertThat(togetherServer.received())
                        .extracting(r -> r.body().get("model").asText())
                        .containsOnly(FINE_TUNED);
            } finally {
                router.close();
                baseClient.close();
                tunedClient.close();
            }
        }
    }

    @Test
    void knownProvidersNeedNoUrlOthersDo() {
        assertThat(OpenAiClients.knownBaseUrl("together")).contains("https://api.together.xyz/v1");
        assertThat(OpenAiClients.knownBaseUrl("ollama")).contains("http://localhost:11434/v1");
        assertThat(OpenAiClients.knownBaseUrl("vllm")).isEmpty();
        assertThatThrownBy(() -> OpenAiClients.forEndpoint(Endpoint.of("vllm"), "k"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("must have a baseUrl");
        OpenAIClient c =
                OpenAiClients.forEndpoint(Endpoint.of("ollama"), "unused").build();
        c.close();
    }
}
