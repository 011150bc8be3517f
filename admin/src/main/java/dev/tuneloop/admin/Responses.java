package dev.tuneloop.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** Writes responses, with the headers every response carries. */
final class Responses {
    /** The console's policy: nothing but this server's own files, no inline code, no framing. */
    static final String CONSOLE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    /** The API's policy: a JSON answer is never a document that may run or load anything. */
    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'";

    private Responses() {}

    static void securityHeaders(Headers h, String csp) {
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Referrer-Policy", "no-referrer");
        h.set("X-Frame-Options", "DENY");
        h.set("Content-Security-Policy", csp);
        h.set("Cache-Control", "no-store");
    }

    static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
        json(exchange, status, body, Map.of());
    }

    static void json(HttpExchange exchange, int status, JsonNode body, Map<String, String> headers) throws IOException {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
        Headers h = exchange.getResponseHeaders();
        headers.forEach(h::set);
        bytes(exchange, status, "application/json; charset=utf-8", bytes);
    }

    /**
     * Sends {@code bytes} with their length. A HEAD request gets the same status and headers (its
     * {@code Content-Length} set by hand) and no body: the JDK server logs a warning for every HEAD response sent with
     * a length through {@code sendResponseHeaders}.
     */
    static void bytes(HttpExchange exchange, int status, String contentType, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        // the JDK drains an unread request body when a response ends: that wait is bounded by the body deadline
        if (isHead(exchange)) {
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(bytes.length));
            ReadDeadlines.drain(() -> exchange.sendResponseHeaders(status, -1));
            return;
        }
        if (bytes.length == 0) {
            ReadDeadlines.drain(() -> exchange.sendResponseHeaders(status, -1));
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        OutputStream out = exchange.getResponseBody();
        out.write(bytes);
        ReadDeadlines.drain(out::close);
    }

    static boolean isHead(HttpExchange exchange) {
        return "HEAD".equals(exchange.getRequestMethod());
    }
}
