package dev.tuneloop.vertex;

import com.google.genai.Client;
import com.google.genai.types.Content;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;
import com.google.genai.types.Part;
import dev.tuneloop.errors.NotFoundException;
import dev.tuneloop.errors.TuneloopException;
import dev.tuneloop.model.ChatModel;
import dev.tuneloop.model.ChatRequest;
import dev.tuneloop.model.ChatResponse;
import dev.tuneloop.model.TokenUsage;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ChatModel} on google-genai's {@code models.generateContent} in Vertex mode, as a host calls a Gemini base
 * model ({@code gemini-2.5-flash}) or a tuned model's endpoint ({@code projects/…/endpoints/…}). Test code: this
 * module ships no chat model (a host calls Gemini with its own client); the end-to-end test needs one that goes over
 * HTTP through the real SDK.
 */
final class GenAiChatModel implements ChatModel {
    private final Client client;

    GenAiChatModel(String baseUrl, String token) {
        this.client = Client.builder()
                .vertexAI(true)
                .project("tuneloop-test")
                .location("us-central1")
                .credentials(VertexFineTuneClientTest.testCredentials(token))
                .httpOptions(HttpOptions.builder()
                        .baseUrl(baseUrl)
                        .retryOptions(HttpRetryOptions.builder().attempts(1).build())
                        .build())
                .build();
    }

    @Override
    public ChatResponse complete(ChatRequest request) {
        List<Content> contents = new ArrayList<>();
        StringBuilder system = new StringBuilder();
        for (ChatMessage m : request.messages()) {
            if (m.role() == Role.SYSTEM) {
                system.append(m.content());
            } else {
                contents.add(Content.builder()
                        .role(m.role() == Role.USER ? "user" : "model")
                        .parts(Part.fromText(m.content()))
                        .build());
            }
        }
        GenerateContentConfig.Builder config =
                GenerateContentConfig.builder().temperature((float) request.temperature());
        if (system.length() > 0) {
            config.systemInstruction(Content.fromParts(Part.fromText(system.toString())));
        }
        if (request.maxTokens() != null) {
            config.maxOutputTokens(request.maxTokens());
        }
        GenerateContentResponse r;
        try {
            r = client.models.generateContent(request.model(), contents, config.build());
        } catch (com.google.genai.errors.ClientException e) {
            if (e.code() == 404) {
                throw new NotFoundException("model " + request.model() + " is not served here");
            }
            throw new TuneloopException("generateContent failed with HTTP " + e.code(), e);
        }
        long in = r.usageMetadata().flatMap(u -> u.promptTokenCount()).orElse(0);
        long out = r.usageMetadata().flatMap(u -> u.candidatesTokenCount()).orElse(0);
        return new ChatResponse(r.text(), request.model(), new TokenUsage(in, out), Duration.ZERO);
    }
}
