package dev.tuneloop.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.azure.AzureUrlPathMode;
import com.openai.client.OpenAIClient;
import dev.tuneloop.tune.FineTuneJob;
import dev.tuneloop.tune.FineTuneRequest;
import dev.tuneloop.tune.ModelLifecycle;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Azure OpenAI as the bridge: trainingType on create, the calendar's provider id, and the deployment step. */
class AzureBridgeTest {
    private static final String AZURE_KEY = "azure-key-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void sendsTheTrainingTypeOnCreateAndNamesTheProviderAzure() throws Exception {
        try (LocalOpenAiServer server = new LocalOpenAiServer()) {
            // the path depends on the SDK's Azure URL mode; the body is what this test is about
            for (String route : List.of(
                    "POST /openai/v1/fine_tuning/jobs",
                    "POST /openai/fine_tuning/jobs",
                    "POST /openai/deployments/gpt-4o-mini-2024-07-18/fine_tuning/jobs")) {
                server.answer(route, 200, OpenAiFineTuneClientTest.job("ftjob-az1", "validating_files", ""));
            }
            String endpoint = server.baseUrl().replace("/v1", "/openai/v1"); // https://my-resource…/openai/v1
            String azureKey = AZURE_KEY;
            // snippet:azure-training-type
            OpenAIClient azure = OpenAiClients.builder()
                    .azure(endpoint, azureKey)
                    .azureUrlPathMode(AzureUrlPathMode.UNIFIED) // endpoint ends with /openai/v1
                    .build();
            // globalstandard: trained in any region, cheaper; STANDARD keeps the data in the resource's region
            OpenAiFineTuneClient client = OpenAiFineTuneClient.azure(azure, AzureTrainingType.GLOBAL_STANDARD);
            FineTuneJob job = client.create(FineTuneRequest.builder("gpt-4o-mini-2024-07-18", "file-abc")
                    .build());
            // end-snippet:azure-training-type
            try {
                List<LocalOpenAiServer.Recorded> posts = server.requests("POST /openai/v1/fine_tuning/jobs");
                assertThat(posts).as("UNIFIED mode posts under /openai/v1").hasSize(1);
                JsonNode body = JSON.readTree(posts.get(0).bodyText());
                assertThat(body.get("trainingType").asText()).isEqualTo("globalstandard");
                assertThat(body.get("model").asText()).isEqualTo("gpt-4o-mini-2024-07-18");
                assertThat(job.id()).isEqualTo("ftjob-az1");
                assertThat(client.provider()).isEqualTo(ModelLifecycle.AZURE);
                assertThat(client.toString())
                        .isEqualTo("OpenAiFineTuneClient[provider=Azure OpenAI, trainingType=globalstandard]")
                        .doesNotContain(AZURE_KEY);
            } finally {
                azure.close();
            }
        }
    }

    @Test
    void theOtherTrainingTypesAndNoTypeForPlainClients() throws Exception {
        assertThat(AzureTrainingType.STANDARD.wire()).isEqualTo("standard");
        assertThat(AzureTrainingType.DEVELOPER.wire()).isEqualTo("developerTier");
        try (LocalOpenAiServer server = new LocalOpenAiServer()) {
            server.answer("POST /v1/fine_tuning/jobs", 200, OpenAiFineTuneClientTest.job("ftjob-1", "queued", ""));
            OpenAIClient sdk = OpenAiClients.builder()
                    .baseUrl(server.baseUrl())
                    .apiKey("sk-test")
                    .maxRetries(0)
                    .build();
            try {
                OpenAiFineTuneClient plain = OpenAiFineTuneClient.create(sdk);
                plain.create(FineTuneRequest.builder("gpt-4o-mini-2024-07-18", "file-abc")
                        .build());
                JsonNode body = JSON.readTree(
                        server.requests("POST /v1/fine_tuning/jobs").get(0).bodyText());
                assertThat(body.has("trainingType"))
                        .as("OpenAI does not know the field")
                        .isFalse();
                assertThat(plain.provider()).isEqualTo(ModelLifecycle.OPENAI);
                assertThat(OpenAiFineTuneClient.create(sdk, "Azure OpenAI (eastus)")
                                .provider())
                        .isEqualTo(ModelLifecycle.AZURE);
            } finally {
                sdk.close();
            }
        }
    }

    /**
     * The step Azure needs before a fine-tuned model answers: a deployment through the control plane (Azure Resource
     * Manager), here played by the local server. Azure's fine-tuned models are then called by deployment name.
     */
    @Test
    void deploysAFineTunedModelThroughTheControlPlane() throws Exception {
        try (LocalOpenAiServer server = new LocalOpenAiServer()) {
            String path = "/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.CognitiveServices"
                    + "/accounts/my-resource/deployments/sigmasight-v3";
            server.answer(
                    "PUT " + path,
                    201,
                    "{\"name\":\"sigmasight-v3\",\"properties\":{\"provisioningState\":" + "\"Creating\"}}");
            String management = server.baseUrl().replace("/v1", ""); // https://management.azure.com
            String token = "entra-token-123"; // az account get-access-token --query accessToken
            String fineTunedModel = "gpt-4o-mini-2024-07-18.ft-0123456789abcdef";
            // snippet:azure-deploy
            String url = management + "/subscriptions/sub-1/resourceGroups/rg-1/providers/"
                    + "Microsoft.CognitiveServices/accounts/my-resource/deployments/sigmasight-v3"
                    + "?api-version=2024-10-01";
            String body = "{\"sku\":{\"name\":\"standard\",\"capacity\":1},\"properties\":{\"model\":"
                    + "{\"format\":\"OpenAI\",\"name\":\"" + fineTunedModel + "\",\"version\":\"1\"}}}";
            HttpResponse<String> created = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .header("Authorization", "Bearer " + token)
                                    .header("Content-Type", "application/json")
                                    .PUT(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            // 200/201: provisioning; then call the model by its deployment name, "sigmasight-v3"
            // end-snippet:azure-deploy
            assertThat(created.statusCode()).isEqualTo(201);
            LocalOpenAiServer.Recorded r = server.requests("PUT " + path).get(0);
            assertThat(r.query()).isEqualTo("api-version=2024-10-01");
            assertThat(r.header("Authorization")).isEqualTo("Bearer " + token);
            JsonNode sent = JSON.readTree(new String(r.body(), StandardCharsets.UTF_8));
            assertThat(sent.at("/properties/model/name").asText()).isEqualTo(fineTunedModel);
            assertThat(sent.at("/sku/name").asText()).isEqualTo("standard");
        }
    }
}
