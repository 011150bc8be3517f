package dev.tuneloop.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuneloop.metrics.ArmReport;
import dev.tuneloop.metrics.ArmStats;
import dev.tuneloop.metrics.Guardrail;
import dev.tuneloop.metrics.GuardrailDecision;
import dev.tuneloop.metrics.ProportionTest;
import dev.tuneloop.record.InteractionStore;
import dev.tuneloop.record.ScanQuery;
import dev.tuneloop.route.AbRouter;
import dev.tuneloop.route.Arm;
import dev.tuneloop.route.RoutingHash;
import dev.tuneloop.route.RoutingPlan;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The deployment page over HTTP: the routing plan in force, ramping the first (fine-tuned) arm, the kill switch, and
 * each arm's metrics with the guardrail's verdict. Changes go through {@link AbRouter#change}, so one made at the same
 * time by the host (or a guardrail) is never lost.
 */
final class DeploymentEndpoints {
    private final @Nullable AbRouter router;
    private final @Nullable InteractionStore interactions;
    private final @Nullable Guardrail guardrail;
    private final Duration window;
    private final Clock clock;

    DeploymentEndpoints(AdminServer.Builder b) {
        this.router = b.router;
        this.interactions = b.armInteractions;
        this.guardrail = b.guardrail;
        this.window = b.armWindow;
        this.clock = b.clock;
    }

    List<Route> routes() {
        return List.of(
                Route.get("/admin/deployment", this::plan),
                Route.post("/admin/deployment/ramp", this::ramp),
                Route.post("/admin/deployment/kill-switch", this::killSwitch),
                Route.get("/admin/deployment/arms", this::arms));
    }

    private AbRouter router() {
        if (router == null) {
            throw HttpError.notConfigured("deployment (a router) is");
        }
        return router;
    }

    /** {@code GET /admin/deployment}: the plan in force. */
    private void plan(Request r) throws IOException {
        r.query(Set.of());
        Responses.json(r.exchange, 200, planJson(router().plan()));
    }

    /**
     * {@code POST /admin/deployment/ramp {"confirm": true, "basis_points": 5000}}: the first arm (the fine-tuned one
     * in a {@link RoutingPlan#fineTunedVsBase} plan) gets that share; the difference comes from or goes to the arms
     * after it ({@link RoutingPlan#rampFirstArm}). An {@code "arm"} given must be the first arm's name.
     */
    private void ramp(Request r) throws IOException {
        r.query(Set.of());
        AbRouter router = router();
        ObjectNode body = r.jsonBody();
        Request.onlyFields(body, Set.of("confirm", "basis_points", "arm"));
        Integer bp = Request.integer(body, "basis_points", 0, RoutingHash.BUCKETS);
        if (bp == null) {
            throw HttpError.badRequest(
                    "basis_points is required: the first arm's share, 0 to " + RoutingHash.BUCKETS + " (5000 = 50 %)");
        }
        String arm = Request.text(body, "arm");
        String first = router.plan().arms().get(0).name();
        if (arm != null && !arm.equals(first)) {
            throw HttpError.badRequest("arm must be the plan's first arm '" + first
                    + "' (ramping moves users between it and the arms after it), but was '" + HttpError.shorten(arm)
                    + "'");
        }
        LaunchEndpoints.requireConfirm(body, "changes which model users get");
        int share = bp;
        RoutingPlan next = router.change(p -> {
            if (arm != null && !p.arms().get(0).name().equals(arm)) {
                throw HttpError.badRequest("arm must be the plan's first arm, but the plan changed meanwhile");
            }
            return p.rampFirstArm(share);
        });
        Responses.json(r.exchange, 200, planJson(next));
    }

    /**
     * {@code POST /admin/deployment/kill-switch {"confirm": true, "on": true}}: on sends every request to the base
     * arm's model (or {@code "model"}); off restores every user's arm.
     */
    private void killSwitch(Request r) throws IOException {
        r.query(Set.of());
        AbRouter router = router();
        ObjectNode body = r.jsonBody();
        Request.onlyFields(body, Set.of("confirm", "on", "model"));
        JsonNode on = body.get("on");
        if (on == null || !on.isBoolean()) {
            throw HttpError.badRequest("on is required and must be true (everyone to the base model) or false");
        }
        String model = Request.text(body, "model");
        if (model != null && (model.isBlank() || model.length() > Arm.MAX_MODEL_CHARS)) {
            throw HttpError.badRequest("model must not be blank and at most " + Arm.MAX_MODEL_CHARS + " characters");
        }
        if (!on.booleanValue() && model != null) {
            throw HttpError.badRequest("model is only for turning the kill switch on");
        }
        LaunchEndpoints.requireConfirm(
                body, on.booleanValue() ? "sends every user to the base model" : "sends users back to their arms");
        RoutingPlan next = router.change(p ->
                on.booleanValue() ? p.withKillSwitch(model != null ? model : baseModel(p)) : p.withoutKillSwitch());
        Responses.json(r.exchange, 200, planJson(next));
    }

    /** The base arm's model: the guardrail's base arm, else the arm named {@value RoutingPlan#BASE_ARM}, else the last. */
    private String baseModel(RoutingPlan p) {
        String name = guardrail != null ? guardrail.baseArm() : RoutingPlan.BASE_ARM;
        return p.arm(name).orElse(p.arms().get(p.arms().size() - 1)).model();
    }

    /** {@code GET /admin/deployment/arms}: each arm's statistics over the window and the guardrail's verdict. */
    private void arms(Request r) throws IOException {
        r.query(Set.of());
        RoutingPlan plan = router().plan();
        if (interactions == null || guardrail == null) {
            throw HttpError.notConfigured("per-arm metrics (armMetrics) are");
        }
        Instant until = clock.instant();
        Instant from = until.minus(window);
        ArmReport report = ArmReport.collect(interactions, ScanQuery.between(from, until), plan);
        ObjectNode out = Json.object();
        out.put("from", Json.iso(from));
        out.put("until", Json.iso(until));
        out.put("unmapped", report.unmapped());
        ArrayNode arms = out.putArray("arms");
        for (ArmStats s : report.arms().values()) {
            ObjectNode a = arms.addObject();
            a.put("arm", s.arm());
            a.put("interactions", s.count());
            a.put("feedback_coverage", s.feedbackCoverage());
            a.put("thumbs_up_rate", s.thumbsUpRate());
            a.put("thumbs_down_rate", s.thumbsDownRate());
            a.put("edit_rate", s.editRate());
            a.put("follow_up_rate", s.followUpRate());
            a.put("latency_p50_ms", s.latencyP50().toMillis());
            a.put("latency_p95_ms", s.latencyP95().toMillis());
            a.put("tokens_per_interaction", s.tokensPerInteraction());
        }
        ObjectNode g = out.putObject("guardrail");
        g.put("base_arm", guardrail.baseArm());
        try {
            GuardrailDecision d = guardrail.evaluate(report);
            g.put("rollback", d.rollback());
            g.put("verdict", d.rollback() ? "rollback" : verdict(d));
            ArrayNode checks = g.putArray("checks");
            for (GuardrailDecision.Check c : d.checks()) {
                ObjectNode n = checks.addObject();
                n.put("rate", Json.lower(c.rate()));
                n.put("verdict", Json.lower(c.verdict()));
                n.put("reason", c.reason());
                ProportionTest t = c.test();
                if (t == null) {
                    n.putNull("p_value");
                } else {
                    n.put("candidate_rate", t.candidateRate());
                    n.put("base_rate", t.baseRate());
                    n.put("p_value", finite(t.pValueCandidateHigher()));
                }
            }
        } catch (dev.tuneloop.errors.ValidationException e) {
            // the plan lacks an arm the guardrail watches: say so instead of failing the page
            g.put("verdict", "not_applicable");
            g.put("reason", e.getMessage());
        }
        Responses.json(r.exchange, 200, out);
    }

    private static String verdict(GuardrailDecision d) {
        boolean insufficient =
                d.checks().stream().anyMatch(c -> c.verdict() == GuardrailDecision.Verdict.INSUFFICIENT_DATA);
        return insufficient ? "insufficient_data" : "ok";
    }

    private static @Nullable Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    static ObjectNode planJson(RoutingPlan p) {
        ObjectNode n = Json.object();
        n.put("salt", p.salt());
        n.put("kill_switch_on", p.killSwitchOn());
        n.put("kill_switch_model", p.killSwitchModel());
        n.put("anonymous_arm", p.anonymousArm());
        ArrayNode arms = n.putArray("arms");
        for (Arm a : p.arms()) {
            arms.addObject()
                    .put("name", a.name())
                    .put("model", a.model())
                    .put("basis_points", a.weight())
                    .put("percent", a.weight() / 100.0);
        }
        n.put("first_arm", Objects.requireNonNull(p.arms().get(0).name()));
        return n;
    }
}
