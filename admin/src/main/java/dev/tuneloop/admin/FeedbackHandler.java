package dev.tuneloop.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.tuneloop.errors.Checks;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.record.Rating;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /admin/feedback}: feedback straight from the browser, authorized by a {@link FeedbackTokens} token
 * alone (no admin token), on its own context so the admin API's bearer check never sees it. Answers CORS preflights
 * for the configured origins, limits requests per client address and minute, and records through the host's
 * recorder (which never throws). A token that is malformed, tampered with, foreign or expired is a 401 and records
 * nothing; a kind the token does not allow is a 403.
 */
final class FeedbackHandler implements HttpHandler {
    static final String PATH = AdminServer.BASE_PATH + "feedback";
    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
    private static final int MAX_TEXT_BYTES = 64 * 1024;

    private final FeedbackTokens tokens;
    private final InteractionRecorder recorder;
    private final Set<String> origins;
    private final int perMinute;
    private final long maxBodyBytes;
    private final Clock clock;
    private final ReadDeadlines deadlines;
    private final Map<String, long[]> windows = new ConcurrentHashMap<>();

    FeedbackHandler(AdminServer.Builder b, ReadDeadlines deadlines) {
        this.tokens = Objects.requireNonNull(b.feedbackTokens, "feedback tokens");
        this.recorder = Objects.requireNonNull(b.feedbackRecorder, "feedback recorder");
        this.origins = Set.copyOf(b.feedbackOrigins);
        this.perMinute = b.feedbackRequestsPerMinute;
        this.maxBodyBytes = Math.min(b.maxBodyBytes, 2L * MAX_TEXT_BYTES);
        this.clock = b.feedbackClock;
        this.deadlines = deadlines;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        ReadDeadlines.Guard guard = deadlines.enter();
        try {
            if (!guard.expired) {
                serve(exchange);
            }
        } finally {
            ReadDeadlines.drain(exchange::close);
            deadlines.leave(guard);
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        Responses.securityHeaders(exchange.getResponseHeaders(), Responses.API_CSP);
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        try {
            if (!path.equals(PATH)) {
                throw HttpError.notFound("no endpoint at " + HttpError.shorten(path));
            }
            String origin = exchange.getRequestHeaders().getFirst("Origin");
            if (origin != null) {
                if (!origins.contains(origin)) {
                    throw new HttpError(
                            403,
                            "origin_not_allowed",
                            "this origin may not send feedback; allowed origins are configured on the server",
                            List.of(),
                            Map.of());
                }
                Headers h = exchange.getResponseHeaders();
                h.set("Access-Control-Allow-Origin", origin);
                h.set("Vary", "Origin");
            }
            if (method.equals("OPTIONS")) {
                Headers h = exchange.getResponseHeaders();
                h.set("Access-Control-Allow-Methods", "POST");
                h.set("Access-Control-Allow-Headers", "Content-Type");
                h.set("Access-Control-Max-Age", "600");
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            if (!method.equals("POST")) {
                throw HttpError.methodNotAllowed(method, path, "POST, OPTIONS");
            }
            limit(exchange);
            record(new Request(exchange, List.of(), maxBodyBytes).jsonBody());
            ObjectNode out = Json.object();
            out.put("accepted", true);
            Responses.json(exchange, 202, out);
        } catch (ReadDeadlines.ConnectionGone e) {
            LOG.debug("feedback {} {}: {}", method, path, e.getMessage());
        } catch (Exception e) {
            if (exchange.getResponseCode() != -1) {
                return;
            }
            HttpError error = AdminHandler.toHttpError(e, method, path);
            Responses.json(exchange, error.status, Json.error(error), error.headers);
        }
    }

    /** A fixed one-minute window per client address. */
    private void limit(HttpExchange exchange) {
        InetSocketAddress remote = exchange.getRemoteAddress();
        String client = remote == null || remote.getAddress() == null
                ? "unknown"
                : remote.getAddress().getHostAddress();
        long minute = clock.millis() / 60_000;
        long[] w = windows.compute(client, (k, v) -> {
            if (v == null || v[0] != minute) {
                return new long[] {minute, 1};
            }
            v[1]++;
            return v;
        });
        if (windows.size() > 10_000) {
            windows.entrySet().removeIf(e -> e.getValue()[0] != minute);
        }
        if (w[1] > perMinute) {
            long retry = 60 - (clock.millis() / 1000) % 60;
            throw new HttpError(
                    429,
                    "too_many_requests",
                    "at most " + perMinute + " feedback requests per minute from one client",
                    List.of(),
                    Map.of("Retry-After", Long.toString(retry)));
        }
    }

    private void record(ObjectNode body) {
        Request.onlyFields(body, Set.of("token", "kind", "rating", "comment", "text"));
        String token = Request.text(body, "token");
        FeedbackTokens.Check check = tokens.check(token);
        if (check.grant() == null) {
            throw new HttpError(
                    401,
                    "invalid_token",
                    check.problem(),
                    List.of(),
                    Map.of("WWW-Authenticate", "FeedbackToken error=\"invalid_token\""));
        }
        FeedbackTokens.Grant grant = check.grant();
        String kindName = Request.requiredText(body, "kind");
        FeedbackTokens.Kind kind = switch (kindName) {
            case "rating" -> FeedbackTokens.Kind.RATING;
            case "edit" -> FeedbackTokens.Kind.EDIT;
            case "follow_up" -> FeedbackTokens.Kind.FOLLOW_UP;
            default ->
                throw HttpError.badRequest(
                        "kind must be one of rating, edit, follow_up, but was '" + HttpError.shorten(kindName) + "'");
        };
        if (!grant.kinds().contains(kind)) {
            throw new HttpError(
                    403, "forbidden", "this feedback token does not allow " + kindName, List.of(), Map.of());
        }
        String text = Request.text(body, "text");
        String comment = Request.text(body, "comment");
        switch (kind) {
            case RATING -> {
                String value = Request.requiredText(body, "rating");
                Checks.start()
                        .text("comment", comment, false, Rating.MAX_COMMENT_BYTES)
                        .orThrow();
                boolean up = switch (value) {
                    case "up" -> true;
                    case "down" -> false;
                    default ->
                        throw HttpError.badRequest(
                                "rating must be up or down, but was '" + HttpError.shorten(value) + "'");
                };
                Rating r = comment == null
                        ? (up ? Rating.up() : Rating.down())
                        : (up ? Rating.up(comment) : Rating.down(comment));
                recorder.rate(grant.interactionId(), r);
            }
            case EDIT -> {
                Checks.start().text("text", text, true, MAX_TEXT_BYTES).orThrow();
                recorder.edit(grant.interactionId(), Objects.requireNonNull(text, "text"));
            }
            case FOLLOW_UP -> {
                Checks.start().text("text", text, false, MAX_TEXT_BYTES).orThrow();
                if (text == null) {
                    recorder.followUp(grant.interactionId());
                } else {
                    recorder.followUp(grant.interactionId(), text);
                }
            }
        }
    }
}
