package dev.tuneloop.together;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import dev.tuneloop.model.ChatModel;
import dev.tuneloop.openai.OpenAiChatModel;
import dev.tuneloop.openai.OpenAiClients;
import dev.tuneloop.route.Endpoint;
import dev.tuneloop.testsupport.ProviderEndToEndContract;
import dev.tuneloop.together.LocalTogetherServer.Received;
import dev.tuneloop.tune.FineTuneClient;
import dev.tuneloop.tune.FineTuneJob;
import dev.tuneloop.tune.Hyperparameters;
import dev.tuneloop.tune.Launch;
import dev.tuneloop.tune.LaunchRequest;
import dev.tuneloop.tune.ModelVersion;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The demo-like dataset launched end to end on a local server playing Together's fine-tuning API and its
 * OpenAI-compatible chat API: the real {@link TogetherFineTuneClient} trains, and the evaluation and the routed requests
 * go through {@code OpenAiClients.forEndpoint} at the server's address, as a host calls Together's serving.
 */
class TogetherEndToEndTest extends ProviderEndToEndContract {
    private static final String KEY = "tgp_v1_e2eSecretKey0123456789abcdef";

    private LocalTogetherServer server;
    private TogetherFineTuneClient client;
    private OpenAIClient chatClient;
    private ChatModel chat;

    @BeforeEach
    void start() throws Exception {
        server = new LocalTogetherServer(KEY);
        server.advanceJobsThrough("queued", "running", "running", "uploading", "completed");
        server.onChat(this::answer);
        client = TogetherFineTuneClient.builder(KEY)
                .baseUrl(server.baseUrl())
                .backoff(Duration.ZERO)
                .build();
        chatClient = OpenAiClients.forEndpoint(endpoint(), KEY).maxRetries(0).build();
        chat = OpenAiChatModel.create(chatClient);
    }

    @AfterEach
    void stop() {
        chatClient.close();
        client.close();
        server.close();
    }

    @Override
    protected FineTuneClient client() {
        return client;
    }

    @Override
    protected String baseModel() {
        return TogetherContractTest.BASE;
    }

    @Override
    protected Endpoint endpoint() {
        return Endpoint.of("together", server.baseUrl());
    }

    @Override
    protected ChatModel chatModel() {
        return chat;
    }

    @Override
    protected byte[] uploaded(String fileId) {
        return server.content(fileId);
    }

    @Override
    protected LaunchRequest.Builder launchRequest() {
        return super.launchRequest().hyperparameters(Hyperparameters.AUTO.withEpochs(3));
    }

    @Override
    protected void checkCreateRequest(Launch launch) {
        List<Received> creates = server.received().stream()
                .filter(r -> r.method().equals("POST") && r.path().equals("/v1/fine-tunes"))
                .toList();
        assertThat(creates).hasSize(1);
        JsonNode sent = read(creates.get(0).text());
        assertThat(sent.get("model").asText()).isEqualTo(baseModel());
        assertThat(sent.get("training_file").asText())
                .isEqualTo(launch.trainingFile().id());
        assertThat(sent.get("n_epochs").asInt()).isEqualTo(3);
        assertThat(sent.get("suffix").asText()).isEqualTo("sigmasight-v1");
        assertThat(sent.get("training_method").get("method").asText()).isEqualTo("sft");
        assertThat(sent.has("validation_file"))
                .as("the launch exported no validation file")
                .isFalse();
        assertThat(creates.get(0).header("Authorization")).isEqualTo("Bearer " + KEY);
    }

    @Override
    protected List<String> expectedStatusChanges() {
        // pending at create; the second "running" poll changes nothing
        return List.of("queued=QUEUED", "running=RUNNING", "uploading=RUNNING", "completed=SUCCEEDED");
    }

    private static JsonNode read(String json) {
        try {
            return LocalTogetherServer.JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    protected void checkRegistryEntry(ModelVersion version, FineTuneJob job) {
        assertThat(version.weightsUri())
                .as("Together offers the weights for download: the registry keeps where, without the key")
                .isEqualTo(server.baseUrl() + "/finetune/download?ft_id=" + job.id());
    }
}
