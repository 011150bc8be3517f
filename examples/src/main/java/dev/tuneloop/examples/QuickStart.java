package dev.tuneloop.examples;

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
import dev.tuneloop.tune.FineTuneClient;
import dev.tuneloop.tune.FineTuneJob;
import dev.tuneloop.tune.FineTuneRequest;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The README's quick start, kept compiling: the code between the README markers, in file order, is the README's
 * snippet ({@code QuickStartReadmeTest}); {@code QuickStartTest} runs it.
 */
final class QuickStart {
    private QuickStart() {}

    /** The quick start's Tuneloop: the JDBC store on {@code dataSource}, with the seed's closed taxonomy. */
    static Tuneloop tuneloop(DataSource dataSource) {
        // README:BEGIN
        Tuneloop tuneloop = Tuneloop.builder()
                .store(JdbcStore.create(dataSource)) // or InteractionStore.inMemory()
                .taxonomy(Taxonomy.SEED)
                .build(); // the seed's 8 categories (the default taxonomy is open: any category)
        // README:END
        return tuneloop;
    }

    /** The quick start's provider: OpenAI, configured from the environment. */
    static FineTuneClient client() {
        // README:BEGIN
        FineTuneClient client = OpenAiFineTuneClient.fromEnv(); // or FakeFineTuneClient in tests
        // README:END
        return client;
    }

    /** The loop itself, on a Tuneloop and a provider client. */
    static String loop(
            Tuneloop tuneloop,
            FineTuneClient client,
            Path dir,
            String userId,
            String question,
            String answer,
            String correctedAnswer) {
        // README:BEGIN
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
        // README:END
        return job.id() + " " + report.written() + " " + model;
    }
}
