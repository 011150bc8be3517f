package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.tuneloop.Tuneloop;
import dev.tuneloop.curate.Candidate;
import dev.tuneloop.curate.CurationPolicy;
import dev.tuneloop.curate.Review;
import dev.tuneloop.curate.Taxonomy;
import dev.tuneloop.export.ExportOptions;
import dev.tuneloop.export.ExportReport;
import dev.tuneloop.jdbc.JdbcStore;
import dev.tuneloop.openai.OpenAiFineTuneClient;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.route.AbRouter;
import dev.tuneloop.route.RoutingPlan;
import dev.tuneloop.store.Store;
import dev.tuneloop.testing.FakeFineTuneClient;
import dev.tuneloop.tune.FineTuneClient;
import dev.tuneloop.tune.FineTuneJob;
import dev.tuneloop.tune.FineTuneRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's quick start, compiled and run against the published artifacts only. */
class QuickStartTest {

    @Test
    void theQuickStartRunsOnTheInMemoryStore(@TempDir Path dir) throws Exception {
        String userId = "user-1";
        String question = "What was Acme's revenue?";
        String answer = "About 10 million.";
        String correctedAnswer = "USD 10.2 million in fiscal 2025.";
        // snippet:quickstart-setup
        Tuneloop tuneloop = Tuneloop.builder()
                .store(Store.inMemory()) // or JdbcStore.create(dataSource)
                .taxonomy(Taxonomy.SEED) // the seed's eight categories; the default taxonomy is open
                .build();
        FineTuneClient client = FakeFineTuneClient.create(); // in tests; a real provider's client in production
        // end-snippet:quickstart-setup
        try (tuneloop) {
            // snippet:quickstart
            InteractionId id = tuneloop.recorder()
                    .log(
                            tuneloop.interaction() // 1. after each LLM call
                                    .userId(userId)
                                    .userMessage(question)
                                    .assistantResponse(answer)
                                    .modelUsed("gpt-4o-mini")
                                    .build());
            tuneloop.recorder().edit(id, correctedAnswer); //    ✏️ becomes the gold answer
            tuneloop.recorder().flush(Duration.ofSeconds(5));
            for (Candidate c : tuneloop.curator().candidates(CurationPolicy.seedDefault())) { // 2. weekly review
                tuneloop.curator()
                        .approve(
                                c.interactionId(),
                                Review.by("analyst")
                                        .category("sbc_breakdown")
                                        .quality(9)
                                        .build());
            }
            Path file = dir.resolve("training_data.jsonl"); // 3. validated, redacted JSONL
            ExportReport report =
                    tuneloop.exporter().export(ExportOptions.builder().minQuality(6).build(), file);
            FineTuneJob job = client.create(FineTuneRequest.builder(
                            "gpt-4o-mini-2024-07-18", client.upload(file).id())
                    .suffix("sigmasight-v1")
                    .build()); // 4. fine-tune
            AbRouter router = tuneloop.router(RoutingPlan.fineTunedVsBase(
                    "sigmasight-v1" /* salt */,
                    "ft:gpt-4o-mini-2024-07-18:acme:sigmasight-v1:abc123",
                    "gpt-4o-mini",
                    8_000)); // 5. 80/20
            String model = router.modelFor(userId); // before each LLM call
            // end-snippet:quickstart
            // the one example may fall into the frozen holdout (the split hashes a fresh id): then nothing is written
            assertTrue(report.written() <= 1);
            assertEquals(report.written() == 1, Files.readString(file).contains("fiscal 2025"));
            assertTrue(model.equals("gpt-4o-mini") || model.startsWith("ft:"));
            assertTrue(!job.id().isEmpty());
        }
    }

    @Test
    void theJdbcStoreMigratesAnEmptyDatabase() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:consumer;DB_CLOSE_DELAY=-1");
        try (Tuneloop tuneloop = Tuneloop.builder().store(JdbcStore.create(h2)).build()) {
            assertTrue(tuneloop.store().interactions().find(InteractionId.next()).isEmpty());
        }
    }

    @Test
    void theOpenAiClientBuildsWithoutTheNetwork() {
        try (OpenAiFineTuneClient client = OpenAiFineTuneClient.create(OpenAIOkHttpClient.builder()
                .apiKey("sk-consumer-check-not-a-key")
                .baseUrl("http://127.0.0.1:9/v1")
                .build())) {
            assertTrue(!client.toString().contains("sk-consumer-check"));
        }
    }
}
