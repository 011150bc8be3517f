package dev.tuneloop.examples;

import dev.tuneloop.Tuneloop;
import dev.tuneloop.curate.Candidate;
import dev.tuneloop.curate.CurationPolicy;
import dev.tuneloop.curate.Review;
import dev.tuneloop.export.ExportOptions;
import dev.tuneloop.export.ExportReport;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.route.AbRouter;
import dev.tuneloop.route.RoutingPlan;
import dev.tuneloop.tune.FineTuneClient;
import dev.tuneloop.tune.FineTuneJob;
import dev.tuneloop.tune.FineTuneRequest;
import java.nio.file.Path;
import java.time.Duration;

/** The README's quick start, kept compiling (and run by {@code QuickStartTest}). */
final class QuickStart {
    private QuickStart() {}

    static String loop(
            Tuneloop tuneloop,
            FineTuneClient client,
            Path dir,
            String userId,
            String question,
            String answer,
            String correctedAnswer) {
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
        return job.id() + " " + report.written() + " " + model;
    }
}
