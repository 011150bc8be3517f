package dev.tuneloop.langchain4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Plays OpenAI's chat completions API ({@code POST /v1/chat/completions}) for LangChain4j's real OpenAI client: each
 * request takes the next scripted {@link Reply}, answered as one JSON body, or, when the request says
 * {@code "stream": true}, as server-sent events (content in pieces, tool calls in a name chunk and an arguments
 * chunk, then a usage chunk and {@code [DONE]}), the way OpenAI streams. Without a scripted reply it echoes
 * {@code "ok"}. Keeps every request body for assertions.
 */
final class LocalOpenAiServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One scripted answer: text, or tool calls, with the model name and token usage the server reports. */
    record Reply(String content, List<Call> toolCalls, String model, int promptTokens, int completionTokens) {
        static Reply text(String content) {
            return new Reply(content, List.of(), "gpt-4o-mini-2024-07-18", 31, 9);
        }

        static Reply calls(Call... calls) {
            return new Reply("", List.of(calls), "gpt-4o-mini-2024-07-18", 40, 22);
        }
    }

    /** One tool call of a scripted reply. */
    record Call(String id, String name, String arguments) {}

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();

    LocalOpenAiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    LocalOpenAiServer reply(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            requests.add(request);
            Reply reply = script.poll();
            if (reply == null) {
                reply = Reply.text("ok");
            }
            if (request.path("stream").asBoolean(false)) {
                stream(exchange, reply);
            } else {
                byte[] body = JSON.writeValueAsBytes(completion(reply));
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        }
    }

    private static ObjectNode completion(Reply reply) {
        ObjectNode body = head(reply, "chat.completion");
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        if (reply.toolCalls().isEmpty()) {
            message.put("content", reply.content());
        } else {
            message.putNull("content");
            ArrayNode calls = message.putArray("tool_calls");
            for (Call c : reply.toolCalls()) {
                ObjectNode call = calls.addObject();
                call.put("id", c.id()).put("type", "function");
                call.putObject("function").put("name", c.name()).put("arguments", c.arguments());
            }
        }
        choice.put("finish_reason", reply.toolCalls().isEmpty() ? "stop" : "tool_calls");
        usage(body, reply);
        return body;
    }

    private static void stream(HttpExchange exchange, Reply reply) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        List<ObjectNode> chunks = new ArrayList<>();
        chunks.add(chunk(reply, delta -> delta.put("role", "assistant").put("content", "")));
        if (reply.toolCalls().isEmpty()) {
            String text = reply.content();
            for (int i = 0; i < text.length(); i += 7) {
                String piece = text.substring(i, Math.min(text.length(), i + 7));
                chunks.add(chunk(reply, delta -> delta.put("content", piece)));
            }
        } else {
            for (int i = 0; i < reply.toolCalls().size(); i++) {
                Call c = reply.toolCalls().get(i);
                int index = i;
                chunks.add(chunk(reply, delta -> {
                    ObjectNode call = delta.putArray("tool_calls").addObject();
                    call.put("index", index).put("id", c.id()).put("type", "function");
                    call.putObject("function").put("name", c.name()).put("arguments", "");
                }));
                chunks.add(chunk(reply, delta -> {
                    ObjectNode call = delta.putArray("tool_calls").addObject();
                    call.put("index", index);
                    call.putObject("function").put("arguments", c.arguments());
                }));
            }
        }
        ObjectNode last = chunk(reply, delta -> {});
        ((ObjectNode) last.get("choices").get(0))
                .put("finish_reason", reply.toolCalls().isEmpty() ? "stop" : "tool_calls");
        chunks.add(last);
        ObjectNode usage = head(reply, "chat.completion.chunk");
        usage.putArray("choices");
        usage(usage, reply);
        chunks.add(usage);
        for (ObjectNode c : chunks) {
            out.write(("data: " + JSON.writeValueAsString(c) + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private interface DeltaWriter {
        void write(ObjectNode delta);
    }

    private static ObjectNode chunk(Reply reply, DeltaWriter delta) {
        ObjectNode body = head(reply, "chat.completion.chunk");
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        delta.write(choice.putObject("delta"));
        choice.putNull("finish_reason");
        return body;
    }

    private static ObjectNode head(Reply reply, String object) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", "chatcmpl-local-1").put("object", object).put("created", 1_764_000_000L);
        body.put("model", reply.model());
        return body;
    }

    private static void usage(ObjectNode body, Reply reply) {
        body.putObject("usage")
                .put("prompt_tokens", reply.promptTokens())
                .put("completion_tokens", reply.completionTokens())
                .put("total_tokens", reply.promptTokens() + reply.completionTokens());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
