package dev.tuneloop.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.Tuneloop;
import dev.tuneloop.curate.ExampleId;
import dev.tuneloop.errors.NotFoundException;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.store.Store;
import dev.tuneloop.testing.FakeFineTuneClient;
import dev.tuneloop.testing.FakeFineTuneClient.Operation;
import dev.tuneloop.testing.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The calendar gate in the launcher, and carrying a version's exact dataset to another provider. */
class RelaunchTest {
    private static final String SFT_LINE =
            "{'messages':[{'role':'user','content':'q%d'},{'role':'assistant','content':'a%d'}]}".replace('\'', '"');

    @TempDir
    Path dir;

    private final TestClock clock = TestClock.at(Instant.parse("2026-12-10T09:00:00Z"));
    private final FakeFineTuneClient openai = FakeFineTuneClient.create(clock, "openai");
    private final FakeFineTuneClient together = FakeFineTuneClient.create(clock, "together");
    private final Store store = Store.inMemory();
    private final List<ExampleId> ids = List.of(ExampleId.next(1), ExampleId.next(2), ExampleId.next(3));

    /** Writes one file per launch into {@code dir} and finds it again by content hash, as the exporter source does. */
    private final class ArchivingSource implements TrainingDataSource {
        private int launches;

        @Override
        public PreparedDataset prepare(int minQualityScore, FineTuneMethod method) {
            launches++;
            Path f = dir.resolve("sft-" + launches + ".jsonl");
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < ids.size(); i++) {
                b.append(String.format(SFT_LINE, i + launches * 10, i)).append('\n');
            }
            try {
                Files.writeString(f, b);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return PreparedDataset.of(f, ids);
        }

        @Override
        public Optional<PreparedDataset> reproduce(DatasetSnapshot snapshot) {
            try (var files = Files.list(dir)) {
                return files.filter(f -> DatasetSnapshot.sha256(f).equals(snapshot.contentSha256()))
                        .findFirst()
                        .map(f -> PreparedDataset.of(f, snapshot.exampleIds()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private final ArchivingSource source = new ArchivingSource();

    private FineTuneLauncher launcher(FineTuneClient client) {
        return FineTuneLauncher.builder(client, store.jobs(), store.registry(), source, ReadinessVerdict::ready)
                .clock(clock)
                .build();
    }

    @Test
    void relaunchesTheExactDatasetOnAnotherProviderWithLineage() {
        Launch first = launcher(openai)
                .launch(LaunchRequest.builder("gpt-4o-mini-2024-07-18").build());
        assertThat(first.version().provider()).isEqualTo("openai");
        // a second, different dataset so the relaunch must find the right file by hash
        launcher(openai).launch(LaunchRequest.builder("gpt-4o-mini-2024-07-18").build());

        FineTuneLauncher launcher = launcher(openai);
        FineTuneClient togetherClient = together; // e.g. the tuneloop-together module's client
        // snippet:relaunch
        // v1's exact training file (same SHA-256, same example ids), found by the training data source
        Launch moved = launcher.relaunch(
                "v1",
                togetherClient,
                LaunchRequest.builder("meta-llama/Llama-3.3-70B-Instruct-Reference")
                        .notes("carried from v1 before OpenAI's shutdown")
                        .build());
        ModelVersion carried = moved.version(); // provider "together", parentVersion "v1", v1's dataset snapshot
        // end-snippet:relaunch
        assertThat(carried).isEqualTo(store.registry().getVersion("v3"));

        ModelVersion v3 = moved.version();
        assertThat(v3.version()).isEqualTo("v3");
        assertThat(v3.parentVersion()).isEqualTo("v1");
        assertThat(v3.provider()).isEqualTo("together");
        assertThat(v3.baseModel()).isEqualTo("meta-llama/Llama-3.3-70B-Instruct-Reference");
        assertThat(v3.dataset()).isEqualTo(first.version().dataset());
        assertThat(v3.dataset().contentSha256())
                .isEqualTo(first.version().dataset().contentSha256());
        assertThat(v3.dataset().exampleIds()).containsExactlyElementsOf(ids);
        assertThat(v3.jobId()).isEqualTo("together-ftjob-1");
        assertThat(together.uploads()).hasSize(1);
        assertThat(together.uploads().get(0).bytes())
                .as("the bytes the first version was trained on")
                .isEqualTo(openai.uploads().get(0).bytes());
        assertThat(together.createRequests().get(0).baseModel())
                .isEqualTo("meta-llama/Llama-3.3-70B-Instruct-Reference");
        assertThat(openai.calls(Operation.CREATE))
                .as("nothing more at the old provider")
                .isEqualTo(2);
        assertThat(store.jobs().find("together-ftjob-1")).isPresent();
        assertThat(moved.readiness().warnings()).singleElement().asString().contains("relaunch of model version v1");
    }

    @Test
    void refusesAFileThatIsNotTheVersionsDataset() throws Exception {
        launcher(openai).launch(LaunchRequest.builder("gpt-4o-mini-2024-07-18").build());
        Path other = dir.resolve("other.jsonl");
        Files.writeString(other, String.format(SFT_LINE, 7, 7) + "\n");

        assertThatThrownBy(() -> launcher(openai)
                        .relaunch("v1", together, LaunchRequest.builder("m").build(), other))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("must hold model version v1's exact dataset");
        assertThatThrownBy(() -> launcher(openai)
                        .relaunch("v9", together, LaunchRequest.builder("m").build()))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("v9");
        assertThat(together.uploads()).isEmpty();
    }

    @Test
    void saysWhenTheDataSourceNoLongerHasTheFile() throws Exception {
        launcher(openai).launch(LaunchRequest.builder("gpt-4o-mini-2024-07-18").build());
        Files.delete(dir.resolve("sft-1.jsonl"));

        assertThatThrownBy(() -> launcher(openai)
                        .relaunch("v1", together, LaunchRequest.builder("m").build()))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("training file of model version v1")
                .hasMessageContaining("is no longer available");
    }

    @Test
    void theLauncherRefusesAClosedBaseModelBeforeExportingAndAcceptsItElsewhere() {
        clock.advance(Duration.ofDays(27)); // 2027-01-06

        assertThatThrownBy(() -> launcher(openai)
                        .launch(LaunchRequest.builder("gpt-4o-mini-2024-07-18").build()))
                .isInstanceOf(JobCreationClosedException.class)
                .hasMessageContaining("closed on 2027-01-06")
                .hasMessageContaining("azure");
        assertThat(source.launches).as("nothing exported").isZero();
        assertThat(openai.uploads()).isEmpty();

        FakeFineTuneClient azure = FakeFineTuneClient.create(clock, "azure");
        assertThat(launcher(azure)
                        .launch(LaunchRequest.builder("gpt-4o-mini-2024-07-18").build())
                        .version()
                        .provider())
                .isEqualTo("azure");
        // the calendar can be switched off, and a client that names no provider is never refused
        FineTuneLauncher unchecked = FineTuneLauncher.builder(
                        openai, store.jobs(), store.registry(), source, ReadinessVerdict::ready)
                .clock(clock)
                .lifecycle(ModelLifecycle.empty())
                .build();
        assertThat(unchecked.launch(
                        LaunchRequest.builder("gpt-4o-mini-2024-07-18").build()))
                .isNotNull();
        assertThat(launcher(FakeFineTuneClient.create(clock))
                        .launch(LaunchRequest.builder("gpt-4o-mini-2024-07-18").build())
                        .version()
                        .provider())
                .as("the default fake is \"fake\", which the calendar does not know")
                .isEqualTo("fake");
    }

    @Test
    void theCalendarAsTheGuideShowsIt() {
        FineTuneClient client = openai;
        JobStore jobs = store.jobs();
        ModelRegistry registry = store.registry();
        TrainingDataSource data = source;
        ReadinessGate readiness = ReadinessVerdict::ready;
        // snippet:lifecycle
        ModelLifecycle calendar = ModelLifecycle.defaults() // OpenAI, Azure, Together, Vertex as of 2026-12-03
                .with(new LifecycleEntry(
                        "together", // a row of your own, or one that replaces a shipped row (same provider and model)
                        "meta-llama/Llama-3.3-70B-Instruct-Reference",
                        null, // job creation closes: none announced
                        LocalDate.parse("2027-06-30"), // the model and its fine-tunes retire
                        "https://docs.together.ai/docs/deprecations",
                        LocalDate.parse("2026-12-20"))); // as of
        FineTuneLauncher launcher = FineTuneLauncher.builder(client, jobs, registry, data, readiness)
                .lifecycle(calendar) // refuses a closed base model at client.provider(), naming the providers left
                .build();
        Tuneloop tuneloop = Tuneloop.builder().store(store).lifecycle(calendar).build(); // checklist, retrain advice
        // end-snippet:lifecycle
        try (tuneloop) {
            assertThat(calendar.jobCreationCloses("openai", "gpt-4o-mini")).contains(LocalDate.parse("2027-01-06"));
            assertThat(calendar.retires("together", "meta-llama/Llama-3.3-70B-Instruct-Reference"))
                    .contains(LocalDate.parse("2027-06-30"));
            assertThat(tuneloop.lifecycle()).isSameAs(calendar);
            assertThat(launcher.launch(LaunchRequest.builder("gpt-4o-mini").build())
                            .version()
                            .provider())
                    .isEqualTo("openai");
        }
    }

    @Test
    void aRelaunchToAClosedProviderIsRefused() {
        launcher(together)
                .launch(LaunchRequest.builder("meta-llama/Llama-3.3-70B-Instruct-Reference")
                        .build());
        clock.advance(Duration.ofDays(40));

        assertThatThrownBy(() -> launcher(together)
                        .relaunch(
                                "v1",
                                openai,
                                LaunchRequest.builder("gpt-4o-mini-2024-07-18").build()))
                .isInstanceOf(JobCreationClosedException.class);
        assertThat(openai.uploads()).isEmpty();
    }
}
