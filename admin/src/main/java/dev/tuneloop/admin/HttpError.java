package dev.tuneloop.admin;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An answer other than success, thrown inside a handler and written as
 * {@code {"error": {"code": ..., "message": ..., "problems": [...]}}}. Messages name fields and rules, never texts.
 */
final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int status;
    final String code;
    final List<String> problems;
    final transient Map<String, String> headers;

    HttpError(int status, String code, @Nullable String message, List<String> problems, Map<String, String> headers) {
        super(message == null ? code : message, null, false, false);
        this.status = status;
        this.code = code;
        this.problems = List.copyOf(problems);
        this.headers = Map.copyOf(headers);
    }

    static HttpError badRequest(String message) {
        return new HttpError(400, "bad_request", message, List.of(), Map.of());
    }

    static HttpError notFound(String message) {
        return new HttpError(404, "not_found", message, List.of(), Map.of());
    }

    static HttpError notConfigured(String what) {
        return new HttpError(404, "not_configured", what + " not configured on this server", List.of(), Map.of());
    }

    static HttpError methodNotAllowed(String method, String path, String allow) {
        return new HttpError(
                405,
                "method_not_allowed",
                method + " is not allowed on " + path + "; allowed: " + allow,
                List.of(),
                Map.of("Allow", allow));
    }

    static HttpError unauthorized(String message, boolean tokenGiven) {
        String challenge = tokenGiven
                ? "Bearer realm=\"tuneloop-admin\", error=\"invalid_token\""
                : "Bearer realm=\"tuneloop-admin\"";
        return new HttpError(401, "unauthorized", message, List.of(), Map.of("WWW-Authenticate", challenge));
    }

    static HttpError tooLarge(long max) {
        return new HttpError(
                413,
                "payload_too_large",
                "request body must be at most " + max + " bytes",
                List.of(),
                Map.of("Connection", "close"));
    }

    static HttpError unsupportedMediaType(String contentType) {
        return new HttpError(
                415,
                "unsupported_media_type",
                "Content-Type must be application/json, but was "
                        + (contentType == null ? "missing" : "'" + shorten(contentType) + "'"),
                List.of(),
                Map.of());
    }

    static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
