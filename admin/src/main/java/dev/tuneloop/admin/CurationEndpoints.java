package dev.tuneloop.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuneloop.curate.Candidate;
import dev.tuneloop.curate.CurationPolicy;
import dev.tuneloop.curate.Curator;
import dev.tuneloop.curate.ReadinessReport;
import dev.tuneloop.curate.Review;
import dev.tuneloop.curate.ReviewOutcome;
import dev.tuneloop.curate.ReviewQueue;
import dev.tuneloop.curate.Suggestion;
import dev.tuneloop.curate.SuggestionStore;
import dev.tuneloop.curate.Taxonomy;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.metrics.FlywheelMetrics;
import dev.tuneloop.record.InteractionId;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** The weekly curation over HTTP: candidates, approve, reject, the taxonomy, the readiness checklist, the metrics. */
final class CurationEndpoints {
    static final int DEFAULT_CANDIDATES = 200;
    static final int MAX_CANDIDATES = 1000;
    private static final String ID = "/admin/curation/candidates/([^/]+)";

    private final @Nullable Curator curator;
    private final @Nullable CurationPolicy policy;
    private final @Nullable Taxonomy taxonomy;
    private final String defaultReviewer;
    private final @Nullable Supplier<ReadinessReport> readiness;
    private final @Nullable FlywheelMetrics metrics;
    private final @Nullable ReviewQueue queue;
    private final @Nullable SuggestionStore suggestions;

    CurationEndpoints(AdminServer.Builder b) {
        this.curator = b.curator;
        this.policy = b.policy;
        this.taxonomy = b.taxonomy;
        this.defaultReviewer = b.defaultReviewer;
        this.readiness = b.readiness;
        this.metrics = b.metrics;
        this.queue = b.reviewQueue;
        this.suggestions = b.suggestions;
    }

    List<Route> routes() {
        return List.of(
                Route.get("/admin/curation/candidates", this::candidates),
                Route.post(ID + "/approve", this::approve),
                Route.post(ID + "/reject", this::reject),
                Route.get("/admin/curation/taxonomy", this::taxonomy),
                Route.get("/admin/curation/readiness", this::readiness),
                Route.get("/admin/metrics", this::metrics));
    }

    private Curator curator() {
        if (curator == null) {
            throw HttpError.notConfigured("curation is");
        }
        return curator;
    }

    private void candidates(Request r) throws IOException {
        r.query(Set.of("limit"));
        int limit = r.intParam("limit", 1, MAX_CANDIDATES, DEFAULT_CANDIDATES);
        Curator c = curator();
        CurationPolicy policy = Objects.requireNonNull(this.policy, "policy is set with the curator");
        CurationPolicy limited =
                policy.toBuilder().limit(Math.min(limit, policy.limit())).build();
        // the curator already orders edited first; a stable sort keeps its order within each group either way
        List<Candidate> found = c.candidates(limited).stream()
                .sorted(Comparator.comparing((Candidate x) -> !x.isEdited()))
                .toList();
        ObjectNode body = Json.object();
        body.put("count", found.size());
        ArrayNode list = body.putArray("candidates");
        for (Candidate x : found) {
            ObjectNode n = Json.candidate(x);
            if (suggestions != null) {
                suggestions.find(x.interactionId()).ifPresent(s -> n.set("suggestion", suggestion(s)));
            }
            list.add(n);
        }
        Responses.json(r.exchange, 200, body);
    }

    private void approve(Request r) throws IOException {
        Curator c = curator();
        InteractionId id = interactionId(r);
        ObjectNode body = r.jsonBody();
        Request.onlyFields(body, Set.of("answer", "category", "quality_score", "notes", "reviewer"));
        String category = Request.requiredText(body, "category");
        Integer score = Request.integer(body, "quality_score", 1, 10);
        if (score == null) {
            throw HttpError.badRequest("quality_score is required and must be an integer between 1 and 10");
        }
        String answer = Request.text(body, "answer");
        if (answer != null && answer.isBlank()) {
            throw HttpError.badRequest("answer must not be blank (leave it out to keep the user's answer)");
        }
        Review review = new Review(reviewer(r, body), answer, category, score, Request.text(body, "notes"));
        // with a review queue, a candidate another reviewer holds is refused (409 naming the holder); one in the blind
        // double-review share is stored as a blind decision and promotes only when a second reviewer agrees
        if (queue != null) {
            Responses.json(r.exchange, 200, outcome(queue.submit(id, review)));
            return;
        }
        ObjectNode out = Json.object();
        out.set("example", Json.example(c.approve(id, review)));
        Responses.json(r.exchange, 200, out);
    }

    private void reject(Request r) throws IOException {
        Curator c = curator();
        InteractionId id = interactionId(r);
        ObjectNode body = r.jsonBody();
        Request.onlyFields(body, Set.of("reason", "reviewer"));
        String reason = Request.requiredText(body, "reason");
        String reviewer = reviewer(r, body);
        if (queue != null) {
            Responses.json(r.exchange, 200, outcome(queue.submitRejection(id, reason, reviewer)));
            return;
        }
        ObjectNode out = Json.object();
        out.set("example", Json.example(c.reject(id, reason, reviewer)));
        Responses.json(r.exchange, 200, out);
    }

    private void taxonomy(Request r) throws IOException {
        r.query(Set.of());
        if (taxonomy == null) {
            throw HttpError.notConfigured("curation is");
        }
        Responses.json(r.exchange, 200, Json.taxonomy(taxonomy));
    }

    private void readiness(Request r) throws IOException {
        r.query(Set.of());
        if (readiness == null) {
            throw HttpError.notConfigured("the readiness checklist is");
        }
        Responses.json(r.exchange, 200, Json.readiness(readiness.get()));
    }

    private void metrics(Request r) throws IOException {
        r.query(Set.of());
        if (metrics == null) {
            throw HttpError.notConfigured("metrics are");
        }
        Responses.json(r.exchange, 200, Json.metrics(metrics.measure()));
    }

    /** {@code {"outcome": "PROMOTED"|"REJECTED"|"AWAITING_SECOND_REVIEW"|"DISAGREEMENT", "example": …}}. */
    static ObjectNode outcome(ReviewOutcome o) {
        ObjectNode out = Json.object();
        out.put("outcome", o.state().name());
        TrainingExample e = o.example();
        if (e != null) {
            out.set("example", Json.example(e));
        }
        return out;
    }

    /** A suggestion as JSON: category, quality_score, reason, improved_answer, model, created_at. */
    static ObjectNode suggestion(Suggestion s) {
        ObjectNode n = Json.object();
        n.put("category", s.category().name());
        n.put("quality_score", s.quality().value());
        n.put("reason", s.reason());
        n.put("improved_answer", s.improvedResponse());
        n.put("model", s.model());
        n.put("created_at", Json.iso(s.createdAt()));
        return n;
    }

    private String reviewer(Request r, ObjectNode body) {
        return r.reviewer(Request.text(body, "reviewer"), "field reviewer", defaultReviewer);
    }

    static InteractionId interactionId(Request r) {
        try {
            return InteractionId.parse(r.pathParam(0));
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest(
                    "interaction_id must be a UUID, but was '" + HttpError.shorten(r.pathParam(0)) + "'");
        }
    }
}
