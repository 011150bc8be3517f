package dev.tuneloop.vertex;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tuneloop.export.ExportFormat;
import dev.tuneloop.model.ChatModel;
import dev.tuneloop.route.Endpoint;
import dev.tuneloop.testsupport.ProviderEndToEndContract;
import dev.tuneloop.tune.FineTuneClient;
import dev.tuneloop.tune.FineTuneJob;
import dev.tuneloop.tune.Hyperparameters;
import dev.tuneloop.tune.Launch;
import dev.tuneloop.tune.LaunchRequest;
import dev.tuneloop.tune.ModelVersion;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The demo-like dataset launched end to end on a local server playing Vertex AI's tuning API and {@code
 * generateContent}: the launcher exports Gemini's format ({@link ExportFormat#GEMINI_SFT}), the real google-genai SDK
 * creates and polls the tuning job, and the evaluation and the routed requests call the base model and the tuned
 * model's endpoint through google-genai's {@code models.generateContent} ({@link GenAiChatModel}).
 */
class VertexEndToEndTest extends ProviderEndToEndContract {
    private FakeVertexServer server;
    private MemoryStager stager;
    private VertexFineTuneClient client;
    private ChatModel chat;

    @BeforeEach
    void start() throws Exception {
        server = new FakeVertexServer();
        server.advanceJobsThrough("JOB_STATE_QUEUED", "JOB_STATE_RUNNING", "JOB_STATE_RUNNING", "JOB_STATE_SUCCEEDED");
        server.onGenerateContent(this::answer);
        stager = new MemoryStager();
        client = VertexFineTuneClient.builder("tuneloop-test", "us-central1", stager)
                .credentials(VertexFineTuneClientTest.testCredentials(FakeVertexServer.TOKEN))
                .baseUrl(server.baseUrl())
                .retryDelay(java.time.Duration.ofMillis(1))
                .attempts(3)
                .build();
        chat = new GenAiChatModel(server.baseUrl(), FakeVertexServer.TOKEN);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Override
    protected FineTuneClient client() {
        return client;
    }

    @Override
    protected String baseModel() {
        return "gemini-2.5-flash";
    }

    @Override
    protected Endpoint endpoint() {
        return Endpoint.of("vertex", server.baseUrl());
    }

    @Override
    protected ChatModel chatModel() {
        return chat;
    }

    @Override
    protected ExportFormat exportFormat() {
        return ExportFormat.GEMINI_SFT;
    }

    @Override
    protected byte[] uploaded(String fileId) {
        byte[] bytes = stager.objects.get(fileId);
        assertThat(bytes).as("staged at " + fileId).isNotNull();
        return bytes;
    }

    @Override
    protected LaunchRequest.Builder launchRequest() {
        return super.launchRequest().hyperparameters(Hyperparameters.AUTO.withEpochs(3));
    }

    @Override
    protected void checkCreateRequest(Launch launch) {
        List<FakeVertexServer.Request> creates = server.requests("POST", "/tuningJobs");
        assertThat(creates).hasSize(1);
        JsonNode sent = creates.get(0).json();
        assertThat(sent.get("baseModel").asText()).isEqualTo(baseModel());
        assertThat(sent.at("/supervisedTuningSpec/trainingDatasetUri").asText())
                .isEqualTo(launch.trainingFile().id())
                .startsWith("gs://");
        assertThat(sent.at("/supervisedTuningSpec/hyperParameters/epochCount").asInt())
                .isEqualTo(3);
        assertThat(sent.get("tunedModelDisplayName").asText()).isEqualTo("sigmasight-v1");
        assertThat(sent.at("/labels/tuneloop-request").asText()).isNotBlank();
        assertThat(launch.job().id()).startsWith("projects/" + FakeVertexServer.PROJECT_NUMBER + "/");
    }

    @Override
    protected List<String> expectedStatusChanges() {
        // the client keeps a known JOB_STATE_* as Tuneloop's own status text: created JOB_STATE_PENDING ("queued"),
        // so JOB_STATE_QUEUED changes nothing, and neither does the second RUNNING poll
        return List.of("running=RUNNING", "succeeded=SUCCEEDED");
    }

    @Override
    protected void checkRegistryEntry(ModelVersion version, FineTuneJob job) {
        assertThat(version.fineTunedModel())
                .as("the tuned model's endpoint, the name generateContent takes")
                .startsWith("projects/" + FakeVertexServer.PROJECT_NUMBER + "/locations/us-central1/endpoints/");
    }
}
