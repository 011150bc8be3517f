package dev.tuneloop.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Function;

/**
 * A local HTTP server on 127.0.0.1 playing the OpenAI API's {@code /chat/completions} and {@code /embeddings}: each
 * request body is recorded, and the answer is made by a function of the request (status and JSON body).
 */
final class FakeOpenAiServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    record Reply(int status, String body) {}

    record Received(String method, String path, JsonNode body) {}

    private final HttpServer server;
    private final ConcurrentLinkedDeque<Received> received = new ConcurrentLinkedDeque<>();
    private volatile Function<JsonNode, Reply> chat = req -> new Reply(500, "{}");
    private volatile Function<JsonNode, Reply> embeddings = req -> new Reply(500, "{}");

    FakeOpenAiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", ex -> handle(ex, chat));
        server.createContext("/v1/embeddings", ex -> handle(ex, embeddings));
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    void onChat(Function<JsonNode, Reply> f) {
        this.chat = f;
    }

    void onEmbeddings(Function<JsonNode, Reply> f) {
        this.embeddings = f;
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    private void handle(HttpExchange ex, Function<JsonNode, Reply> f) throws IOException {
        try (ex) {
            JsonNode body = JSON.readTree(ex.getRequestBody().readAllBytes());
            received.add(new Received(ex.getRequestMethod(), ex.getRequestURI().getPath(), body));
            Reply r = f.apply(body);
            byte[] bytes = r.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(r.status(), bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    static Reply completion(String model, String text, long promptTokens, long completionTokens) {
        var root = JSON.createObjectNode();
        root.put("id", "chatcmpl-test")
                .put("object", "chat.completion")
                .put("created", 1_700_000_000L)
                .put("model", model);
        var choice = root.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop").putNull("logprobs");
        choice.putObject("message")
                .put("role", "assistant")
                .put("content", text)
                .putNull("refusal");
        root.putObject("usage")
                .put("prompt_tokens", promptTokens)
                .put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
        return new Reply(200, root.toString());
    }

    static Reply error(int status, String code, String message) {
        var root = JSON.createObjectNode();
        root.putObject("error")
                .put("message", message)
                .put("type", "invalid_request_error")
                .put("code", code)
                .putNull("param");
        return new Reply(status, root.toString());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
