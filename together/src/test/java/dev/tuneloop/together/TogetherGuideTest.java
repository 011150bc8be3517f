package dev.tuneloop.together;

import static org.assertj.core.api.Assertions.assertThat;

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

/** The code of docs/guide/together.md, run against the local Together server. */
class TogetherGuideTest {
    @TempDir
    Path dir;

    @Test
    void guideSnippetsRun() throws Exception {
        try (LocalTogetherServer server = new LocalTogetherServer("tgp_v1_guideKey0123")) {
            String apiKey = "tgp_v1_guideKey0123";
            String baseUrl = server.baseUrl();
            Path train = Files.writeString(dir.resolve("train.jsonl"), FineTuneClientContractData.SUPERVISED);
            Path dpo = Files.writeString(dir.resolve("dpo.jsonl"), FineTuneClientContractData.PREFERENCE);
            // snippet:together-client
            // apiKey: System.getenv("TOGETHER_API_KEY"); baseUrl defaults to https://api.together.ai/v1
            TogetherFineTuneClient together = TogetherFineTuneClient.builder(apiKey)
                    .baseUrl(baseUrl)
                    .requestTimeout(Duration.ofMinutes(5)) // large uploads
                    .maxRetries(2) // 408, 429 and 5xx, with exponential backoff
                    .defaults(TogetherOptions.builder()
                            .lora(TogetherOptions.Lora.of(16, 32))
                            .nCheckpoints(1)
                            .build())
                    .build();
            UploadedFile file = together.upload(train); // checked first as Together checks files
            FineTuneJob job = together.create(
                    FineTuneRequest.builder("meta-llama/Meta-Llama-3.1-8B-Instruct-Reference", file.id())
                            .suffix("sigmasight-v1")
                            .hyperparameters(Hyperparameters.AUTO.withEpochs(3))
                            .build());
            // end-snippet:together-client
            assertThat(job.status()).isEqualTo(JobStatus.QUEUED);

            // snippet:together-dpo
            UploadedFile pairs = together.upload(dpo); // Tuneloop's preference export, unchanged
            FineTuneJob preferenceJob = together.create(
                    FineTuneRequest.builder("meta-llama/Meta-Llama-3.1-8B-Instruct-Reference", pairs.id())
                            .method(FineTuneMethod.DPO)
                            .hyperparameters(Hyperparameters.AUTO.withBeta(0.1))
                            .build(),
                    TogetherOptions.builder()
                            .lora(new TogetherOptions.Lora(8, 16, 0.05, "all-linear"))
                            .warmupRatio(0.05)
                            .build());
            // end-snippet:together-dpo
            assertThat(preferenceJob.method()).isEqualTo(FineTuneMethod.DPO);
            together.close();
        }
    }
}
