package dev.tuneloop.vertex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.tune.UploadedFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** upload and deleteFile go through the stager; no tuning API call is made, so no server is needed. */
class VertexUploadTest {
    @TempDir
    Path dir;

    final MemoryStager stager = new MemoryStager();

    VertexFineTuneClient client(GcsStager s) {
        return VertexFineTuneClient.builder("tuneloop-test", "us-central1", s)
                .credentials(VertexFineTuneClientTest.testCredentials("unused"))
                .baseUrl("http://127.0.0.1:1/")
                .build();
    }

    @Test
    void uploadChecksThenStagesAndReturnsTheGsUriAsTheFileId() throws Exception {
        Path f = dir.resolve("train set.jsonl");
        String content = GeminiJsonlCheckTest.SFT_LINE + "\n";
        Files.writeString(f, content, StandardCharsets.UTF_8);
        try (VertexFineTuneClient client = client(stager)) {
            UploadedFile up = client.upload(f);
            assertThat(up.id()).startsWith("gs://test-bucket/tuneloop/").endsWith("-train_set.jsonl");
            assertThat(up.filename()).isEqualTo("train set.jsonl");
            assertThat(up.bytes()).isEqualTo(content.getBytes(StandardCharsets.UTF_8).length);
            assertThat(stager.objects.get(up.id())).isEqualTo(content.getBytes(StandardCharsets.UTF_8));

            assertThat(client.deleteFile(up.id())).isTrue();
            assertThat(client.deleteFile(up.id())).isFalse();
            assertThatThrownBy(() -> client.deleteFile("file-abc"))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("fileId must be a gs://bucket/object URI");
        }
    }

    @Test
    void anInvalidFileIsNeverStaged() throws Exception {
        Path f = dir.resolve("openai.jsonl");
        Files.writeString(f, "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}\n");
        try (VertexFineTuneClient client = client(stager)) {
            assertThatThrownBy(() -> client.upload(f))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("openai.jsonl is not valid Gemini tuning data")
                    .hasMessageContaining("line 1: contents must be a non-empty array");
            assertThat(stager.objects).isEmpty();
        }
    }

    @Test
    void aHostManagedStagerRefusesToUploadAndToDelete() throws Exception {
        Path f = dir.resolve("train.jsonl");
        Files.writeString(f, GeminiJsonlCheckTest.SFT_LINE + "\n");
        try (VertexFineTuneClient client = client(GcsStager.hostManaged())) {
            assertThatThrownBy(() -> client.upload(f))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("pass the gs:// URI as trainingFileId");
            assertThatThrownBy(() -> client.deleteFile("gs://b/o")).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void settingsAreValidatedTogether() {
        assertThatThrownBy(() -> VertexFineTuneClient.builder("", "us-central1", stager)
                        .adapterSize(3)
                        .attempts(0)
                        .pageSize(0)
                        .build())
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.problems())
                                .anySatisfy(p -> assertThat(p).contains("project"))
                                .anySatisfy(p -> assertThat(p).contains("adapterSize must be one of"))
                                .anySatisfy(p -> assertThat(p).contains("attempts must be >= 1"))
                                .anySatisfy(p -> assertThat(p).contains("pageSize must be between 1 and 1000")));
    }
}
