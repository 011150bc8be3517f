package dev.tuneloop.openai;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays the OpenAI API on 127.0.0.1 for tests: answers are queued per route ("POST /v1/files"); the last answer of a
 * route repeats. Every request is recorded with its headers and body.
 */
final class LocalOpenAiServer implements AutoCloseable {

    /** One request as received (a class, not a record: a record's equals would compare the body array by identity). */
    static final class Recorded {
        private final String method;
        private final String path;
        private final String query;
        private final Map<String, List<String>> headers;
        private final byte[] body;

        Recorded(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
            this.method = method;
            this.path = path;
            this.query = query;
            this.headers = headers;
            this.body = body;
        }

        String method() {
            return method;
        }

        String path() {
            return path;
        }

        String query() {
            return query;
        }

        Map<String, List<String>> headers() {
            return headers;
        }

        byte[] body() {
            return body.clone();
        }

        String bodyText() {
            return new String(body, StandardCharsets.ISO_8859_1);
        }

        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    record Answer(int status, String json) {}

    private final HttpServer server;
    private final Map<String, Deque<Answer>> answers = new HashMap<>();
    private final List<Recorded> requests = new ArrayList<>();

    LocalOpenAiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Queues an answer for {@code route}, e.g. {@code "GET /v1/fine_tuning/jobs/ftjob-1"}. */
    synchronized LocalOpenAiServer answer(String route, int status, String json) {
        answers.computeIfAbsent(route, k -> new ArrayDeque<>()).add(new Answer(status, json));
        return this;
    }

    synchronized List<Recorded> requests() {
        return List.copyOf(requests);
    }

    synchronized List<Recorded> requests(String route) {
        List<Recorded> out = new ArrayList<>();
        for (Recorded r : requests) {
            if ((r.method() + " " + r.path()).equals(route)) {
                out.add(r);
            }
        }
        return out;
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        String route = ex.getRequestMethod() + " " + ex.getRequestURI().getPath();
        Answer a;
        synchronized (this) {
            requests.add(new Recorded(
                    ex.getRequestMethod(),
                    ex.getRequestURI().getPath(),
                    ex.getRequestURI().getRawQuery(),
                    Map.copyOf(ex.getRequestHeaders()),
                    body));
            Deque<Answer> q = answers.get(route);
            a = q == null || q.isEmpty() ? null : q.size() > 1 ? q.poll() : q.peek();
        }
        if (a == null) {
            a = new Answer(404, error("no answer scripted for " + route, "invalid_request_error", null, null));
        }
        byte[] out = a.json().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(a.status(), out.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(out);
        }
    }

    static String error(String message, String type, String code, String param) {
        return "{\"error\":{\"message\":" + quote(message) + ",\"type\":" + quote(type) + ",\"code\":"
                + (code == null ? "null" : quote(code)) + ",\"param\":" + (param == null ? "null" : quote(param))
                + "}}";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
