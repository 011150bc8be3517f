package dev.tuneloop.together;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tuneloop.curate.Category;
import dev.tuneloop.curate.ExampleId;
import dev.tuneloop.curate.ExampleRevision;
import dev.tuneloop.curate.ExampleStatus;
import dev.tuneloop.curate.QualityScore;
import dev.tuneloop.curate.Split;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.errors.RetriableException;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.export.ExportFormat;
import dev.tuneloop.export.ExportOptions;
import dev.tuneloop.export.ExportReport;
import dev.tuneloop.export.JsonlExporter;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.store.Store;
import dev.tuneloop.together.LocalTogetherServer.Failure;
import dev.tuneloop.together.LocalTogetherServer.Route;
import dev.tuneloop.tune.FineTuneJob;
import dev.tuneloop.tune.FineTuneMethod;
import dev.tuneloop.tune.FineTuneRequest;
import dev.tuneloop.tune.Hyperparameters;
import dev.tuneloop.tune.JobStatus;
import dev.tuneloop.tune.ProviderAuthenticationException;
import dev.tuneloop.tune.ProviderRejectedException;
import dev.tuneloop.tune.UploadedFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real client against the local Together server: the wire format, the status mapping, retries and files. */
class TogetherFineTuneClientTest {
    private static final String KEY = TogetherContractTest.KEY;
    private static final String BASE = TogetherContractTest.BASE;

    @TempDir
    Path dir;

    private LocalTogetherServer server;
    private TogetherFineTuneClient client;

    @BeforeEach
    void start() throws Exception {
        server = new LocalTogetherServer(KEY);
        client = TogetherFineTuneClient.builder(KEY)
                .baseUrl(server.baseUrl())
                .maxRetries(2)
                .backoff(Duration.ZERO)
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private UploadedFile upload(String jsonl) throws Exception {
        Path f = dir.resolve("train-" + UUID.randomUUID() + ".jsonl");
        Files.writeString(f, jsonl, StandardCharsets.UTF_8);
        return client.upload(f);
    }

    private static JsonNode lastBody(LocalTogetherServer server, String method, String path) throws Exception {
        List<LocalTogetherServer.Received> rs = server.received().stream()
                .filter(r -> r.method().equals(method) && r.path().equals(path))
                .toList();
        return LocalTogetherServer.JSON.readTree(rs.get(rs.size() - 1).body());
    }

    @Test
    void createSendsTheSpecsFieldsForASupervisedLoraJob() throws Exception {
        UploadedFile train = upload(FineTuneClientContractData.SUPERVISED);
        UploadedFile validation = upload(FineTuneClientContractData.SUPERVISED);
        TogetherOptions options = TogetherOptions.builder()
                .lora(new TogetherOptions.Lora(16, 32, 0.05, "all-linear"))
                .nCheckpoints(2)
                .warmupRatio(0.1)
                .trainOnInputs(false)
                .build();

        FineTuneJob job = client.create(
                FineTuneRequest.builder(BASE, train.id())
                        .validationFileId(validation.id())
                        .suffix("sigmasight-v1")
                        .seed(42)
                        .hyperparameters(Hyperparameters.AUTO
                                .withEpochs(3)
                                .withBatchSize(8)
                                .withLearningRateMultiplier(2))
                        .build(),
                options);

        JsonNode sent = lastBody(server, "POST", "/v1/fine-tunes");
        JsonNode expected = LocalTogetherServer.JSON.readTree(("{'model':'" + BASE + "','training_file':'"
                        + train.id() + "','validation_file':'" + validation.id() + "','n_epochs':3,"
                        + "'n_checkpoints':2,'batch_size':8,'learning_rate':2.0E-5,'warmup_ratio':0.1,"
                        + "'suffix':'sigmasight-v1','random_seed':42,"
                        + "'training_method':{'method':'sft','train_on_inputs':false},"
                        + "'training_type':{'type':'Lora','lora_r':16,'lora_alpha':32,'lora_dropout':0.05,"
                        + "'lora_trainable_modules':'all-linear'}}")
                .replace('\'', '"'));
        assertThat(sent).isEqualTo(expected);
        assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(job.rawStatus()).isEqualTo("pending");
        assertThat(job.hyperparameters().nEpochs().number()).isEqualTo(3);
        assertThat(job.validationFileId()).isEqualTo(validation.id());
        assertThat(job.suffix()).isEqualTo("sigmasight-v1");
    }

    @Test
    void createSendsDpoWithBetaAndFullTraining() throws Exception {
        UploadedFile train = upload(FineTuneClientContractData.PREFERENCE);

        FineTuneJob job = client.create(
                FineTuneRequest.builder(BASE, train.id())
                        .method(FineTuneMethod.DPO)
                        .hyperparameters(Hyperparameters.AUTO.withBeta(0.2))
                        .build(),
                TogetherOptions.builder().fullTraining().build());

        JsonNode sent = lastBody(server, "POST", "/v1/fine-tunes");
        assertThat(sent.get("training_method").toString()).isEqualTo("{\"method\":\"dpo\",\"dpo_beta\":0.2}");
        assertThat(sent.get("training_type").toString()).isEqualTo("{\"type\":\"Full\"}");
        assertThat(sent.has("n_epochs"))
                .as("auto settings are left to Together")
                .isFalse();
        assertThat(sent.has("train_on_inputs")).as("deprecated top-level field").isFalse();
        assertThat(job.method()).isEqualTo(FineTuneMethod.DPO);
        assertThat(job.hyperparameters().beta().number()).isEqualTo(0.2);
    }

    @Test
    void everyTogetherStatusMapsOntoOurs() {
        Map<String, JobStatus> table = Map.ofEntries(
                Map.entry("pending", JobStatus.QUEUED),
                Map.entry("queued", JobStatus.QUEUED),
                Map.entry("running", JobStatus.RUNNING),
                Map.entry("compressing", JobStatus.RUNNING),
                Map.entry("uploading", JobStatus.RUNNING),
                Map.entry("cancel_requested", JobStatus.RUNNING),
                Map.entry("cancelled", JobStatus.CANCELLED),
                Map.entry("error", JobStatus.FAILED),
                Map.entry("user_error", JobStatus.FAILED),
                Map.entry("completed", JobStatus.SUCCEEDED),
                Map.entry("paused_by_operator", JobStatus.UNKNOWN));
        table.forEach((raw, expected) -> {
            FineTuneJob job = client.get(server.addJob(raw, BASE));
            assertThat(job.status()).as(raw).isEqualTo(expected);
            assertThat(job.rawStatus()).isEqualTo(raw);
        });
    }

    @Test
    void aCompletedJobCarriesTheOutputModelAndAWeightsReference() {
        String id = server.addJob("completed", BASE);

        FineTuneJob job = client.get(id);

        assertThat(job.fineTunedModel())
                .isEqualTo(server.job(id).get("model_output_name").asText());
        assertThat(job.finishedAt()).isNotNull();
        assertThat(client.weightsDownload(id).toString())
                .isEqualTo(server.baseUrl() + "/finetune/download?ft_id=" + id);
        FineTuneJob running = client.get(server.addJob("running", BASE));
        assertThat(running.fineTunedModel()).as("named only once it completed").isNull();
    }

    @Test
    void todaysSupervisedAndPreferenceExportsAreAcceptedUnchanged() throws Exception {
        Store store = Store.inMemory();
        for (int n = 1; n <= 3; n++) {
            TrainingExample e = example(n);
            store.examples()
                    .insert(e, new ExampleRevision(e.id(), 1, e.createdAt(), "reviewer", List.of("quality"), null));
        }
        JsonlExporter exporter = JsonlExporter.create(store.examples());
        for (ExportFormat format : List.of(ExportFormat.SUPERVISED, ExportFormat.PREFERENCE)) {
            Path file = dir.resolve(format.name().toLowerCase(java.util.Locale.ROOT) + ".jsonl");
            ExportReport report = exporter.export(
                    ExportOptions.builder().minExamples(0).format(format).build(), file);
            assertThat(report.written()).as(format.name()).isEqualTo(3);

            UploadedFile uploaded = client.upload(file);

            assertThat(server.content(uploaded.id()))
                    .as("the server-side check accepted the export byte for byte: " + format)
                    .isEqualTo(Files.readAllBytes(file));
            assertThat(ServerFileCheck.problem(Files.readAllBytes(file))).isNull();
        }
    }

    private static TrainingExample example(int n) {
        Instant t = Instant.parse("2026-11-01T10:00:00Z");
        return new TrainingExample(
                new ExampleId(new UUID(0x7000L | ((long) n << 16), 0x8000000000000000L | n)),
                new InteractionId(new UUID(0x7000L | ((long) n << 16), 0x8000000000000001L + n)),
                "user-" + n,
                ExampleStatus.APPROVED,
                Split.TRAIN,
                t,
                "You are a financial analyst assistant.",
                List.of(),
                "What was revenue in quarter " + n + "?",
                List.of(),
                "Revenue was $" + n + "B.",
                "Revenue was $" + n + ".0B, per the 10-Q.",
                null,
                "gpt-4o-mini",
                Category.SEC_10Q,
                QualityScore.of(8),
                "reviewer",
                null,
                null,
                t,
                t.plusSeconds(n),
                1);
    }

    @Test
    void aFileTogetherWouldRefuseFailsBeforeAnyRequestNamingTheLine() throws Exception {
        Path f = dir.resolve("bad.jsonl");
        Files.writeString(f, FineTuneClientContractData.SUPERVISED + "{\"question\":\"no format\"}\n");

        assertThatThrownBy(() -> client.upload(f))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("bad.jsonl line 3")
                .hasMessageContaining("format");
        assertThat(server.received()).isEmpty();
    }

    @Test
    void aParameterNamedByTheErrorIsKeptAndTheKeyInAMessageIsMasked() throws Exception {
        UploadedFile train = upload(FineTuneClientContractData.SUPERVISED);
        server.fail(
                Route.CREATE,
                new Failure(400, "invalid_request_error", "lora_r too high for key " + KEY, "lora_r", "bad_value"),
                1);

        Throwable t = catchThrowable(
                () -> client.create(FineTuneRequest.builder(BASE, train.id()).build()));

        assertThat(t).isInstanceOf(ProviderRejectedException.class);
        assertThat(((ProviderRejectedException) t).parameter()).contains("lora_r");
        assertThat(t.getMessage()).doesNotContain(KEY).contains("***");
    }

    @Test
    void aWrongKeyIsRefusedWithoutShowingIt() {
        TogetherFineTuneClient wrong = TogetherFineTuneClient.builder("tgp_v1_wrongKey987654321")
                .baseUrl(server.baseUrl())
                .build();

        Throwable t = catchThrowable(wrong::listJobs);

        assertThat(t).isInstanceOf(ProviderAuthenticationException.class);
        assertThat(t.getMessage()).doesNotContain("wrongKey987654321");
        assertThat(wrong.toString()).doesNotContain("wrongKey");
    }

    @Test
    void aCreateIsNotRetriedAfterAServerErrorSoNoJobStartsTwice() throws Exception {
        UploadedFile train = upload(FineTuneClientContractData.SUPERVISED);
        server.fail(Route.CREATE, new Failure(500, "server_error", "boom", null, null), 1);

        assertThatThrownBy(() ->
                        client.create(FineTuneRequest.builder(BASE, train.id()).build()))
                .isInstanceOf(RetriableException.class);
        assertThat(server.received().stream()
                        .filter(r -> r.path().equals("/v1/fine-tunes"))
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aRateLimitedCreateIsRetried() throws Exception {
        UploadedFile train = upload(FineTuneClientContractData.SUPERVISED);
        server.fail(Route.CREATE, new Failure(429, "rate_limit", "slow down", null, null), 1);

        FineTuneJob job =
                client.create(FineTuneRequest.builder(BASE, train.id()).build());

        assertThat(job.baseModel()).isEqualTo(BASE);
        assertThat(server.received().stream()
                        .filter(r -> r.path().equals("/v1/fine-tunes"))
                        .count())
                .isEqualTo(2);
    }

    @Test
    void anUploadAnsweredWithASignedStorageRedirectIsFinishedWithoutSendingTheKeyThere() throws Exception {
        server.signedUploads();

        UploadedFile f = upload(FineTuneClientContractData.SUPERVISED);

        assertThat(server.content(f.id()))
                .isEqualTo(FineTuneClientContractData.SUPERVISED.getBytes(StandardCharsets.UTF_8));
        assertThat(f.filename()).startsWith("train-").endsWith(".jsonl");
        assertThat(server.received())
                .extracting(r -> r.method() + " " + r.path().replaceAll("file-[0-9a-f-]+", "ID"))
                .containsExactly("POST /v1/files/upload", "PUT /storage/ID", "POST /v1/files/ID/preprocess");
        assertThat(server.received().get(1).header("Authorization"))
                .as("the key never goes to the storage address")
                .isNull();
    }

    @Test
    void uploadSendsTheSpecsMultipartFields() throws Exception {
        UploadedFile f = upload(FineTuneClientContractData.SUPERVISED);

        LocalTogetherServer.Received r = server.received().get(0);
        assertThat(r.path()).isEqualTo("/v1/files/upload");
        assertThat(r.header("Authorization")).isEqualTo("Bearer " + KEY);
        String boundary =
                r.header("Content-Type").substring(r.header("Content-Type").indexOf('=') + 1);
        Map<String, byte[]> parts = Multipart.parse(r.body(), boundary);
        assertThat(parts.keySet()).containsExactly("purpose", "file_name", "file_type", "file");
        assertThat(new String(parts.get("purpose"), StandardCharsets.UTF_8)).isEqualTo("fine-tune");
        assertThat(new String(parts.get("file_type"), StandardCharsets.UTF_8)).isEqualTo("jsonl");
        assertThat(f.purpose()).isEqualTo("fine-tune");
    }
}
