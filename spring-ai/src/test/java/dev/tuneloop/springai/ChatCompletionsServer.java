package dev.tuneloop.springai;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Plays OpenAI's chat completions API ({@code POST /v1/chat/completions}) on 127.0.0.1: scripted answers are served in
 * order, each a JSON completion or an SSE stream of chunks ending in {@code data: [DONE]}; every request body is kept.
 */
final class ChatCompletionsServer implements AutoCloseable {
    private record Answer(String contentType, String body) {}

    private final HttpServer server;
    private final Deque<Answer> answers = new ArrayDeque<>();
    private final List<String> requests = new ArrayList<>();

    ChatCompletionsServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Queues a plain answer. */
    synchronized ChatCompletionsServer answer(String model, String content, int promptTokens, int completionTokens) {
        answers.add(new Answer(
                "application/json",
                "{\"id\":\"chatcmpl-" + answers.size() + "\",\"object\":\"chat.completion\",\"created\":1764720000,"
                        + "\"model\":" + quote(model)
                        + ",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                        + "\"content\":" + quote(content) + ",\"refusal\":null},\"logprobs\":null,"
                        + "\"finish_reason\":\"stop\"}]," + usage(promptTokens, completionTokens) + "}"));
        return this;
    }

    /** Queues an answer that calls tools: each call is {id, name, arguments}. */
    synchronized ChatCompletionsServer toolCalls(
            String model, int promptTokens, int completionTokens, String[]... calls) {
        StringBuilder tc = new StringBuilder();
        for (String[] c : calls) {
            if (tc.length() > 0) {
                tc.append(',');
            }
            tc.append("{\"id\":")
                    .append(quote(c[0]))
                    .append(",\"type\":\"function\",\"function\":{\"name\":")
                    .append(quote(c[1]))
                    .append(",\"arguments\":")
                    .append(quote(c[2]))
                    .append("}}");
        }
        answers.add(new Answer(
                "application/json",
                "{\"id\":\"chatcmpl-" + answers.size() + "\",\"object\":\"chat.completion\",\"created\":1764720000,"
                        + "\"model\":" + quote(model)
                        + ",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                        + "\"content\":null,\"refusal\":null,\"tool_calls\":[" + tc + "]},\"logprobs\":null,"
                        + "\"finish_reason\":\"tool_calls\"}]," + usage(promptTokens, completionTokens) + "}"));
        return this;
    }

    /** Queues a streamed answer: one chunk per piece, then a finish chunk and a usage chunk. */
    synchronized ChatCompletionsServer stream(String model, int promptTokens, int completionTokens, String... pieces) {
        String head = "{\"id\":\"chatcmpl-s" + answers.size() + "\",\"object\":\"chat.completion.chunk\","
                + "\"created\":1764720000,\"model\":" + quote(model) + ",";
        StringBuilder sse = new StringBuilder();
        boolean first = true;
        for (String p : pieces) {
            sse.append("data: ")
                    .append(head)
                    .append("\"choices\":[{\"index\":0,\"delta\":{")
                    .append(first ? "\"role\":\"assistant\"," : "")
                    .append("\"content\":")
                    .append(quote(p))
                    .append("},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
            first = false;
        }
        sse.append("data: ")
                .append(head)
                .append("\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}]}\n\n");
        sse.append("data: ")
                .append(head)
                .append("\"choices\":[],")
                .append(usage(promptTokens, completionTokens))
                .append("}\n\n");
        sse.append("data: [DONE]\n\n");
        answers.add(new Answer("text/event-stream", sse.toString()));
        return this;
    }

    /** The request bodies received, in order. */
    synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Answer a;
        synchronized (this) {
            requests.add(body);
            a = answers.poll();
        }
        if (a == null || !ex.getRequestURI().getPath().equals("/v1/chat/completions")) {
            a = new Answer(
                    "application/json",
                    "{\"error\":{\"message\":\"no answer scripted\",\"type\":\"invalid_request_error\"}}");
            byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", a.contentType());
            ex.sendResponseHeaders(400, out.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(out);
            }
            return;
        }
        byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", a.contentType());
        ex.sendResponseHeaders(200, out.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(out);
        }
    }

    private static String usage(int promptTokens, int completionTokens) {
        return "\"usage\":{\"prompt_tokens\":" + promptTokens + ",\"completion_tokens\":" + completionTokens
                + ",\"total_tokens\":" + (promptTokens + completionTokens) + "}";
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
