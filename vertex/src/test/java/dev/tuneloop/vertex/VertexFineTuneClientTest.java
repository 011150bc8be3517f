package dev.tuneloop.vertex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import dev.tuneloop.errors.ConflictException;
import dev.tuneloop.errors.NotFoundException;
import dev.tuneloop.errors.RetriableException;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.tune.Checkpoint;
import dev.tuneloop.tune.FineTuneJob;
import dev.tuneloop.tune.FineTuneMethod;
import dev.tuneloop.tune.FineTuneRequest;
import dev.tuneloop.tune.FineTuningUnavailableException;
import dev.tuneloop.tune.Hyperparameters;
import dev.tuneloop.tune.JobEvent;
import dev.tuneloop.tune.JobStatus;
import dev.tuneloop.tune.ModelInfo;
import dev.tuneloop.tune.ProviderAuthenticationException;
import dev.tuneloop.tune.ProviderRejectedException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real google-genai SDK in Vertex mode against {@link FakeVertexServer}. */
class VertexFineTuneClientTest {
    static final String TRAIN = "gs://test-bucket/tuneloop/train.jsonl";
    static final String VALID = "gs://test-bucket/tuneloop/valid.jsonl";

    FakeVertexServer server;
    VertexFineTuneClient client;

    /**
     * Test credentials: a fixed OAuth access token that does not expire, so the SDK never tries to refresh it (no
     * metadata server, no network); it sends it as {@code Authorization: Bearer …}.
     */
    static GoogleCredentials testCredentials(String token) {
        return GoogleCredentials.create(new AccessToken(token, Date.from(Instant.parse("2100-01-01T00:00:00Z"))));
    }

    static VertexFineTuneClient.Builder clientFor(FakeVertexServer server) {
        return VertexFineTuneClient.builder("tuneloop-test", "us-central1", new MemoryStager())
                .credentials(testCredentials(FakeVertexServer.TOKEN))
                .baseUrl(server.baseUrl())
                .retryDelay(Duration.ofMillis(1))
                .attempts(3);
    }

    @BeforeEach
    void start() throws Exception {
        server = new FakeVertexServer();
        client = clientFor(server).adapterSize(4).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void createSendsASupervisedTuningJobAndKeepsTheNameTheApiReturns() {
        FineTuneJob job = client.create(FineTuneRequest.builder("gemini-2.5-flash", TRAIN)
                .validationFileId(VALID)
                .hyperparameters(Hyperparameters.AUTO.withEpochs(3).withLearningRateMultiplier(0.5))
                .suffix("support-bot")
                .metadata("team", "support")
                .build());

        List<FakeVertexServer.Request> posts = server.requests("POST", "/tuningJobs");
        assertThat(posts).hasSize(1);
        FakeVertexServer.Request post = posts.get(0);
        assertThat(post.path()).isEqualTo("/v1beta1/projects/tuneloop-test/locations/us-central1/tuningJobs");
        assertThat(post.authorization()).isEqualTo("Bearer " + FakeVertexServer.TOKEN);
        JsonNode body = post.json();
        assertThat(body.path("baseModel").asText()).isEqualTo("gemini-2.5-flash");
        JsonNode spec = body.path("supervisedTuningSpec");
        assertThat(spec.path("trainingDatasetUri").asText()).isEqualTo(TRAIN);
        assertThat(spec.path("validationDatasetUri").asText()).isEqualTo(VALID);
        assertThat(spec.path("hyperParameters").path("epochCount").asInt()).isEqualTo(3);
        assertThat(spec.path("hyperParameters").path("learningRateMultiplier").asDouble())
                .isEqualTo(0.5);
        assertThat(spec.path("hyperParameters").path("adapterSize").asText()).isEqualTo("ADAPTER_SIZE_FOUR");
        assertThat(body.path("tunedModelDisplayName").asText()).isEqualTo("support-bot");
        assertThat(body.path("labels").path("team").asText()).isEqualTo("support");
        assertThat(body.path("labels").path(VertexFineTuneClient.REQUEST_LABEL).asText())
                .matches("[0-9a-f-]{36}");
        assertThat(body.has("preferenceOptimizationSpec")).isFalse();

        assertThat(job.id())
                .isEqualTo("projects/" + FakeVertexServer.PROJECT_NUMBER + "/locations/us-central1/tuningJobs/1000");
        assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(job.method()).isEqualTo(FineTuneMethod.SUPERVISED);
        assertThat(job.baseModel()).isEqualTo("gemini-2.5-flash");
        assertThat(job.trainingFileId()).isEqualTo(TRAIN);
        assertThat(job.validationFileId()).isEqualTo(VALID);
        assertThat(job.suffix()).isEqualTo("support-bot");
        assertThat(job.hyperparameters().nEpochs().number()).isEqualTo(3);

        // the returned name (project number, not id) is what get uses, unchanged
        FineTuneJob again = client.get(job.id());
        assertThat(again.id()).isEqualTo(job.id());
        assertThat(server.requests("GET", "/tuningJobs/1000").get(0).path()).isEqualTo("/v1beta1/" + job.id());
    }

    @Test
    void createSendsAPreferenceTuningJobWithBeta() {
        FineTuneJob job = client.create(FineTuneRequest.builder("gemini-2.5-flash", TRAIN)
                .method(FineTuneMethod.DPO)
                .hyperparameters(Hyperparameters.AUTO.withEpochs(2).withBeta(0.1))
                .build());

        JsonNode body = server.requests("POST", "/tuningJobs").get(0).json();
        JsonNode spec = body.path("preferenceOptimizationSpec");
        assertThat(spec.path("trainingDatasetUri").asText()).isEqualTo(TRAIN);
        assertThat(spec.path("hyperParameters").path("epochCount").asInt()).isEqualTo(2);
        assertThat(spec.path("hyperParameters").path("beta").asDouble())
                .isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(spec.path("hyperParameters").path("adapterSize").asText()).isEqualTo("ADAPTER_SIZE_FOUR");
        assertThat(body.has("supervisedTuningSpec")).isFalse();
        assertThat(job.method()).isEqualTo(FineTuneMethod.DPO);
        assertThat(job.hyperparameters().beta().number()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void settingsVertexCannotTakeAreRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> client.create(FineTuneRequest.builder("gemini-2.5-flash", TRAIN)
                        .seed(7)
                        .build()))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("seed is not supported");
        assertThatThrownBy(() -> client.create(FineTuneRequest.builder("gemini-2.5-flash", "file-abc123")
                        .build()))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("trainingFileId must be a gs://bucket/object URI");
        assertThatThrownBy(() -> client.create(FineTuneRequest.builder("gemini-2.5-flash", TRAIN)
                        .method(FineTuneMethod.DPO)
                        .hyperparameters(Hyperparameters.AUTO.withBatchSize(8))
                        .build()))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("hyperparameters.batchSize applies only to supervised tuning");
        assertThatThrownBy(() -> client.create(FineTuneRequest.builder("gemini-2.5-flash", TRAIN)
                        .metadata("Team Name", "x")
                        .build()))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("metadata key \"Team Name\" must be a Vertex AI label key");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void everyJobStateMapsAndAnUnknownOneIsKeptAsText() {
        String name = client.create(
                        FineTuneRequest.builder("gemini-2.5-flash", TRAIN).build())
                .id();
        String[][] cases = {
            {"JOB_STATE_QUEUED", "QUEUED"},
            {"JOB_STATE_PENDING", "QUEUED"},
            {"JOB_STATE_RUNNING", "RUNNING"},
            {"JOB_STATE_UPDATING", "RUNNING"},
            {"JOB_STATE_CANCELLING", "RUNNING"},
            {"JOB_STATE_PAUSED", "UNKNOWN"},
            {"JOB_STATE_UNSPECIFIED", "UNKNOWN"},
            {"JOB_STATE_HIBERNATING", "UNKNOWN"},
            {"JOB_STATE_SUCCEEDED", "SUCCEEDED"},
            {"JOB_STATE_FAILED", "FAILED"},
            {"JOB_STATE_EXPIRED", "FAILED"},
            {"JOB_STATE_PARTIALLY_SUCCEEDED", "FAILED"},
            {"JOB_STATE_CANCELLED", "CANCELLED"},
        };
        for (String[] c : cases) {
            server.update(name, c[0], "{}");
            FineTuneJob job = client.get(name);
            assertThat(job.status()).as(c[0]).isEqualTo(JobStatus.valueOf(c[1]));
            if (job.status() == JobStatus.UNKNOWN) {
                assertThat(job.rawStatus()).isEqualTo(c[0]);
            }
            assertThat(job.isTerminal()).as(c[0]).isEqualTo(job.status().isTerminal());
        }
    }

    @Test
    void aSucceededJobRecordsTheTunedEndpointTokensCheckpointsEventsAndModel() {
        String name = client.create(
                        FineTuneRequest.builder("gemini-2.5-flash", TRAIN).build())
                .id();
        server.update(name, "JOB_STATE_RUNNING", "{}");
        server.update(
                name,
                "JOB_STATE_SUCCEEDED",
                "{\"tunedModel\":{\"model\":\"projects/123456789012/locations/us-central1/models/77@1\","
                        + "\"endpoint\":\"projects/123456789012/locations/us-central1/endpoints/88\","
                        + "\"checkpoints\":[{\"checkpointId\":\"2\",\"epoch\":\"2\",\"step\":\"20\","
                        + "\"endpoint\":\"projects/123456789012/locations/us-central1/endpoints/82\"},"
                        + "{\"checkpointId\":\"1\",\"epoch\":\"1\",\"step\":\"10\","
                        + "\"endpoint\":\"projects/123456789012/locations/us-central1/endpoints/81\"}]},"
                        + "\"tuningDataStats\":{\"supervisedTuningDataStats\":{\"totalBillableTokenCount\":\"4242\"}}}");

        FineTuneJob job = client.get(name);
        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(job.fineTunedModel()).isEqualTo("projects/123456789012/locations/us-central1/endpoints/88");
        assertThat(job.trainedTokens()).isEqualTo(4242L);
        assertThat(job.finishedAt()).isNotNull();

        List<Checkpoint> checkpoints = client.checkpoints(name);
        assertThat(checkpoints).extracting(Checkpoint::stepNumber).containsExactly(10L, 20L);
        assertThat(checkpoints.get(0).model()).endsWith("/endpoints/81");
        assertThat(checkpoints.get(0).jobId()).isEqualTo(name);

        List<JobEvent> events = client.events(name);
        assertThat(events).extracting(JobEvent::id).containsExactly(name + "#created", name + "#ended");
        assertThat(events.get(1).message()).contains("SUCCEEDED");

        assertThat(client.listModels())
                .extracting(ModelInfo::id)
                .containsExactly("projects/123456789012/locations/us-central1/endpoints/88");
    }

    @Test
    void aFailedJobCarriesTheProvidersErrorCodeAndMessage() {
        String name = client.create(
                        FineTuneRequest.builder("gemini-2.5-flash", TRAIN).build())
                .id();
        server.update(
                name,
                "JOB_STATE_FAILED",
                "{\"error\":{\"code\":3,\"message\":\"Dataset line 7 is invalid: contents must alternate.\"}}");
        FineTuneJob job = client.get(name);
        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.errorCode()).isEqualTo("3");
        assertThat(job.errorMessage()).contains("line 7");
        assertThat(client.events(name).get(1).level()).isEqualTo("error");
    }

    @Test
    void listReadsEveryPage() {
        VertexFineTuneClient paged = clientFor(server).pageSize(2).build();
        try (paged) {
            for (int i = 0; i < 5; i++) {
                paged.create(FineTuneRequest.builder("gemini-2.5-flash", TRAIN).build());
            }
            List<FineTuneJob> jobs = paged.listJobs();
            assertThat(jobs).hasSize(5);
            assertThat(jobs.get(0).id()).endsWith("/tuningJobs/1004"); // newest first, as the API lists
            assertThat(jobs).extracting(FineTuneJob::id).doesNotHaveDuplicates();
            List<FakeVertexServer.Request> lists = server.requests("GET", "/tuningJobs").stream()
                    .filter(r -> !r.path().matches(".*/tuningJobs/[0-9]+"))
                    .toList();
            assertThat(lists).hasSize(3);
            assertThat(lists.get(0).query()).contains("pageSize=2").doesNotContain("pageToken");
            assertThat(lists.get(1).query()).contains("pageToken=2");
            assertThat(lists.get(2).query()).contains("pageToken=4");
        }
    }

    @Test
    void cancelCancelsARunningJobAndRefusesAFinishedOne() {
        String name = client.create(
                        FineTuneRequest.builder("gemini-2.5-flash", TRAIN).build())
                .id();
        server.update(name, "JOB_STATE_RUNNING", "{}");
        FineTuneJob cancelled = client.cancel(name);
        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(server.requests("POST", ":cancel")).hasSize(1);

        assertThatThrownBy(() -> client.cancel(name))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining(name)
                .hasMessageContaining("CANCELLED");
    }

    @Test
    void aCancelTheApiRefusesForTheJobsStateIsAConflict() {
        String name = client.create(
                        FineTuneRequest.builder("gemini-2.5-flash", TRAIN).build())
                .id();
        server.update(name, "JOB_STATE_RUNNING", "{}");
        // the job finishes between this client's read and its cancel call
        server.finishBeforeNextCancel();
        assertThatThrownBy(() -> client.cancel(name))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("FAILED_PRECONDITION");
    }

    @Test
    void unknownJobIsNotFound() {
        assertThatThrownBy(() -> client.get("projects/123456789012/locations/us-central1/tuningJobs/999"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("tuningJobs/999");
        assertThatThrownBy(() -> client.cancel("projects/123456789012/locations/us-central1/tuningJobs/999"))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> client.events("projects/123456789012/locations/us-central1/tuningJobs/999"))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void refusedCredentialsAreAnAuthenticationErrorThatNamesNoToken() {
        String secret = "ya29.this-is-a-secret-token";
        try (VertexFineTuneClient wrong = VertexFineTuneClient.builder(
                        "tuneloop-test", "us-central1", new MemoryStager())
                .credentials(testCredentials(secret))
                .baseUrl(server.baseUrl())
                .retryDelay(Duration.ofMillis(1))
                .build()) {
            assertThatThrownBy(() -> wrong.listJobs())
                    .isInstanceOf(ProviderAuthenticationException.class)
                    .hasMessageContaining("refused the credentials")
                    .hasMessageNotContaining(secret)
                    .hasNoCause();
            assertThat(wrong.toString()).doesNotContain(secret).contains("tuneloop-test");
            assertThat(server.requests().get(0).authorization()).isEqualTo("Bearer " + secret);
        }
    }

    @Test
    void aPermissionDenialIsAnAuthenticationErrorToo() {
        server.failNext(403, "PERMISSION_DENIED", "Permission 'aiplatform.tuningJobs.list' denied on resource.");
        assertThatThrownBy(() -> client.listJobs())
                .isInstanceOf(ProviderAuthenticationException.class)
                .hasMessageContaining("aiplatform.tuningJobs.list");
    }

    @Test
    void aRejectedParameterIsNamed() {
        server.failNext(400, "INVALID_ARGUMENT", "epochCount must be between 1 and 100, got 500.");
        assertThatThrownBy(() -> client.create(FineTuneRequest.builder("gemini-2.5-flash", TRAIN)
                        .hyperparameters(Hyperparameters.AUTO.withEpochs(500))
                        .build()))
                .isInstanceOfSatisfying(ProviderRejectedException.class, e -> {
                    assertThat(e.parameter()).contains("epochCount");
                    assertThat(e.code()).contains("INVALID_ARGUMENT");
                    assertThat(e.getMessage()).contains("epochCount must be between 1 and 100");
                });
        server.failNext(
                400,
                "INVALID_ARGUMENT",
                "Invalid value at 'tuning_job.supervised_tuning_spec.hyper_parameters.learning_rate_multiplier'"
                        + " (TYPE_DOUBLE), \"x\"");
        assertThatThrownBy(() -> client.create(
                        FineTuneRequest.builder("gemini-2.5-flash", TRAIN).build()))
                .isInstanceOfSatisfying(
                        ProviderRejectedException.class,
                        e -> assertThat(e.parameter())
                                .contains(
                                        "tuning_job.supervised_tuning_spec.hyper_parameters.learning_rate_multiplier"));
        assertThat(server.jobCount()).isZero();
    }

    @Test
    void aBaseModelVertexCannotTuneIsUnavailable() {
        server.failNext(
                400, "INVALID_ARGUMENT", "Base model gemini-1.0-pro-002 is not supported for supervised tuning.");
        assertThatThrownBy(() -> client.create(
                        FineTuneRequest.builder("gemini-1.0-pro-002", TRAIN).build()))
                .isInstanceOf(FineTuningUnavailableException.class)
                .hasMessageContaining("Vertex AI does not offer tuning")
                .hasMessageContaining("gemini-1.0-pro-002")
                .hasMessageNotContaining("OpenAI");
    }

    @Test
    void rateLimitsAndOutagesAreRetriedThenRetriable() {
        // one 429 and one 503: the SDK retries reads, the list succeeds
        server.failNext(429, "RESOURCE_EXHAUSTED", "Quota exceeded for aiplatform.googleapis.com/tuning_requests.");
        server.failNext(503, "UNAVAILABLE", "The service is currently unavailable.");
        assertThat(client.listJobs()).isEmpty();

        // an outage that outlasts the attempts is retriable
        for (int i = 0; i < 3; i++) {
            server.failNext(503, "UNAVAILABLE", "The service is currently unavailable.");
        }
        assertThatThrownBy(() -> client.listJobs())
                .isInstanceOf(RetriableException.class)
                .hasMessageContaining("503");
        for (int i = 0; i < 3; i++) {
            server.failNext(429, "RESOURCE_EXHAUSTED", "Quota exceeded.");
        }
        assertThatThrownBy(() -> client.get("projects/123456789012/locations/us-central1/tuningJobs/1"))
                .isInstanceOf(RetriableException.class)
                .hasMessageContaining("429");
    }

    @Test
    void anUnreachableApiIsRetriable() {
        VertexFineTuneClient nowhere = VertexFineTuneClient.builder("tuneloop-test", "us-central1", new MemoryStager())
                .credentials(testCredentials(FakeVertexServer.TOKEN))
                .baseUrl("http://127.0.0.1:1/")
                .retryDelay(Duration.ofMillis(1))
                .attempts(2)
                .build();
        try (nowhere) {
            assertThatThrownBy(nowhere::listJobs).isInstanceOf(RetriableException.class);
        }
    }

    @Test
    void aCreateWhoseResponseWasLostIsFoundByItsLabelNotMadeTwice() {
        server.storeThenFailNextCreate(503, "UNAVAILABLE", "The service is currently unavailable.");
        FineTuneJob job =
                client.create(FineTuneRequest.builder("gemini-2.5-flash", TRAIN).build());

        assertThat(server.jobCount()).isEqualTo(1);
        assertThat(server.requests("POST", "/tuningJobs")).hasSize(1);
        assertThat(job.id()).endsWith("/tuningJobs/1000");
        FakeVertexServer.Request lookup = server.requests("GET", "/tuningJobs").get(0);
        assertThat(lookup.query()).contains("filter=labels." + VertexFineTuneClient.REQUEST_LABEL);
    }

    @Test
    void aCreateThatFailedBeforeStoringIsTriedAgainOnce() {
        server.failNext(500, "INTERNAL", "Internal error encountered.");
        FineTuneJob job =
                client.create(FineTuneRequest.builder("gemini-2.5-flash", TRAIN).build());

        assertThat(server.jobCount()).isEqualTo(1);
        List<FakeVertexServer.Request> posts = server.requests("POST", "/tuningJobs");
        assertThat(posts).hasSize(2);
        // both attempts carry the same request label
        assertThat(posts.get(0).json().path("labels"))
                .isEqualTo(posts.get(1).json().path("labels"));
        assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
    }
}
