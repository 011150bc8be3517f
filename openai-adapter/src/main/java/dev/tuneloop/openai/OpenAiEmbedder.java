package dev.tuneloop.openai;

import com.openai.client.OpenAIClient;
import com.openai.errors.OpenAIException;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.Embedding;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.tuneloop.errors.Checks;
import dev.tuneloop.errors.TuneloopException;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.model.Embedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An {@link Embedder} on the {@code openai-java} SDK's embeddings endpoint (OpenAI, Azure OpenAI, or a compatible
 * server through the client's base URL). Texts are sent in batches of {@value #BATCH_SIZE}, as floats.
 *
 * <p>Errors are translated as by {@link OpenAiChatModel}. Thread-safe; the client is the caller's.
 */
public final class OpenAiEmbedder implements Embedder {
    /** The model used by {@link #create(OpenAIClient)}. */
    public static final String DEFAULT_MODEL = "text-embedding-3-small";
    /** Texts per request. */
    public static final int BATCH_SIZE = 256;

    private final OpenAIClient client;
    private final String model;
    private final @Nullable Integer dimensions;

    private OpenAiEmbedder(OpenAIClient client, String model, @Nullable Integer dimensions) {
        this.client = client;
        this.model = model;
        this.dimensions = dimensions;
    }

    /**
     * An embedder using {@value #DEFAULT_MODEL} at its default dimensions.
     *
     * @param client the SDK client; the caller keeps and closes it
     * @return a thread-safe embedder
     * @throws NullPointerException when {@code client} is null
     */
    public static Embedder create(OpenAIClient client) {
        return create(client, DEFAULT_MODEL, null);
    }

    /**
     * An embedder using {@code model}, asking for {@code dimensions} dimensions.
     *
     * @param client the SDK client; the caller keeps and closes it
     * @param model the embedding model, e.g. {@value #DEFAULT_MODEL}; not blank
     * @param dimensions the vector length to ask for (models of the {@code text-embedding-3} family can shorten
     *     theirs), or {@code null} for the model's default
     * @return a thread-safe embedder
     * @throws NullPointerException when {@code client} is null
     * @throws ValidationException when the model is blank or dimensions is not positive, listing both
     */
    public static Embedder create(OpenAIClient client, String model, @Nullable Integer dimensions) {
        Objects.requireNonNull(client, "client");
        Checks.start()
                .require(model != null && !model.isBlank(), "embedding model must not be blank")
                .require(dimensions == null || dimensions > 0, "dimensions must be > 0, but was " + dimensions)
                .orThrow();
        return new OpenAiEmbedder(client, model, dimensions);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Sends one request per {@value #BATCH_SIZE} texts, in order; a failed request fails the whole call.
     *
     * @param texts {@inheritDoc}
     * @return {@inheritDoc}
     * @throws ValidationException when a text is null or empty (the API rejects empty input), naming every such index,
     *     before any request is sent
     * @throws dev.tuneloop.errors.RetriableException after HTTP 408, 429 or 5xx or a network failure, once the SDK's
     *     own retries are spent
     * @throws TuneloopException for any other failure, or an answer whose indexes do not match the texts sent
     */
    @Override
    public List<float[]> embed(List<String> texts) {
        Checks c = Checks.start();
        for (int i = 0; i < texts.size(); i++) {
            c.require(texts.get(i) != null && !texts.get(i).isEmpty(), "texts[" + i + "] must not be null or empty");
        }
        c.orThrow();
        List<float[]> out = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += BATCH_SIZE) {
            out.addAll(batch(texts.subList(from, Math.min(texts.size(), from + BATCH_SIZE))));
        }
        return out;
    }

    private List<float[]> batch(List<String> texts) {
        EmbeddingCreateParams.Builder p = EmbeddingCreateParams.builder()
                .model(model)
                .inputOfArrayOfStrings(texts)
                .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT);
        if (dimensions != null) {
            p.dimensions(dimensions.longValue());
        }
        CreateEmbeddingResponse r;
        try {
            r = client.embeddings().create(p.build());
        } catch (OpenAIException e) {
            throw OpenAiChatModel.translate(e, "embeddings with model " + model);
        }
        float[][] vectors = new float[texts.size()][];
        for (Embedding e : r.data()) {
            int i = (int) e.index();
            if (i < 0 || i >= vectors.length || vectors[i] != null) {
                throw new TuneloopException(
                        "embeddings with model " + model + " returned a bad or repeated index " + i);
            }
            List<Float> v = e.embedding();
            float[] a = new float[v.size()];
            for (int k = 0; k < a.length; k++) {
                a[k] = v.get(k);
            }
            vectors[i] = a;
        }
        for (int i = 0; i < vectors.length; i++) {
            if (vectors[i] == null) {
                throw new TuneloopException("embeddings with model " + model + " returned "
                        + r.data().size() + " vectors for " + texts.size() + " texts");
            }
        }
        return List.of(vectors);
    }

    @Override
    public String toString() {
        return "OpenAiEmbedder[model=" + model + "]";
    }
}
