package dev.tuneloop.vertex;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.NoCredentials;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import dev.tuneloop.tune.FineTuneJob;
import dev.tuneloop.tune.FineTuneMethod;
import dev.tuneloop.tune.FineTuneRequest;
import dev.tuneloop.tune.Hyperparameters;
import dev.tuneloop.tune.JobStatus;
import dev.tuneloop.tune.UploadedFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The code of docs/guide/vertex.md, run against the fake server (the guide compares its blocks with these regions). */
class VertexGuideTest {
    @TempDir
    Path dir;

    @Test
    void buildingAClientWithCloudStorageStaging() {
        // the host's own Storage and credentials; here offline ones
        Storage storage = StorageOptions.newBuilder()
                .setProjectId("my-project")
                .setCredentials(NoCredentials.getInstance())
                .build()
                .getService();
        GoogleCredentials credentials = VertexFineTuneClientTest.testCredentials("guide-token");
        // snippet:vertex-client
        VertexFineTuneClient vertex = VertexFineTuneClient.builder(
                        "my-project",
                        "us-central1",
                        CloudStorageStager.create(storage, "my-tuning-bucket", "tuneloop/"))
                .credentials(credentials) // leave out to use application default credentials
                .adapterSize(4)
                .build();
        // end-snippet:vertex-client
        try (vertex) {
            assertThat(vertex.toString())
                    .contains("gs://my-tuning-bucket/tuneloop/")
                    .doesNotContain("guide-token");
        }
    }

    @Test
    void uploadCreateAndTheEndpointToCall() throws Exception {
        Path trainJsonl = dir.resolve("train.jsonl");
        Files.writeString(trainJsonl, GeminiJsonlCheckTest.SFT_LINE + "\n");
        try (FakeVertexServer server = new FakeVertexServer();
                VertexFineTuneClient vertex = VertexFineTuneClientTest.clientFor(server)
                        .retryDelay(Duration.ofMillis(1))
                        .build()) {
            // snippet:vertex-tune
            UploadedFile train = vertex.upload(trainJsonl); // checked, then staged: gs://my-tuning-bucket/tuneloop/…
            FineTuneJob job = vertex.create(FineTuneRequest.builder("gemini-2.5-flash", train.id())
                    .hyperparameters(Hyperparameters.AUTO.withEpochs(3).withLearningRateMultiplier(1.0))
                    .suffix("support-bot") // the tuned model's display name
                    .build());
            // job.id() is "projects/<project number>/locations/us-central1/tuningJobs/<id>"; poll vertex.get(job.id())
            // or hand the client to a JobWatcher. Once SUCCEEDED, job.fineTunedModel() is the endpoint to call.
            // end-snippet:vertex-tune
            assertThat(job.id()).startsWith("projects/" + FakeVertexServer.PROJECT_NUMBER + "/");
            server.update(
                    job.id(),
                    "JOB_STATE_SUCCEEDED",
                    "{\"tunedModel\":{\"endpoint\":\"projects/123456789012/locations/us-central1/endpoints/9\"}}");
            FineTuneJob done = vertex.get(job.id());
            assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(done.fineTunedModel()).isEqualTo("projects/123456789012/locations/us-central1/endpoints/9");
        }
    }

    @Test
    void aGsUriTheHostUploadedItself() throws Exception {
        try (FakeVertexServer server = new FakeVertexServer()) {
            GoogleCredentials credentials = VertexFineTuneClientTest.testCredentials(FakeVertexServer.TOKEN);
            String baseUrl = server.baseUrl();
            // snippet:vertex-host-uri
            VertexFineTuneClient vertex = VertexFineTuneClient.builder(
                            "my-project", "us-central1", GcsStager.hostManaged())
                    .credentials(credentials)
                    .baseUrl(baseUrl) // only for tests and private endpoints
                    .build();
            FineTuneJob job = vertex.create(
                    FineTuneRequest.builder("gemini-2.5-flash", "gs://my-tuning-bucket/exports/preference.jsonl")
                            .method(FineTuneMethod.DPO) // preference tuning
                            .hyperparameters(Hyperparameters.AUTO.withBeta(0.1))
                            .build());
            // end-snippet:vertex-host-uri
            try (vertex) {
                assertThat(job.method()).isEqualTo(FineTuneMethod.DPO);
                assertThat(job.trainingFileId()).isEqualTo("gs://my-tuning-bucket/exports/preference.jsonl");
                assertThat(server.requests("POST", "/tuningJobs").get(0).path())
                        .isEqualTo("/v1beta1/projects/my-project/locations/us-central1/tuningJobs");
            }
        }
    }
}
