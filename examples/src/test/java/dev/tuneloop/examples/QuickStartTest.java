package dev.tuneloop.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.Tuneloop;
import dev.tuneloop.curate.CurationOptions;
import dev.tuneloop.curate.HoldoutSettings;
import dev.tuneloop.curate.Review;
import dev.tuneloop.curate.Taxonomy;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.store.Store;
import dev.tuneloop.testing.FakeFineTuneClient;
import dev.tuneloop.tune.FineTuneClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the README's quick start against the in-memory store and the fake provider. */
class QuickStartTest {

    @Test
    void theQuickStartSetUpGivesTheSeedTaxonomyAndAFakeProvider() throws Exception {
        // snippet:quickstart-setup
        Tuneloop tuneloop = Tuneloop.builder()
                .store(Store.inMemory()) // or JdbcStore.create(dataSource)
                .taxonomy(Taxonomy.SEED) // the seed's eight categories; the default taxonomy is open
                .build();
        FineTuneClient client = FakeFineTuneClient.create(); // in tests; a real provider's client in production
        // end-snippet:quickstart-setup
        try (tuneloop) {
            assertThat(client.listJobs()).isEmpty();
            InteractionId id = tuneloop.recorder()
                    .log(tuneloop.interaction()
                            .userId("u")
                            .userMessage("q")
                            .assistantResponse("a")
                            .modelUsed("gpt-4o-mini")
                            .build());
            assertThat(tuneloop.recorder().flush(Duration.ofSeconds(20))).isTrue();
            // the seed's taxonomy is closed: a category outside its eight is refused, naming the allowed ones
            assertThatThrownBy(() -> tuneloop.curator()
                            .approve(
                                    id,
                                    Review.by("analyst")
                                            .category("weather")
                                            .quality(8)
                                            .build()))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("weather")
                    .hasMessageContaining("sbc_breakdown");
            assertThat(tuneloop.curator()
                            .approve(
                                    id,
                                    Review.by("analyst")
                                            .category("sbc_breakdown")
                                            .quality(8)
                                            .build())
                            .category())
                    .isNotNull();
        }
    }

    @Test
    void theQuickStartRunsTheLoop(@TempDir Path dir) throws Exception {
        FakeFineTuneClient client = FakeFineTuneClient.create();
        // a share that rounds to 0 of 10 000 buckets: with a single example, the frozen split could otherwise hold it
        // out
        CurationOptions noHoldout = CurationOptions.builder()
                .holdout(HoldoutSettings.builder()
                        .share(1e-6)
                        .minHoldout(0)
                        .bootstrapShare(1e-6)
                        .build())
                .build();
        try (Tuneloop tuneloop = Tuneloop.builder()
                .store(Store.inMemory())
                .curationOptions(noHoldout)
                .build()) {
            String result = QuickStart.loop(
                    tuneloop,
                    client,
                    dir,
                    "user-1",
                    "What was NVDA's SBC in Q3?",
                    "About $1.4B.",
                    "According to NVIDIA's Q3 FY2025 10-Q, stock-based compensation was $1.40 billion.");
            String[] parts = result.split(" ", -1);
            assertThat(parts[1]).isEqualTo("1"); // one approved example written
            assertThat(parts[2])
                    .isEqualTo("ft:gpt-4o-mini-2024-07-18:acme:sigmasight-v1:abc123"); // bucket 1524 of 10 000
            assertThat(client.uploads())
                    .singleElement()
                    .satisfies(
                            u -> assertThat(u.text()).contains("$1.40 billion").doesNotContain("About $1.4B."));
            assertThat(client.createRequests())
                    .singleElement()
                    .satisfies(r -> assertThat(r.suffix()).isEqualTo("sigmasight-v1"));
            assertThat(Files.readString(dir.resolve("training_data.jsonl"))).contains("\"role\":\"assistant\"");
        }
    }
}
