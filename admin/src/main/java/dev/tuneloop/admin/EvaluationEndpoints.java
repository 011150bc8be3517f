package dev.tuneloop.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuneloop.eval.EvaluationReport;
import dev.tuneloop.tune.EvaluationSummary;
import dev.tuneloop.tune.ModelRegistry;
import dev.tuneloop.tune.ModelVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The evaluation reports the model registry holds: their summaries, and each one's HTML report ({@link
 * EvaluationReport#toHtml()}: inline CSS and SVG, no script). The HTML is served under a policy that runs no script
 * and loads nothing ({@link #REPORT_CSP}); the console embeds it in a sandboxed frame through a single-use link, since
 * a frame cannot send the bearer token.
 */
final class EvaluationEndpoints {
    /** How long a report link stays valid. */
    static final Duration LINK_TTL = Duration.ofSeconds(60);
    /** The most unused links kept; the oldest goes first. */
    static final int MAX_LINKS = 256;
    /** A report page: inline styles and images only, no script, sandboxed; framed by this server's pages only. */
    static final String REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox;"
            + " base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

    private static final Pattern VERSION = Pattern.compile("v[1-9][0-9]{0,8}");
    private static final Pattern TICKET = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final String REPORT = "/admin/evaluation/reports/([^/]+)";

    private final @Nullable ModelRegistry registry;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** Unused links: ticket → version and expiry; guarded by itself. */
    private final Map<String, Link> links = new LinkedHashMap<>();

    private record Link(String version, Instant expires) {}

    EvaluationEndpoints(AdminServer.Builder b) {
        this.registry = b.registry;
        this.clock = b.clock;
    }

    List<Route> routes() {
        return List.of(
                Route.get("/admin/evaluation/reports", this::reports),
                Route.get(REPORT + "/html", this::html),
                Route.post(REPORT + "/link", this::link),
                Route.openGet("/admin/evaluation/view/([^/]+)", this::view));
    }

    private ModelRegistry registry() {
        if (registry == null) {
            throw HttpError.notConfigured("the model registry is");
        }
        return registry;
    }

    /** {@code GET /admin/evaluation/reports}: every evaluated version, newest first, with its summary. */
    private void reports(Request r) throws IOException {
        r.query(Set.of());
        List<ModelVersion> versions = registry().versions();
        ObjectNode out = Json.object();
        ArrayNode items = out.putArray("reports");
        for (int i = versions.size() - 1; i >= 0; i--) {
            ModelVersion v = versions.get(i);
            EvaluationSummary e = v.evaluation();
            if (e == null) {
                continue;
            }
            items.addObject()
                    .put("version", v.version())
                    .put("base_model", e.baseModel())
                    .put("candidate_model", e.candidateModel())
                    .put("base_mean_score", e.baseMeanScore())
                    .put("candidate_mean_score", e.candidateMeanScore())
                    .put("candidate_accuracy", e.candidateAccuracy())
                    .put("promote", e.promote())
                    .put("evaluated_at", Json.iso(e.evaluatedAt()))
                    .put("amended", e.amended())
                    .put("deployed_at", Json.iso(v.deployedAt()));
        }
        out.put("count", items.size());
        Responses.json(r.exchange, 200, out);
    }

    /** {@code GET /admin/evaluation/reports/{version}/html}: the report page, for download (never framed). */
    private void html(Request r) throws IOException {
        r.query(Set.of());
        byte[] page = page(version(r.pathParam(0)));
        r.exchange.getResponseHeaders().set("Content-Security-Policy", REPORT_CSP.replace("'self'", "'none'"));
        Responses.bytes(r.exchange, 200, "text/html; charset=utf-8", page);
    }

    /**
     * {@code POST /admin/evaluation/reports/{version}/link}: a single-use address of the report page, valid for
     * {@link #LINK_TTL}, for a frame in the console.
     */
    private void link(Request r) throws IOException {
        r.query(Set.of());
        String version = version(r.pathParam(0));
        page(version); // refuse a link to a report that cannot be shown
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        Instant expires = now.plus(LINK_TTL);
        synchronized (links) {
            links.values().removeIf(l -> !l.expires().isAfter(now));
            while (links.size() >= MAX_LINKS) {
                links.remove(links.keySet().iterator().next());
            }
            links.put(ticket, new Link(version, expires));
        }
        ObjectNode out = Json.object();
        out.put("version", version);
        out.put("url", "evaluation/view/" + ticket);
        out.put("expires_at", Json.iso(expires));
        Responses.json(r.exchange, 200, out);
    }

    /** {@code GET /admin/evaluation/view/{ticket}}: the report page of a link, once; open (the link authorizes). */
    private void view(Request r) throws IOException {
        String ticket = r.pathParam(0);
        Link link = null;
        if (TICKET.matcher(ticket).matches()) {
            synchronized (links) {
                link = links.remove(ticket);
            }
        }
        if (link == null || !link.expires().isAfter(clock.instant())) {
            throw HttpError.notFound("this report link is unknown, used or expired; open the report again");
        }
        r.query(Set.of());
        byte[] page = page(link.version());
        r.exchange.getResponseHeaders().set("Content-Security-Policy", REPORT_CSP);
        r.exchange.getResponseHeaders().set("X-Frame-Options", "SAMEORIGIN");
        Responses.bytes(r.exchange, 200, "text/html; charset=utf-8", page);
    }

    private static String version(String raw) {
        if (!VERSION.matcher(raw).matches()) {
            throw HttpError.badRequest("version must be like v1, v2, …, but was '" + HttpError.shorten(raw) + "'");
        }
        return raw;
    }

    private byte[] page(String version) {
        ModelVersion v = registry().getVersion(version);
        EvaluationSummary e = v.evaluation();
        if (e == null) {
            throw HttpError.notFound("model version " + version + " has no evaluation");
        }
        EvaluationReport report;
        try {
            report = EvaluationReport.fromJson(e.reportJson());
        } catch (RuntimeException ex) {
            throw HttpError.notFound("the evaluation of " + version + " holds no full report (only its summary)");
        }
        return report.toHtml().getBytes(StandardCharsets.UTF_8);
    }
}
