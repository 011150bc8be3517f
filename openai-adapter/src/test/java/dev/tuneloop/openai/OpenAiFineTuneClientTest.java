package dev.tuneloop.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import dev.tuneloop.errors.ConflictException;
import dev.tuneloop.errors.NotFoundException;
import dev.tuneloop.errors.RetriableException;
import dev.tuneloop.errors.TuneloopException;
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
import dev.tuneloop.tune.UploadedFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real openai-java client against a local server that plays the OpenAI API. */
class OpenAiFineTuneClientTest {
    private static final String KEY = "sk-test-0123456789abcdefSECRET";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JOBS = "/v1/fine_tuning/jobs";

    @TempDir
    Path dir;

    private LocalOpenAiServer server;
    private NoSleep sleeper;
    private OpenAIClient sdk;
    private OpenAiFineTuneClient client;

    @BeforeEach
    void start() throws Exception {
        server = new LocalOpenAiServer();
        sleeper = new NoSleep();
        sdk = OpenAiClients.builder()
                .baseUrl(server.baseUrl())
                .apiKey(KEY)
                .organization("org-test")
                .maxRetries(2)
                .sleeper(sleeper)
                .build();
        client = OpenAiFineTuneClient.create(sdk);
    }

    @AfterEach
    void stop() {
        sdk.close();
        server.close();
    }

    static String job(String id, String status, String extra) {
        return "{\"id\":\"" + id + "\",\"object\":\"fine_tuning.job\",\"created_at\":1714564800,\"error\":null,"
                + "\"fine_tuned_model\":null,\"finished_at\":null,\"model\":\"gpt-4o-mini-2024-07-18\","
                + "\"organization_id\":\"org-test\",\"result_files\":[],\"seed\":42,\"status\":\"" + status + "\","
                + "\"trained_tokens\":null,\"training_file\":\"file-abc\",\"validation_file\":null,"
                + "\"estimated_finish\":null" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    private static final String SUPERVISED_METHOD = "\"hyperparameters\":{\"n_epochs\":3,\"batch_size\":\"auto\","
            + "\"learning_rate_multiplier\":\"auto\"},\"method\":{\"type\":\"supervised\",\"supervised\":"
            + "{\"hyperparameters\":{\"n_epochs\":3,\"batch_size\":\"auto\",\"learning_rate_multiplier\":\"auto\"}}}";

    @Test
    void uploadsTheFileAsMultipartWithPurposeFineTune() throws Exception {
        Path file = dir.resolve("train.jsonl");
        String content = "{\"messages\":[{\"role\":\"user\",\"content\":\"é?\"}]}\n";
        Files.writeString(file, content);
        server.answer(
                "POST /v1/files",
                200,
                "{\"id\":\"file-abc\",\"object\":\"file\",\"bytes\":"
                        + Files.size(file) + ",\"created_at\":1714564800,\"filename\":\"train.jsonl\","
                        + "\"purpose\":\"fine-tune\",\"status\":\"processed\"}");

        UploadedFile uploaded = client.upload(file);

        assertThat(uploaded)
                .isEqualTo(new UploadedFile(
                        "file-abc", "train.jsonl", Files.size(file), "fine-tune", Instant.ofEpochSecond(1714564800)));
        LocalOpenAiServer.Recorded r = server.requests("POST /v1/files").get(0);
        assertThat(r.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(r.header("OpenAI-Organization")).isEqualTo("org-test");
        assertThat(r.header("Content-Type")).startsWith("multipart/form-data");
        String body = r.bodyText();
        assertThat(body).containsPattern("name=\"purpose\"\\r\\n(?:[^\\r\\n]+\\r\\n)*\\r\\nfine-tune\\r\\n");
        assertThat(body).contains("name=\"file\"; filename=\"train.jsonl\"");
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        assertThat(body).contains(new String(bytes, StandardCharsets.ISO_8859_1));
    }

    @Test
    void createsASupervisedJobWithSettingsUnderMethod() throws Exception {
        server.answer("POST " + JOBS, 200, job("ftjob-1", "validating_files", SUPERVISED_METHOD));

        FineTuneJob created = client.create(FineTuneRequest.builder("gpt-4o-mini-2024-07-18", "file-abc")
                .validationFileId("file-val")
                .suffix("sigmasight-v1")
                .seed(42)
                .hyperparameters(Hyperparameters.AUTO.withEpochs(3).withLearningRateMultiplier(1.5))
                .metadata("dataset", "sha-1")
                .build());

        JsonNode sent = JSON.readTree(server.requests("POST " + JOBS).get(0).body());
        assertThat(sent.get("model").asText()).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(sent.get("training_file").asText()).isEqualTo("file-abc");
        assertThat(sent.get("validation_file").asText()).isEqualTo("file-val");
        assertThat(sent.get("suffix").asText()).isEqualTo("sigmasight-v1");
        assertThat(sent.get("seed").asLong()).isEqualTo(42);
        assertThat(sent.get("metadata").get("dataset").asText()).isEqualTo("sha-1");
        assertThat(sent.has("hyperparameters"))
                .as("deprecated top-level hyperparameters")
                .isFalse();
        assertThat(sent.get("method").get("type").asText()).isEqualTo("supervised");
        JsonNode hp = sent.get("method").get("supervised").get("hyperparameters");
        assertThat(hp.get("n_epochs").asInt()).isEqualTo(3);
        assertThat(hp.get("learning_rate_multiplier").asDouble()).isEqualTo(1.5);
        assertThat(hp.has("batch_size"))
                .as("auto settings are left to the provider")
                .isFalse();

        assertThat(created.id()).isEqualTo("ftjob-1");
        assertThat(created.status()).isEqualTo(JobStatus.VALIDATING_FILES);
        assertThat(created.createdAt()).isEqualTo(Instant.ofEpochSecond(1714564800));
        assertThat(created.method()).isEqualTo(FineTuneMethod.SUPERVISED);
        assertThat(created.hyperparameters().nEpochs().number()).isEqualTo(3);
        assertThat(created.hyperparameters().batchSize().auto()).isTrue();
    }

    @Test
    void createsADpoJobAndReadsItsSettingsFromMethodNotTheDeprecatedField() throws Exception {
        // DPO jobs come back without the top-level "hyperparameters": reading it would throw
        server.answer(
                "POST " + JOBS,
                200,
                job(
                        "ftjob-2",
                        "queued",
                        "\"method\":{\"type\":\"dpo\",\"dpo\":"
                                + "{\"hyperparameters\":{\"beta\":0.1,\"n_epochs\":2,\"batch_size\":8,"
                                + "\"learning_rate_multiplier\":\"auto\"}}}"));

        FineTuneJob created = client.create(FineTuneRequest.builder("gpt-4.1-mini-2025-04-14", "file-abc")
                .method(FineTuneMethod.DPO)
                .hyperparameters(Hyperparameters.AUTO.withBeta(0.1))
                .build());

        JsonNode sent = JSON.readTree(server.requests("POST " + JOBS).get(0).body());
        assertThat(sent.get("model").asText()).isEqualTo("gpt-4.1-mini-2025-04-14");
        assertThat(sent.get("method").get("type").asText()).isEqualTo("dpo");
        assertThat(sent.get("method")
                        .get("dpo")
                        .get("hyperparameters")
                        .get("beta")
                        .asDouble())
                .isEqualTo(0.1);
        assertThat(created.method()).isEqualTo(FineTuneMethod.DPO);
        assertThat(created.hyperparameters().beta().number()).isEqualTo(0.1);
        assertThat(created.hyperparameters().nEpochs().number()).isEqualTo(2);
        assertThat(created.hyperparameters().batchSize().number()).isEqualTo(8);
        assertThat(created.hyperparameters().learningRateMultiplier().auto()).isTrue();
    }

    @Test
    void readsFinishedJobsAndKeepsUnknownStatusesAsText() {
        server.answer(
                "GET " + JOBS + "/ftjob-1",
                200,
                job("ftjob-1", "succeeded", SUPERVISED_METHOD)
                        .replace(
                                "\"fine_tuned_model\":null",
                                "\"fine_tuned_model\":\"ft:gpt-4o-mini-2024-07-18:org:sigmasight-v1:abc123\"")
                        .replace("\"finished_at\":null", "\"finished_at\":1714568400")
                        .replace("\"trained_tokens\":null", "\"trained_tokens\":150000"));
        server.answer("GET " + JOBS + "/ftjob-9", 200, job("ftjob-9", "pausing", SUPERVISED_METHOD));
        server.answer(
                "GET " + JOBS + "/ftjob-f",
                200,
                job("ftjob-f", "failed", SUPERVISED_METHOD)
                        .replace(
                                "\"error\":null",
                                "\"error\":{\"code\":\"invalid_training_file\",\"message\":"
                                        + "\"line 3 has no assistant message\",\"param\":\"training_file\"}"));

        FineTuneJob done = client.get("ftjob-1");
        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.fineTunedModel()).isEqualTo("ft:gpt-4o-mini-2024-07-18:org:sigmasight-v1:abc123");
        assertThat(done.suffix()).isEqualTo("sigmasight-v1");
        assertThat(done.finishedAt()).isEqualTo(Instant.ofEpochSecond(1714568400));
        assertThat(done.trainedTokens()).isEqualTo(150_000L);

        FineTuneJob unknown = client.get("ftjob-9");
        assertThat(unknown.status()).isEqualTo(JobStatus.UNKNOWN);
        assertThat(unknown.rawStatus()).isEqualTo("pausing");

        FineTuneJob failed = client.get("ftjob-f");
        assertThat(failed.errorCode()).isEqualTo("invalid_training_file");
        assertThat(failed.errorMessage()).isEqualTo("line 3 has no assistant message");
    }

    @Test
    void readsEveryPageOfEventsOldestFirst() {
        String e = "{\"id\":\"%s\",\"object\":\"fine_tuning.job.event\",\"created_at\":%d,\"level\":\"info\","
                + "\"message\":\"%s\",\"type\":\"message\"}";
        server.answer(
                "GET " + JOBS + "/ftjob-1/events",
                200,
                "{\"object\":\"list\",\"data\":["
                        + String.format(e, "ev-3", 1714564830, "Step 2/2") + ","
                        + String.format(e, "ev-2", 1714564820, "Step 1/2") + "],\"has_more\":true}");
        server.answer(
                "GET " + JOBS + "/ftjob-1/events",
                200,
                "{\"object\":\"list\",\"data\":[" + String.format(e, "ev-1", 1714564810, "Validating training file")
                        + "],\"has_more\":false}");

        List<JobEvent> events = client.events("ftjob-1");

        assertThat(events).extracting(JobEvent::id).containsExactly("ev-1", "ev-2", "ev-3");
        assertThat(events.get(0).message()).isEqualTo("Validating training file");
        List<LocalOpenAiServer.Recorded> calls = server.requests("GET " + JOBS + "/ftjob-1/events");
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).query()).contains("after=ev-2");
    }

    @Test
    void withoutHasMoreThePagerAsksUntilAnEmptyPage() {
        // the SDK's hasNextPage() is "has_more (true when absent) and the page is non-empty"
        String e = "{\"id\":\"%s\",\"object\":\"fine_tuning.job.event\",\"created_at\":%d,\"level\":\"warn\","
                + "\"message\":\"m\",\"type\":\"message\"}";
        server.answer(
                "GET " + JOBS + "/ftjob-1/events",
                200,
                "{\"object\":\"list\",\"data\":[" + String.format(e, "ev-2", 1714564820) + ","
                        + String.format(e, "ev-1", 1714564810) + "]}");
        server.answer("GET " + JOBS + "/ftjob-1/events", 200, "{\"object\":\"list\",\"data\":[]}");

        assertThat(client.events("ftjob-1")).extracting(JobEvent::id).containsExactly("ev-1", "ev-2");
        assertThat(server.requests("GET " + JOBS + "/ftjob-1/events")).hasSize(2);
    }

    @Test
    void readsEveryPageOfJobsAndCheckpoints() {
        server.answer(
                "GET " + JOBS,
                200,
                "{\"object\":\"list\",\"data\":[" + job("ftjob-3", "running", SUPERVISED_METHOD) + ","
                        + job("ftjob-2", "succeeded", SUPERVISED_METHOD) + "],\"has_more\":true}");
        server.answer(
                "GET " + JOBS,
                200,
                "{\"object\":\"list\",\"data\":[" + job("ftjob-1", "cancelled", SUPERVISED_METHOD)
                        + "],\"has_more\":false}");
        server.answer(
                "GET " + JOBS + "/ftjob-1/checkpoints",
                200,
                "{\"object\":\"list\",\"data\":["
                        + "{\"id\":\"ftckpt-2\",\"object\":\"fine_tuning.job.checkpoint\",\"created_at\":1714564900,"
                        + "\"fine_tuned_model_checkpoint\":\"ft:gpt-4o-mini:org:sfx:abc:ckpt-step-20\",\"fine_tuning_job_id\":"
                        + "\"ftjob-1\",\"metrics\":{\"step\":20,\"train_loss\":0.25},\"step_number\":20},"
                        + "{\"id\":\"ftckpt-1\",\"object\":\"fine_tuning.job.checkpoint\",\"created_at\":1714564850,"
                        + "\"fine_tuned_model_checkpoint\":\"ft:gpt-4o-mini:org:sfx:abc:ckpt-step-10\",\"fine_tuning_job_id\":"
                        + "\"ftjob-1\",\"metrics\":{\"step\":10,\"train_loss\":0.5},\"step_number\":10}],"
                        + "\"has_more\":false,\"first_id\":\"ftckpt-2\",\"last_id\":\"ftckpt-1\"}");

        assertThat(client.listJobs()).extracting(FineTuneJob::id).containsExactly("ftjob-3", "ftjob-2", "ftjob-1");
        assertThat(server.requests("GET " + JOBS)).hasSize(2);
        assertThat(server.requests("GET " + JOBS).get(1).query()).contains("after=ftjob-2");

        List<Checkpoint> cps = client.checkpoints("ftjob-1");
        assertThat(cps).extracting(Checkpoint::stepNumber).containsExactly(10L, 20L);
        assertThat(cps.get(0).metrics()).containsEntry("train_loss", 0.5);
        assertThat(cps.get(0).model()).isEqualTo("ft:gpt-4o-mini:org:sfx:abc:ckpt-step-10");
    }

    @Test
    void listsModels() {
        server.answer(
                "GET /v1/models",
                200,
                "{\"object\":\"list\",\"data\":["
                        + "{\"id\":\"gpt-4o-mini\",\"object\":\"model\",\"created\":1721172741,\"owned_by\":\"system\"},"
                        + "{\"id\":\"ft:gpt-4o-mini:org:sfx:abc\",\"object\":\"model\",\"created\":1721172800,"
                        + "\"owned_by\":\"org-test\"}]}");
        List<ModelInfo> models = client.listModels();
        assertThat(models).extracting(ModelInfo::id).containsExactly("gpt-4o-mini", "ft:gpt-4o-mini:org:sfx:abc");
        assertThat(models).filteredOn(ModelInfo::isFineTuned).hasSize(1);
    }

    @Test
    void cancelsAJob() {
        server.answer("POST " + JOBS + "/ftjob-1/cancel", 200, job("ftjob-1", "cancelled", SUPERVISED_METHOD));
        FineTuneJob cancelled = client.cancel("ftjob-1");
        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(server.requests("POST " + JOBS + "/ftjob-1/cancel")).hasSize(1);
    }

    @Test
    void cancellingAFinishedJobIsAConflict() {
        server.answer(
                "POST " + JOBS + "/ftjob-2/cancel",
                400,
                LocalOpenAiServer.error(
                        "Job ftjob-2 has already completed and cannot be cancelled.",
                        "invalid_request_error",
                        null,
                        null));
        assertThatThrownBy(() -> client.cancel("ftjob-2"))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("job ftjob-2 cannot be cancelled in its current state");
    }

    @Test
    void unauthorizedIsAnAuthenticationErrorThatNeverShowsTheKey() {
        server.answer(
                "GET " + JOBS + "/ftjob-1",
                401,
                LocalOpenAiServer.error(
                        "Incorrect API key provided: " + KEY
                                + ". You can find your API key at https://platform.openai.com/account/api-keys.",
                        "invalid_request_error",
                        "invalid_api_key",
                        null));

        assertThatThrownBy(() -> client.get("ftjob-1"))
                .isInstanceOf(ProviderAuthenticationException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("reading job ftjob-1")
                .satisfies(e -> {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage()))
                                .doesNotContain(KEY)
                                .doesNotContain("SECRET");
                    }
                });
        assertThat(server.requests()).hasSize(1);
        assertThat(client.toString()).doesNotContain(KEY);
        assertThat(OpenAiClients.builder().apiKey(KEY).toString())
                .doesNotContain(KEY)
                .contains("apiKey=set");
    }

    @Test
    void forbiddenFineTuningIsUnavailableInPlainWords() {
        server.answer(
                "POST " + JOBS,
                403,
                LocalOpenAiServer.error(
                        "Fine-tuning is not available for your organization.",
                        "invalid_request_error",
                        "fine_tuning_not_available",
                        null));

        assertThatThrownBy(() -> client.create(
                        FineTuneRequest.builder("gpt-4o-mini", "file-abc").build()))
                .isInstanceOf(FineTuningUnavailableException.class)
                .hasMessageStartingWith(
                        FineTuningUnavailableException.EXPLANATION + ". OpenAI is closing self-serve" + " fine-tuning")
                .hasMessageContaining("fine_tuning_not_available");
    }

    @Test
    void aModelThatCannotBeFineTunedIsUnavailable() {
        server.answer(
                "POST " + JOBS,
                400,
                LocalOpenAiServer.error(
                        "Model gpt-4o-2024-11-20 is not available for fine-tuning or does not exist.",
                        "invalid_request_error",
                        "model_not_available",
                        "model"));

        assertThatThrownBy(() -> client.create(
                        FineTuneRequest.builder("gpt-4o-2024-11-20", "file-abc").build()))
                .isInstanceOf(FineTuningUnavailableException.class)
                .hasMessageContaining("model_not_available");
    }

    @Test
    void aRejectedParameterIsNamed() {
        server.answer(
                "POST " + JOBS,
                400,
                LocalOpenAiServer.error(
                        "n_epochs must be at most 50",
                        "invalid_request_error",
                        "invalid_value",
                        "hyperparameters.n_epochs"));

        assertThatThrownBy(() -> client.create(FineTuneRequest.builder("gpt-4o-mini", "file-abc")
                        .hyperparameters(Hyperparameters.AUTO.withEpochs(80))
                        .build()))
                .isInstanceOfSatisfying(ProviderRejectedException.class, e -> {
                    assertThat(e.parameter()).contains("hyperparameters.n_epochs");
                    assertThat(e.code()).contains("invalid_value");
                })
                .hasMessageContaining("OpenAI rejected parameter hyperparameters.n_epochs")
                .hasMessageContaining("n_epochs must be at most 50");
        assertThat(server.requests()).as("400 is not retried").hasSize(1);
    }

    @Test
    void aRateLimitIsRetriedByTheSdkThenSucceeds() {
        server.answer(
                "GET " + JOBS + "/ftjob-1",
                429,
                LocalOpenAiServer.error("Rate limit reached", "requests", "rate_limit_exceeded", null));
        server.answer("GET " + JOBS + "/ftjob-1", 200, job("ftjob-1", "running", SUPERVISED_METHOD));

        assertThat(client.get("ftjob-1").status()).isEqualTo(JobStatus.RUNNING);
        assertThat(server.requests("GET " + JOBS + "/ftjob-1")).hasSize(2);
        assertThat(sleeper.sleeps()).hasSize(1);
    }

    @Test
    void serverErrorsBecomeRetriableOnceTheSdkRetriesAreSpent() {
        server.answer(
                "GET " + JOBS + "/ftjob-1",
                500,
                LocalOpenAiServer.error("The server had an error", "server_error", null, null));

        assertThatThrownBy(() -> client.get("ftjob-1"))
                .isInstanceOf(RetriableException.class)
                .hasMessageContaining("HTTP 500")
                .hasMessageContaining("after the client's retries");
        assertThat(server.requests()).as("1 try + maxRetries 2").hasSize(3);
        assertThat(sleeper.sleeps()).hasSize(2);
    }

    @Test
    void anExhaustedQuotaIsNotRetriable() {
        server.answer(
                "POST " + JOBS,
                429,
                LocalOpenAiServer.error(
                        "You exceeded your current quota", "insufficient_quota", "insufficient_quota", null));

        assertThatThrownBy(() -> client.create(
                        FineTuneRequest.builder("gpt-4o-mini", "file-abc").build()))
                .isInstanceOf(TuneloopException.class)
                .isNotInstanceOf(RetriableException.class)
                .hasMessageContaining("quota is exhausted");
    }

    @Test
    void anUnknownJobIsNotFound() {
        server.answer(
                "GET " + JOBS + "/ftjob-x",
                404,
                LocalOpenAiServer.error(
                        "Could not find job ftjob-x",
                        "invalid_request_error",
                        "fine_tuning_job_not_found",
                        "fine_tuning_job_id"));

        assertThatThrownBy(() -> client.get("ftjob-x"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("reading job ftjob-x");
    }

    @Test
    void anUnreachableServerIsRetriable() {
        server.close();
        assertThatThrownBy(() -> client.get("ftjob-1"))
                .isInstanceOf(RetriableException.class)
                .hasMessageContaining("could not be reached");
    }
}
