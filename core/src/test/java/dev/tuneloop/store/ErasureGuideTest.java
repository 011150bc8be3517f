package dev.tuneloop.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuneloop.Tuneloop;
import dev.tuneloop.curate.Review;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.Rating;
import dev.tuneloop.store.ErasureReport.Location;
import dev.tuneloop.testing.FakeFineTuneClient;
import dev.tuneloop.tune.FineTuneClient;
import dev.tuneloop.tune.FineTuneLauncher;
import dev.tuneloop.tune.Launch;
import dev.tuneloop.tune.LaunchRequest;
import dev.tuneloop.tune.ReadinessVerdict;
import dev.tuneloop.tune.TrainingDataSource;
import dev.tuneloop.tune.UploadedFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java blocks of docs/guide/erasure.md, run on the in-memory store and the fake provider. */
class ErasureGuideTest {
    @TempDir
    Path exportDir;

    private final Store store = Store.inMemory();
    private final List<String> operatorQueue = new ArrayList<>();

    /** Ten approved interactions of user-42 and of user-7 (some held out), launched from exportDir. */
    private Launch launchWith(FineTuneClient client) {
        try (Tuneloop tuneloop =
                Tuneloop.builder().store(store).synchronousRecorder().build()) {
            for (String user : List.of("user-42", "user-7")) {
                for (int k = 0; k < 10; k++) {
                    InteractionId id = tuneloop.recorder()
                            .log(tuneloop.interaction()
                                    .userId(user)
                                    .userMessage(user + " asks question q" + k + "a q" + k + "b q" + k + "c")
                                    .assistantResponse(user + " gets answer a" + k + "a a" + k + "b a" + k + "c")
                                    .modelUsed("gpt-4o-mini-2024-07-18")
                                    .build());
                    tuneloop.recorder().rate(id, Rating.up());
                    tuneloop.curator()
                            .approve(
                                    id,
                                    Review.by("reviewer")
                                            .category("revenue")
                                            .quality(8)
                                            .build());
                }
            }
            return FineTuneLauncher.builder(
                            client,
                            store.jobs(),
                            store.registry(),
                            TrainingDataSource.fromExporter(tuneloop.exporter(), exportDir, o -> o.minExamples(1)),
                            ReadinessVerdict::ready)
                    .build()
                    .launch(LaunchRequest.builder("gpt-4o-mini-2024-07-18")
                            .minQualityScore(1)
                            .build());
        }
    }

    @Test
    void erasesTheStoreTheFilesAndTheProviderCopies() {
        FakeFineTuneClient client = FakeFineTuneClient.create();
        Launch launch = launchWith(client);

        // snippet:erase-user
        Erasure erasure = Erasure.builder(store)
                .exportDirectory(exportDir) // where TrainingDataSource.fromExporter writes
                .client(client) // deletes the uploaded copies
                .build();
        ErasureReport report = erasure.eraseUser("user-42");
        for (ErasureReport.RemainingCopy copy : report.remaining()) {
            operatorQueue.add(copy.location() + " " + copy.id() + ": " + copy.reason());
        }
        // end-snippet:erase-user

        assertThat(report.interactions()).isEqualTo(10);
        assertThat(report.examples()).isEqualTo(10);
        assertThat(report.filesRewritten()).hasSize(1);
        assertThat(report.providerFilesDeleted())
                .containsExactly(launch.trainingFile().id());
        assertThat(operatorQueue).isEmpty();
        assertThat(client.uploads()).isEmpty();
    }

    @Test
    void listsTheCopiesAProviderCannotDelete() {
        FakeFineTuneClient fake = FakeFineTuneClient.create();
        // a provider whose API has no file deletion: FineTuneClient.deleteFile keeps its default
        FineTuneClient cannotDelete = new FineTuneClient() {
            @Override
            public UploadedFile upload(Path jsonl) {
                return fake.upload(jsonl);
            }

            @Override
            public dev.tuneloop.tune.FineTuneJob create(dev.tuneloop.tune.FineTuneRequest request) {
                return fake.create(request);
            }

            @Override
            public dev.tuneloop.tune.FineTuneJob get(String jobId) {
                return fake.get(jobId);
            }

            @Override
            public dev.tuneloop.tune.FineTuneJob cancel(String jobId) {
                return fake.cancel(jobId);
            }

            @Override
            public <T> List<T> list(dev.tuneloop.tune.Listing<T> listing) {
                return fake.list(listing);
            }
        };
        Launch launch = launchWith(cannotDelete);

        ErasureReport report = Erasure.builder(store)
                .exportDirectory(exportDir)
                .client(cannotDelete)
                .deleteFiles(true)
                .build()
                .eraseUser("user-42");

        assertThat(report.filesDeleted()).hasSize(1);
        assertThat(report.complete()).isFalse();
        assertThat(report.remaining()).singleElement().satisfies(copy -> {
            assertThat(copy.location()).isEqualTo(Location.PROVIDER_FILE);
            assertThat(copy.id()).isEqualTo(launch.trainingFile().id());
            assertThat(copy.reason()).contains("cannot delete");
        });
        assertThat(fake.uploads()).hasSize(1);
    }
}
