package dev.tuneloop.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.tuneloop.curate.Category;
import dev.tuneloop.curate.ExampleId;
import dev.tuneloop.curate.ExampleRevision;
import dev.tuneloop.curate.ExampleStatus;
import dev.tuneloop.curate.QualityScore;
import dev.tuneloop.curate.Split;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.eval.CompletionCache;
import dev.tuneloop.eval.EvaluationReport;
import dev.tuneloop.eval.Evaluator;
import dev.tuneloop.eval.Scorer;
import dev.tuneloop.model.ChatModel;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.store.Store;
import dev.tuneloop.tune.DatasetSnapshot;
import dev.tuneloop.tune.ModelRegistry;
import dev.tuneloop.tune.NewModelVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's evaluation snippet, run against the local fake API (so it keeps compiling and working). */
class ReadmeEvaluationSnippetTest {
    private static final String EXPECTED = "Per the 10-Q, SBC was $1.40 billion, 4.0% of revenue.";

    @Test
    void theSnippetRuns(@TempDir Path dir) throws Exception {
        try (FakeOpenAiServer server = new FakeOpenAiServer()) {
            server.onChat(req -> {
                String model = req.get("model").asText();
                String system = req.get("messages").get(0).get("content").asText();
                if (system.startsWith("You are a strict evaluator")) {
                    return FakeOpenAiServer.completion(model, "Equal.\nVERDICT: TIE", 50, 3);
                }
                return FakeOpenAiServer.completion(model, model.startsWith("ft:") ? EXPECTED : "SBC was $1.4B.", 20, 8);
            });
            server.onEmbeddings(req -> {
                var root = FakeOpenAiServer.JSON.createObjectNode();
                var data = root.put("object", "list")
                        .put("model", "text-embedding-3-small")
                        .putArray("data");
                JsonNode input = req.get("input");
                for (int i = 0; i < input.size(); i++) {
                    data.addObject()
                            .put("object", "embedding")
                            .put("index", i)
                            .putArray("embedding")
                            .add(1.0)
                            .add(0.0);
                }
                root.putObject("usage").put("prompt_tokens", 1).put("total_tokens", 1);
                return new FakeOpenAiServer.Reply(200, root.toString());
            });
            Store store = Store.inMemory();
            Instant at = Instant.parse("2026-03-16T12:00:00Z");
            TrainingExample e = TrainingExample.builder(
                            ExampleId.next(at.toEpochMilli()),
                            InteractionId.next(),
                            ExampleStatus.APPROVED,
                            Split.HOLDOUT)
                    .userId("u1")
                    .interactionCreatedAt(at)
                    .systemPrompt("You are a financial analyst assistant.")
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
            ModelRegistry registry = store.registry();
            registry.register(new NewModelVersion(
                    at, "gpt-4o-mini", new DatasetSnapshot("0".repeat(64), List.of()), "ftjob-1", ""));
            registry.register(new NewModelVersion(
                    at, "gpt-4o-mini", new DatasetSnapshot("1".repeat(64), List.of()), "ftjob-2", ""));
            registry.recordFineTunedModel("v2", "ft:gpt-4o-mini:acme::v2");

            String baseUrl = server.baseUrl();
            // snippet:evaluation
            // or OpenAIOkHttpClient.fromEnv() (OPENAI_API_KEY, OPENAI_BASE_URL); baseUrl: e.g. a local vLLM server
            OpenAIClient client = OpenAIOkHttpClient.builder()
                    .baseUrl(baseUrl)
                    .apiKey("sk-test")
                    .maxRetries(0)
                    .build();
            ChatModel chat = OpenAiChatModel.create(client);
            EvaluationReport report = Evaluator.builder()
                    .examples(store.examples()) // approved HOLDOUT examples
                    .forVersion(registry, "v2", chat) // base = v2's base model, candidate = its fine-tuned model
                    .scorer(Scorer.seedDefault(OpenAiEmbedder.create(client))) // key facts, length, similarity
                    .judge("gpt-4o", chat) // optional LLM judge, both orders
                    .cache(CompletionCache.jsonl(dir.resolve("eval-cache.jsonl"))) // a re-run makes no calls
                    .build()
                    .run(); // and records the result on v2
            report.writeHtml(dir.resolve("eval.html")); // or writeJson; report.promote() → PROMOTE / HOLD
            // end-snippet:evaluation
            client.close();

            assertThat(report.model("ft:gpt-4o-mini:acme::v2").meanScore()).isEqualTo(1.0);
            assertThat(report.model("gpt-4o-mini").meanScore()).isLessThan(1.0);
            assertThat(report.primaryComparison().judge().ties()).isEqualTo(1);
            assertThat(report.promote()).isFalse(); // one case is below the 20-case minimum
            assertThat(registry.getVersion("v2").evaluation()).isEqualTo(report.toSummary());
            assertThat(Files.readString(dir.resolve("eval.html"))).contains("ft:gpt-4o-mini:acme::v2");
        }
    }
}
