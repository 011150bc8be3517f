package dev.tuneloop.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.tuneloop.errors.ConflictException;
import dev.tuneloop.errors.NotFoundException;
import dev.tuneloop.errors.RetriableException;
import dev.tuneloop.errors.TuneloopException;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.tune.FineTuningUnavailableException;
import dev.tuneloop.tune.NotReadyException;
import dev.tuneloop.tune.ProviderAuthenticationException;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one handler of the {@code /admin/} context: serves the console's static files, checks the bearer token, routes,
 * and turns every failure into a JSON error with the right status. Logs method, path, status and time, never a
 * body or a query string; logs the stack trace of unexpected failures under a reference the client gets instead.
 */
final class AdminHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
    /** How long a client should wait before retrying a call that failed with a {@link RetriableException}. */
    static final int RETRY_AFTER_SECONDS = 30;

    /** The status the access log records for a request that could not be read in time; nothing is sent. */
    static final int TIMED_OUT = 408;

    private final byte[] token;
    private final long maxBodyBytes;
    private final List<Route> routes;
    private final Console console;
    private final ReadDeadlines deadlines;

    AdminHandler(String token, long maxBodyBytes, List<Route> routes, Console console, ReadDeadlines deadlines) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.maxBodyBytes = maxBodyBytes;
        this.routes = List.copyOf(routes);
        this.console = console;
        this.deadlines = deadlines;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        ReadDeadlines.Guard guard = deadlines.enter();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        int status = TIMED_OUT;
        try {
            if (!guard.expired) {
                status = serve(exchange, method, path);
            }
        } finally {
            // closing drains an unread request body: bounded by the body deadline
            ReadDeadlines.drain(exchange::close);
            deadlines.leave(guard);
            if (LOG.isDebugEnabled()) {
                LOG.debug("admin {} {} -> {} in {} ms", method, path, status, (System.nanoTime() - start) / 1_000_000);
            }
        }
    }

    private int serve(HttpExchange exchange, String method, String path) throws IOException {
        boolean consolePath = Console.handles(path);
        Responses.securityHeaders(
                exchange.getResponseHeaders(), consolePath ? Responses.CONSOLE_CSP : Responses.API_CSP);
        try {
            if (!path.startsWith(AdminServer.BASE_PATH)) {
                // an own server's root context: any path outside the admin API
                throw HttpError.notFound("no endpoint at " + HttpError.shorten(path) + "; the admin API is under "
                        + AdminServer.BASE_PATH);
            }
            if (consolePath) {
                return console.serve(exchange, method, path);
            }
            if (!isOpen(method, path)) {
                authenticate(exchange);
            }
            Matched matched = route(exchange, method, path);
            matched.handler().handle(matched.request());
            return exchange.getResponseCode();
        } catch (ReadDeadlines.ConnectionGone e) {
            // the client did not send its request in time, or left: the connection is closed, nobody to answer
            LOG.debug("admin {} {}: {}", method, path, e.getMessage());
            return TIMED_OUT;
        } catch (Exception e) {
            if (exchange.getResponseCode() != -1) {
                // the status line is gone: all that can be done is to cut the response short
                LOG.warn(
                        "admin {} {} failed after its response started ({})",
                        method,
                        path,
                        e.getClass().getName(),
                        e);
                return exchange.getResponseCode();
            }
            HttpError error = toHttpError(e, method, path);
            Responses.json(exchange, error.status, Json.error(error), error.headers);
            return error.status;
        }
    }

    private void authenticate(HttpExchange exchange) {
        List<String> values = exchange.getRequestHeaders().get("Authorization");
        if (values == null || values.isEmpty()) {
            throw HttpError.unauthorized("this endpoint needs an 'Authorization: Bearer <token>' header", false);
        }
        if (values.size() > 1) {
            throw HttpError.unauthorized("give exactly one Authorization header", true);
        }
        String value = values.get(0).trim();
        if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw HttpError.unauthorized("the Authorization header must use the Bearer scheme", true);
        }
        byte[] given = value.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, token)) {
            throw HttpError.unauthorized("the bearer token is not valid", true);
        }
    }

    private boolean isOpen(String method, String path) {
        for (Route r : routes) {
            if (r.open() && r.method().equals(method) && r.path().matcher(path).matches()) {
                return true;
            }
        }
        return false;
    }

    private record Matched(Route.Handler handler, Request request) {}

    private Matched route(HttpExchange exchange, String method, String path) {
        Set<String> allowed = new LinkedHashSet<>();
        for (Route r : routes) {
            Matcher m = r.path().matcher(path);
            if (!m.matches()) {
                continue;
            }
            if (!r.method().equals(method)) {
                allowed.add(r.method());
                continue;
            }
            List<String> params = new ArrayList<>(m.groupCount());
            for (int g = 1; g <= m.groupCount(); g++) {
                params.add(decodeSegment(m.group(g)));
            }
            return new Matched(r.handler(), new Request(exchange, params, maxBodyBytes));
        }
        if (!allowed.isEmpty()) {
            throw HttpError.methodNotAllowed(method, path, String.join(", ", allowed));
        }
        throw HttpError.notFound("no endpoint at " + HttpError.shorten(path));
    }

    private static String decodeSegment(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("the path is not properly percent-encoded");
        }
    }

    /** The answer for a failure: Tuneloop's exceptions by what the caller can do, anything else a logged 500. */
    static HttpError toHttpError(Throwable e, String method, String path) {
        if (e instanceof HttpError h) {
            return h;
        }
        if (e instanceof ValidationException v) {
            return new HttpError(400, "validation_failed", v.getMessage(), v.problems(), Map.of());
        }
        if (e instanceof NotFoundException) {
            return new HttpError(404, "not_found", e.getMessage(), List.of(), Map.of());
        }
        if (e instanceof NotReadyException n) {
            return new HttpError(409, "not_ready", n.getMessage(), n.failures(), Map.of());
        }
        if (e instanceof ConflictException) {
            return new HttpError(409, "conflict", e.getMessage(), List.of(), Map.of());
        }
        if (e instanceof FineTuningUnavailableException) {
            // retrying will not help: the account or model cannot be fine-tuned
            return new HttpError(409, "fine_tuning_unavailable", e.getMessage(), List.of(), Map.of());
        }
        if (e instanceof ProviderAuthenticationException) {
            return new HttpError(502, "provider_authentication_failed", e.getMessage(), List.of(), Map.of());
        }
        if (e instanceof RetriableException) {
            return new HttpError(
                    503,
                    "unavailable",
                    e.getMessage(),
                    List.of(),
                    Map.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)));
        }
        String ref = UUID.randomUUID().toString().substring(0, 8);
        LOG.error("admin {} {} failed unexpectedly (ref {})", method, path, ref, e);
        String what = e instanceof TuneloopException ? "the operation failed" : "internal error";
        return new HttpError(
                500, "internal_error", what + "; see the server log for reference " + ref, List.of(), Map.of());
    }
}
