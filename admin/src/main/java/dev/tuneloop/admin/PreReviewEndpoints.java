package dev.tuneloop.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuneloop.curate.Candidate;
import dev.tuneloop.curate.CurationPolicy;
import dev.tuneloop.curate.Curator;
import dev.tuneloop.eval.PreReviewer;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pre-reviewer over HTTP: the cost estimate of a run over the current candidates, a confirmed run in the
 * background (one at a time, optionally only within a budget), and its progress.
 */
final class PreReviewEndpoints {
    private static final Logger LOG = LoggerFactory.getLogger(PreReviewEndpoints.class);
    static final String CURRENT = "/admin/review/pre-review/runs/current";
    /** The largest {@code max_calls} accepted. */
    static final int MAX_CALLS = 1_000_000;

    private final @Nullable PreReviewer preReviewer;
    private final @Nullable Curator curator;
    private final @Nullable CurationPolicy policy;
    private final Clock clock;

    /** The latest run started on this server, with what it was started from; guarded by {@code this}. */
    private @Nullable Started current;

    PreReviewEndpoints(AdminServer.Builder b) {
        this.preReviewer = b.preReviewer;
        this.curator = b.curator;
        this.policy = b.policy;
        this.clock = b.clock;
    }

    List<Route> routes() {
        return List.of(
                Route.post("/admin/review/pre-review/estimate", this::estimate),
                Route.post("/admin/review/pre-review/runs", this::start),
                Route.get(CURRENT, this::current));
    }

    private record Started(PreReviewer.Run run, PreReviewer.CostEstimate estimate, Instant startedAt) {}

    private PreReviewer preReviewer() {
        if (preReviewer == null) {
            throw HttpError.notConfigured("the pre-reviewer is");
        }
        return preReviewer;
    }

    /** The curation policy's candidates, at most {@code limit} of them (the policy's own limit when null). */
    private List<Candidate> candidates(@Nullable Integer limit) {
        if (curator == null) {
            throw HttpError.notConfigured("curation is");
        }
        CurationPolicy p = Objects.requireNonNull(policy, "policy is set with the curator");
        CurationPolicy limited = limit == null
                ? p
                : p.toBuilder().limit(Math.min(limit, p.limit())).build();
        return curator.candidates(limited);
    }

    /** {@code POST /admin/review/pre-review/estimate {"limit": 200}}: what a run would cost; calls no model. */
    private void estimate(Request r) throws IOException {
        r.query(Set.of());
        PreReviewer pre = preReviewer();
        ObjectNode body = r.jsonBody();
        Request.onlyFields(body, Set.of("limit"));
        Integer limit = Request.integer(body, "limit", 1, CurationEndpoints.MAX_CANDIDATES);
        Responses.json(r.exchange, 200, estimateJson(pre.estimate(candidates(limit))));
    }

    /**
     * {@code POST /admin/review/pre-review/runs {"confirm": true, "limit": 200, "max_usd": 1.5, "max_calls": 500}}:
     * starts a run over the candidates in the background, only when confirmed, within the budget given, and when no
     * other run is going (409).
     */
    private void start(Request r) throws IOException {
        r.query(Set.of());
        PreReviewer pre = preReviewer();
        ObjectNode body = r.jsonBody();
        Request.onlyFields(body, Set.of("confirm", "limit", "max_usd", "max_calls"));
        Integer limit = Request.integer(body, "limit", 1, CurationEndpoints.MAX_CANDIDATES);
        BigDecimal maxUsd = usd(body, "max_usd");
        Integer maxCalls = Request.integer(body, "max_calls", 0, MAX_CALLS);
        LaunchEndpoints.requireConfirm(
                body, "sends the candidates to the pre-reviewer's model, which may bill each call");
        Started started;
        synchronized (this) {
            Started running = current;
            if (running != null && !running.run().progress().finished()) {
                PreReviewer.Progress p = running.run().progress();
                throw new HttpError(
                        409,
                        "conflict",
                        "a pre-review run is already going (" + p.done() + " of " + p.total()
                                + " done, started " + Json.iso(running.startedAt())
                                + "); wait for it to finish (GET " + CURRENT + ")",
                        List.of(),
                        Map.of());
            }
            List<Candidate> work = candidates(limit);
            PreReviewer.CostEstimate estimate = pre.estimate(work);
            withinBudget(estimate, maxUsd, maxCalls);
            started = new Started(pre.start(work), estimate, clock.instant());
            current = started;
        }
        LOG.info(
                "pre-review run started over {} candidates: {} model calls, {} cached",
                started.estimate().candidates(),
                started.estimate().calls(),
                started.estimate().cached());
        Responses.json(r.exchange, 202, runJson(started), Map.of("Location", CURRENT));
    }

    /** {@code GET /admin/review/pre-review/runs/current}: the latest run's progress, or {@code "state": "none"}. */
    private void current(Request r) throws IOException {
        r.query(Set.of());
        preReviewer();
        Started s;
        synchronized (this) {
            s = current;
        }
        if (s == null) {
            ObjectNode out = Json.object();
            out.put("state", "none");
            Responses.json(r.exchange, 200, out);
            return;
        }
        Responses.json(r.exchange, 200, runJson(s));
    }

    /** Refuses a run whose estimate exceeds a budget the request gives. @throws HttpError 400 naming the field */
    private static void withinBudget(
            PreReviewer.CostEstimate estimate, @Nullable BigDecimal maxUsd, @Nullable Integer maxCalls) {
        if (maxCalls != null && estimate.calls() > maxCalls) {
            throw HttpError.badRequest("max_calls is " + maxCalls + ", but the run would make " + estimate.calls()
                    + " model calls (" + estimate.cached() + " of " + estimate.candidates()
                    + " candidates are cached); nothing was started");
        }
        if (maxUsd == null) {
            return;
        }
        BigDecimal usd = estimate.usd();
        if (usd == null) {
            throw HttpError.badRequest("max_usd cannot be checked: the pre-reviewer has no price for its model"
                    + " (PreReviewer.Builder.prices); leave max_usd out or give a price; nothing was started");
        }
        if (usd.compareTo(maxUsd) > 0) {
            throw HttpError.badRequest("max_usd is " + maxUsd.toPlainString() + ", but the estimate is "
                    + usd.toPlainString() + " USD for " + estimate.calls() + " model calls; nothing was started");
        }
    }

    /** A non-negative number field; null when absent. @throws HttpError 400 naming the field */
    private static @Nullable BigDecimal usd(ObjectNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isNumber() || n.decimalValue().signum() < 0) {
            throw HttpError.badRequest(
                    field + " must be a number of US dollars, at least 0, but was " + HttpError.shorten(n.toString()));
        }
        return n.decimalValue();
    }

    private static ObjectNode estimateJson(PreReviewer.CostEstimate e) {
        ObjectNode out = Json.object();
        out.put("candidates", e.candidates());
        out.put("cached", e.cached());
        out.put("calls", e.calls());
        out.put("prompt_tokens", e.promptTokens());
        out.put("max_output_tokens", e.maxOutputTokens());
        out.put("estimated_tokens", e.promptTokens() + e.maxOutputTokens());
        out.put("estimated_cost_usd", e.usd());
        return out;
    }

    private static ObjectNode runJson(Started s) {
        PreReviewer.Progress p = s.run().progress();
        ObjectNode out = Json.object();
        out.put("state", p.finished() ? "finished" : "running");
        out.put("started_at", Json.iso(s.startedAt()));
        out.put("total", p.total());
        out.put("done", p.done());
        out.put("called", p.called());
        out.put("suggested", p.suggested());
        out.put("cached", p.cached());
        out.put("unparseable", p.unparseable());
        out.put("failed", p.failed());
        out.put("auto_rejected", p.autoRejected());
        out.set("estimate", estimateJson(s.estimate()));
        return out;
    }
}
