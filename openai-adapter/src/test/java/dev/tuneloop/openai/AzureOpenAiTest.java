package dev.tuneloop.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.azure.AzureUrlPathMode;
import com.openai.client.OpenAIClient;
import dev.tuneloop.tune.FineTuneJob;
import dev.tuneloop.tune.JobStatus;
import org.junit.jupiter.api.Test;

/** Azure OpenAI through the SDK's Azure options: api-key header, /openai paths, api-version. */
class AzureOpenAiTest {
    private static final String AZURE_KEY = "azure-key-0123456789";

    @Test
    void usesAzurePathsApiVersionAndTheApiKeyHeader() throws Exception {
        try (LocalOpenAiServer server = new LocalOpenAiServer()) {
            String endpoint = server.baseUrl().replace("/v1", "");
            String azureKey = AZURE_KEY;
            server.answer(
                    "GET /openai/fine_tuning/jobs/ftjob-1",
                    200,
                    OpenAiFineTuneClientTest.job("ftjob-1", "running", ""));
            // snippet:azure
            // endpoint: "https://my-resource.openai.azure.com"; azureKey: System.getenv("AZURE_OPENAI_KEY")
            OpenAIClient azure = OpenAiClients.builder()
                    .azure(endpoint, azureKey)
                    .azureServiceVersion("2024-10-21") // default: the SDK's latest stable version
                    .azureUrlPathMode(AzureUrlPathMode.LEGACY) // for a host the SDK does not recognise as Azure
                    .maxRetries(0)
                    .build();
            OpenAiFineTuneClient client = OpenAiFineTuneClient.create(azure, "Azure OpenAI");
            // end-snippet:azure
            OpenAIClient sdk = azure;
            try {
                FineTuneJob job = client.get("ftjob-1");

                assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
                assertThat(job.hyperparameters().allAuto())
                        .as("no method, no hyperparameters: all auto")
                        .isTrue();
                LocalOpenAiServer.Recorded r = server.requests().get(0);
                assertThat(r.path()).isEqualTo("/openai/fine_tuning/jobs/ftjob-1");
                assertThat(r.query()).contains("api-version=2024-10-21");
                assertThat(r.header("api-key")).isEqualTo(AZURE_KEY);
                assertThat(r.header("Authorization")).isNull();
                assertThat(client.toString()).contains("Azure OpenAI").doesNotContain(AZURE_KEY);
            } finally {
                sdk.close();
            }
        }
    }

    @Test
    void reportsEveryConfigurationProblemAtOnce() {
        assertThatThrownBy(() -> OpenAiClients.builder()
                        .apiKey("k")
                        .azure(null, "a")
                        .maxRetries(-1)
                        .build())
                .hasMessageContaining("maxRetries must be >= 0, but was -1")
                .hasMessageContaining("set either apiKey or azure(endpoint, key), but both were set")
                .hasMessageContaining("azure endpoint is required");
        assertThatThrownBy(() ->
                        OpenAiClients.builder().baseUrl("http://localhost:1/v1").build())
                .hasMessageContaining("an API key is required");
    }
}
