package dev.tuneloop.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import dev.tuneloop.curate.ExampleId;
import dev.tuneloop.store.Store;
import dev.tuneloop.testing.ManualScheduler;
import dev.tuneloop.tune.FineTuneLauncher;
import dev.tuneloop.tune.JobStatus;
import dev.tuneloop.tune.JobStore;
import dev.tuneloop.tune.JobWatcher;
import dev.tuneloop.tune.Launch;
import dev.tuneloop.tune.LaunchRequest;
import dev.tuneloop.tune.ModelRegistry;
import dev.tuneloop.tune.PreparedDataset;
import dev.tuneloop.tune.ReadinessVerdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole launch → watch → restart → model recorded flow against the local API, through the real SDK. */
class OpenAiLifecycleTest {
    private static final String JOB = "/v1/fine_tuning/jobs/ftjob-1";

    @TempDir
    Path dir;

    @Test
    void launchesWatchesAcrossARestartAndRecordsTheModel() throws Exception {
        Path train = dir.resolve("train.jsonl");
        Files.writeString(
                train,
                "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},"
                        + "{\"role\":\"assistant\",\"content\":\"a\"}]}\n");
        List<ExampleId> ids = List.of(ExampleId.next(1));
        try (LocalOpenAiServer server = new LocalOpenAiServer()) {
            server.answer(
                    "POST /v1/files",
                    200,
                    "{\"id\":\"file-abc\",\"object\":\"file\",\"bytes\":"
                            + Files.size(train) + ",\"created_at\":1714564800,\"filename\":\"train.jsonl\","
                            + "\"purpose\":\"fine-tune\",\"status\":\"processed\"}");
            server.answer(
                    "POST /v1/fine_tuning/jobs", 200, OpenAiFineTuneClientTest.job("ftjob-1", "validating_files", ""));
            server.answer("GET " + JOB, 200, OpenAiFineTuneClientTest.job("ftjob-1", "running", ""));
            server.answer(
                    "GET " + JOB,
                    200,
                    OpenAiFineTuneClientTest.job("ftjob-1", "succeeded", "")
                            .replace(
                                    "\"fine_tuned_model\":null",
                                    "\"fine_tuned_model\":\"ft:gpt-4o-mini-2024-07-18:org:v1:x9\""));
            server.answer("GET " + JOB + "/events", 200, "{\"object\":\"list\",\"data\":[],\"has_more\":false}");

            OpenAIClient sdk = OpenAiClients.builder()
                    .baseUrl(server.baseUrl())
                    .apiKey("sk-test-lifecycle")
                    .maxRetries(0)
                    .build();
            try {
                OpenAiFineTuneClient client = OpenAiFineTuneClient.create(sdk);
                Store tuneloopStore = Store.inMemory();
                ModelRegistry registry = tuneloopStore.registry();
                JobStore jobs = tuneloopStore.jobs();
                ManualScheduler scheduler = ManualScheduler.create();
                JobWatcher first = JobWatcher.builder(client, jobs, registry)
                        .scheduler(scheduler)
                        .build();
                FineTuneLauncher launcher = FineTuneLauncher.builder(
                                client,
                                jobs,
                                registry,
                                (minQuality, method) -> PreparedDataset.of(train, ids),
                                ReadinessVerdict::ready)
                        .clock(Clock.fixed(Instant.parse("2026-05-01T12:00:00Z"), ZoneOffset.UTC))
                        .watcher(first)
                        .build();

                Launch launch = launcher.launch(LaunchRequest.builder("gpt-4o-mini-2024-07-18")
                        .suffix("v1")
                        .build());
                scheduler.runPending();
                assertThat(jobs.get("ftjob-1").status()).isEqualTo(JobStatus.RUNNING);

                first.close(); // the JVM goes down with the job still running
                JobWatcher second = JobWatcher.builder(client, jobs, registry)
                        .scheduler(scheduler)
                        .build();
                assertThat(second.resumeAll()).containsExactly("ftjob-1");
                scheduler.runUntilIdle(5);

                assertThat(jobs.get("ftjob-1").status()).isEqualTo(JobStatus.SUCCEEDED);
                assertThat(registry.getVersion(launch.version().version()).fineTunedModel())
                        .isEqualTo("ft:gpt-4o-mini-2024-07-18:org:v1:x9");
                assertThat(registry.getVersion("v1").dataset().exampleIds()).isEqualTo(ids);
                assertThat(server.requests("GET " + JOB)).hasSize(2);
            } finally {
                sdk.close();
            }
        }
    }
}
