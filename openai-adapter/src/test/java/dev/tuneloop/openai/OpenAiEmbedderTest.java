package dev.tuneloop.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.tuneloop.errors.RetriableException;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.model.Embedder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenAiEmbedderTest {
    private FakeOpenAiServer server;
    private OpenAIClient client;

    @BeforeEach
    void start() throws Exception {
        server = new FakeOpenAiServer();
        client = OpenAIOkHttpClient.builder()
                .baseUrl(server.baseUrl())
                .apiKey("sk-test")
                .maxRetries(0)
                .build();
        // answers in reverse index order, to check that vectors are put back in input order;
        // the vector of text i is [i, length of text i]
        server.onEmbeddings(req -> {
            var root = FakeOpenAiServer.JSON.createObjectNode();
            root.put("object", "list").put("model", req.get("model").asText());
            var data = root.putArray("data");
            JsonNode input = req.get("input");
            for (int i = input.size() - 1; i >= 0; i--) {
                var e = data.addObject();
                e.put("object", "embedding").put("index", i);
                e.putArray("embedding").add((double) i).add((double)
                        input.get(i).asText().length());
            }
            root.putObject("usage").put("prompt_tokens", 3).put("total_tokens", 3);
            return new FakeOpenAiServer.Reply(200, root.toString());
        });
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void embedsInInputOrderAndSendsModelAndFloatFormat() {
        Embedder e = OpenAiEmbedder.create(client, "text-embedding-3-large", 256);
        List<float[]> v = e.embed(List.of("a", "bbb", "cc"));
        assertThat(v).hasSize(3);
        assertThat(v.get(0)).containsExactly(0f, 1f);
        assertThat(v.get(1)).containsExactly(1f, 3f);
        assertThat(v.get(2)).containsExactly(2f, 2f);
        JsonNode body = server.received().get(0).body();
        assertThat(server.received().get(0).path()).isEqualTo("/v1/embeddings");
        assertThat(body.get("model").asText()).isEqualTo("text-embedding-3-large");
        assertThat(body.get("encoding_format").asText()).isEqualTo("float");
        assertThat(body.get("dimensions").asInt()).isEqualTo(256);
        assertThat(body.get("input")).hasSize(3);
    }

    @Test
    void largeInputsAreSentInBatches() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < OpenAiEmbedder.BATCH_SIZE + 3; i++) {
            texts.add("t" + i);
        }
        List<float[]> v = OpenAiEmbedder.create(client).embed(texts);
        assertThat(v).hasSize(texts.size());
        assertThat(server.received())
                .extracting(r -> r.body().get("input").size())
                .containsExactly(OpenAiEmbedder.BATCH_SIZE, 3);
        assertThat(server.received().get(0).body().get("model").asText()).isEqualTo(OpenAiEmbedder.DEFAULT_MODEL);
        assertThat(v.get(OpenAiEmbedder.BATCH_SIZE + 2))
                .containsExactly(2f, (float) ("t" + (OpenAiEmbedder.BATCH_SIZE + 2)).length());
    }

    @Test
    void errorsAreTranslatedAndEmptyTextsRejected() {
        server.onEmbeddings(req -> FakeOpenAiServer.error(429, "rate_limit_exceeded", "slow down"));
        assertThatThrownBy(() -> OpenAiEmbedder.create(client).embed(List.of("x")))
                .isInstanceOf(RetriableException.class)
                .hasMessage("embeddings with model text-embedding-3-small failed with HTTP 429 (rate_limit_exceeded)");
        assertThatThrownBy(() -> OpenAiEmbedder.create(client).embed(List.of("x", "")))
                .isInstanceOf(ValidationException.class)
                .hasMessage("texts[1] must not be null or empty");
        assertThatThrownBy(() -> OpenAiEmbedder.create(client, " ", 0))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("embedding model must not be blank")
                .hasMessageContaining("dimensions must be > 0, but was 0");
    }
}
