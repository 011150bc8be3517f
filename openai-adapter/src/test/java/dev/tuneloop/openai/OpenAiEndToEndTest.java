package dev.tuneloop.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import dev.tuneloop.model.ChatModel;
import dev.tuneloop.route.Endpoint;
import dev.tuneloop.testsupport.ProviderEndToEndContract;
import dev.tuneloop.tune.FineTuneClient;
import dev.tuneloop.tune.Hyperparameters;
import dev.tuneloop.tune.Launch;
import dev.tuneloop.tune.LaunchRequest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The demo-like dataset launched end to end on a local server playing OpenAI's files, fine-tuning and chat APIs, with
 * the real openai-java client: {@link OpenAiFineTuneClient} trains, {@link OpenAiChatModel} on a client for the
 * server's endpoint evaluates and serves the routed requests. The clock stands at 2026-12-01, before OpenAI's job
 * creation closes (2027-01-06).
 */
class OpenAiEndToEndTest extends ProviderEndToEndContract {
    private static final String KEY = "sk-test-e2e0123456789abcdefSECRET";

    private OpenAiContractServer server;
    private OpenAIClient sdk;
    private OpenAiFineTuneClient client;
    private ChatModel chat;

    @BeforeEach
    void start() throws Exception {
        server = new OpenAiContractServer(KEY);
        server.advanceJobsThrough("validating_files", "queued", "running", "running", "succeeded");
        server.onChat(this::answer);
        sdk = OpenAiClients.forEndpoint(endpoint(), KEY)
                .maxRetries(0)
                .sleeper(new NoSleep())
                .build();
        client = OpenAiFineTuneClient.create(sdk);
        chat = OpenAiChatModel.create(sdk);
    }

    @AfterEach
    void stop() {
        sdk.close();
        server.close();
    }

    @Override
    protected FineTuneClient client() {
        return client;
    }

    @Override
    protected String baseModel() {
        return "gpt-4o-mini-2024-07-18";
    }

    @Override
    protected Endpoint endpoint() {
        return Endpoint.of("openai", server.baseUrl());
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
        return super.launchRequest()
                .hyperparameters(Hyperparameters.AUTO.withEpochs(3))
                .seed(42);
    }

    @Override
    protected void checkCreateRequest(Launch launch) {
        List<JsonNode> creates = server.createRequests();
        assertThat(creates).hasSize(1);
        JsonNode sent = creates.get(0);
        assertThat(sent.get("model").asText()).isEqualTo(baseModel());
        assertThat(sent.get("training_file").asText())
                .isEqualTo(launch.trainingFile().id());
        assertThat(sent.get("suffix").asText()).isEqualTo("sigmasight-v1");
        assertThat(sent.get("seed").asLong()).isEqualTo(42);
        assertThat(sent.at("/method/type").asText()).isEqualTo("supervised");
        assertThat(sent.at("/method/supervised/hyperparameters/n_epochs").asInt())
                .isEqualTo(3);
    }

    @Override
    protected List<String> expectedStatusChanges() {
        // created validating_files; the first poll sees it again, the second "running" changes nothing
        return List.of("queued=QUEUED", "running=RUNNING", "succeeded=SUCCEEDED");
    }
}
