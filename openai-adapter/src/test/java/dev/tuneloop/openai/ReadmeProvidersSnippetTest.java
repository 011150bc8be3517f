package dev.tuneloop.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import dev.tuneloop.curate.Category;
import dev.tuneloop.curate.ExampleId;
import dev.tuneloop.curate.ExampleRevision;
import dev.tuneloop.curate.ExampleStatus;
import dev.tuneloop.curate.QualityScore;
import dev.tuneloop.curate.ReadinessChecklist;
import dev.tuneloop.curate.Split;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.export.JsonlExporter;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.store.Store;
import dev.tuneloop.tune.FineTuneLauncher;
import dev.tuneloop.tune.Hyperparameters;
import dev.tuneloop.tune.JobWatcher;
import dev.tuneloop.tune.Launch;
import dev.tuneloop.tune.LaunchRequest;
import dev.tuneloop.tune.ReadinessGate;
import dev.tuneloop.tune.TrainingDataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The providers guide's launch snippet, run against the local API, its address and key given in code. */
class ReadmeProvidersSnippetTest {
    private static final Category[] THREE = {Category.SEC_10K, Category.SEC_10Q, Category.COMPARISON};

    @TempDir
    Path exportDir;

    private static void reviewed(Store store, int i, Split split) {
        Instant now = Instant.now();
        ExampleId id = ExampleId.next(now.toEpochMilli() - 100_000 + i);
        TrainingExample e = TrainingExample.builder(id, InteractionId.next(), ExampleStatus.APPROVED, split)
                .userId("user-" + i)
                .interactionCreatedAt(now.minusSeconds(3600))
                .systemPrompt("You are a financial analyst assistant.")
                .userMessage("Question number " + i + " about " + Integer.toHexString(i * 7919) + "?")
                .originalResponse(
                        "Answer " + i + " with figure " + (i * 31) + " and word w" + Integer.toString(i, 36) + ".")
                .modelUsed("gpt-4o-mini")
                .category(THREE[i % 3])
                .quality(QualityScore.of(8))
                .reviewer("ann")
                .createdAt(now)
                .reviewedAt(now)
                .build();
        store.examples().insert(e, new ExampleRevision(id, 1, now, "ann", List.of("status"), null));
    }

    @Test
    void theSnippetLaunchesAJob() throws Exception {
        Store store = Store.inMemory();
        for (int i = 0; i < 100; i++) {
            reviewed(store, i, Split.TRAIN);
        }
        for (int i = 100; i < 125; i++) {
            reviewed(store, i, Split.HOLDOUT);
        }
        try (LocalOpenAiServer server = new LocalOpenAiServer()) {
            server.answer(
                    "POST /v1/files",
                    200,
                    "{\"id\":\"file-abc\",\"object\":\"file\",\"bytes\":1,"
                            + "\"created_at\":1714564800,\"filename\":\"x.jsonl\",\"purpose\":\"fine-tune\","
                            + "\"status\":\"processed\"}");
            server.answer(
                    "POST /v1/fine_tuning/jobs", 200, OpenAiFineTuneClientTest.job("ftjob-1", "validating_files", ""));
            String baseUrl = server.baseUrl(); // the local server that plays the API
            String apiKey = "sk-readme-snippet-key";
            Launch launch;

            // snippet:providers
            // store: Store.inMemory() or JdbcStore.create(dataSource)
            TrainingDataSource trainingData = TrainingDataSource.fromExporter(
                    JsonlExporter.create(store.examples()),
                    exportDir,
                    options -> options.baseModel("gpt-4o-mini-2024-07-18")); // any other ExportOptions
            ReadinessGate readinessGate =
                    ReadinessGate.fromChecklist(ReadinessChecklist.create(Clock.systemUTC()), store.examples());
            // your endpoint and key, e.g. "https://llm-gateway.example.com/v1" and a key from your secret store; or
            // OpenAiClients.fromEnv(): OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_ORG_ID, OPENAI_PROJECT_ID
            OpenAIClient openai = OpenAiClients.of(baseUrl, apiKey);
            try (OpenAiFineTuneClient client = OpenAiFineTuneClient.create(openai);
                    JobWatcher watcher = JobWatcher.builder(client, store.jobs(), store.registry())
                            .build()) {
                watcher.resumeAll(); // after a restart: keep watching unfinished jobs
                FineTuneLauncher launcher = FineTuneLauncher.builder(
                                client, store.jobs(), store.registry(), trainingData, readinessGate)
                        .watcher(watcher)
                        .build();
                launch = launcher.launch(LaunchRequest.builder("gpt-4o-mini-2024-07-18")
                        .minQualityScore(6)
                        .hyperparameters(Hyperparameters.AUTO.withEpochs(3))
                        .suffix("sigmasight-v1")
                        .notes("Initial training")
                        .build());
                // launch.version() is "v1" with the file's SHA-256 and the job id; the watcher adds the model on
                // success
            } finally {
                openai.close(); // create(openai) leaves the SDK client to you
            }
            // end-snippet:providers

            assertThat(launch.version().version()).isEqualTo("v1");
            assertThat(launch.job().id()).isEqualTo("ftjob-1");
            assertThat(store.jobs().active()).extracting(j -> j.id()).containsExactly("ftjob-1");
            assertThat(server.requests("POST /v1/files")).hasSize(1);
            assertThat(server.requests("POST /v1/files").get(0).header("Authorization"))
                    .isEqualTo("Bearer sk-readme-snippet-key");
            assertThat(server.requests("POST /v1/fine_tuning/jobs").get(0).bodyText())
                    .contains("\"suffix\":\"sigmasight-v1\"")
                    .contains("\"n_epochs\":3");
        }
    }
}
