package dev.tuneloop.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuneloop.curate.AgreementReport;
import dev.tuneloop.curate.BlindCase;
import dev.tuneloop.curate.BlindDecision;
import dev.tuneloop.curate.Category;
import dev.tuneloop.curate.ExampleStore;
import dev.tuneloop.curate.QualityScore;
import dev.tuneloop.curate.Review;
import dev.tuneloop.curate.ReviewQueue;
import dev.tuneloop.curate.SuggestionAgreement;
import dev.tuneloop.curate.SuggestionStore;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.record.InteractionId;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Blind double review and the pre-reviewer over HTTP: the disagreements to settle, settling one, the reviewers'
 * agreement report and the suggestions' agreement with the human decisions.
 */
final class AgreementEndpoints {
    private static final String ID = "/admin/review/disagreements/([^/]+)";

    private final @Nullable ReviewQueue queue;
    private final @Nullable SuggestionStore suggestions;
    private final @Nullable ExampleStore examples;

    AgreementEndpoints(AdminServer.Builder b) {
        this.queue = b.reviewQueue;
        this.suggestions = b.suggestions;
        this.examples = b.suggestionExamples;
    }

    List<Route> routes() {
        return List.of(
                Route.get("/admin/review/disagreements", this::disagreements),
                Route.post(ID + "/settle", this::settle),
                Route.get("/admin/review/agreement", this::agreement),
                Route.get("/admin/review/suggestions/agreement", this::suggestionAgreement));
    }

    private ReviewQueue blindQueue() {
        if (queue == null) {
            throw HttpError.notConfigured("the review queue is");
        }
        return queue;
    }

    /** {@code GET /admin/review/disagreements}: complete blind cases without an example, oldest first. */
    private void disagreements(Request r) throws IOException {
        r.query(Set.of());
        List<BlindCase> open = blindQueue().disagreements();
        ObjectNode out = Json.object();
        out.put("count", open.size());
        ArrayNode items = out.putArray("disagreements");
        for (BlindCase c : open) {
            ObjectNode n = items.addObject();
            n.put("interaction_id", c.interactionId().toString());
            ArrayNode decisions = n.putArray("decisions");
            c.decisions().forEach(d -> decisions.add(decision(d)));
        }
        Responses.json(r.exchange, 200, out);
    }

    /**
     * {@code POST /admin/review/disagreements/{id}/settle {"reviewer", "reason", "decision": "approve"|"reject",
     * "category", "quality_score", "answer", "notes"}}: the final decision, both blind decisions kept.
     */
    private void settle(Request r) throws IOException {
        ReviewQueue q = blindQueue();
        InteractionId id = CurationEndpoints.interactionId(r);
        ObjectNode body = r.jsonBody();
        Request.onlyFields(
                body, Set.of("reviewer", "reason", "decision", "category", "quality_score", "answer", "notes"));
        String reviewer = Request.requiredText(body, "reviewer");
        String reason = Request.requiredText(body, "reason");
        String decision = Request.requiredText(body, "decision");
        TrainingExample example;
        switch (decision) {
            case "approve" -> {
                String category = Request.requiredText(body, "category");
                Integer score = Request.integer(body, "quality_score", 1, 10);
                if (score == null) {
                    throw HttpError.badRequest("quality_score is required to approve and must be an integer 1-10");
                }
                String answer = Request.text(body, "answer");
                if (answer != null && answer.isBlank()) {
                    throw HttpError.badRequest("answer must not be blank (leave it out to keep the user's answer)");
                }
                example = q.settle(
                        id, new Review(reviewer, answer, category, score, Request.text(body, "notes")), reason);
            }
            case "reject" -> example = q.settleByRejecting(id, reviewer, reason);
            default ->
                throw HttpError.badRequest(
                        "decision must be 'approve' or 'reject', but was '" + HttpError.shorten(decision) + "'");
        }
        ObjectNode out = Json.object();
        out.set("example", Json.example(example));
        Responses.json(r.exchange, 200, out);
    }

    /** {@code GET /admin/review/agreement}: kappa, correlation and mean |diff| per reviewer pair, disagreements. */
    private void agreement(Request r) throws IOException {
        r.query(Set.of());
        AgreementReport report = blindQueue().agreement();
        ObjectNode out = Json.object();
        ArrayNode pairs = out.putArray("pairs");
        for (AgreementReport.PairAgreement p : report.pairs()) {
            ObjectNode n = pairs.addObject();
            n.put("first", p.first());
            n.put("second", p.second());
            n.put("items", p.items());
            n.put("category_kappa", p.categoryKappa());
            n.put("quality_correlation", p.qualityCorrelation());
            n.put("quality_mean_absolute_difference", p.qualityMeanAbsoluteDifference());
        }
        ArrayNode differing = out.putArray("disagreements");
        for (AgreementReport.Disagreement d : report.disagreements()) {
            ObjectNode n = differing.addObject();
            n.put("interaction_id", d.interactionId().toString());
            ArrayNode on = n.putArray("on");
            d.on().forEach(on::add);
            n.put("first_reviewer", d.first().reviewer());
            n.put("second_reviewer", d.second().reviewer());
        }
        Responses.json(r.exchange, 200, out);
    }

    /** {@code GET /admin/review/suggestions/agreement}: the pre-reviewer's agreement with the human decisions. */
    private void suggestionAgreement(Request r) throws IOException {
        r.query(Set.of());
        if (suggestions == null || examples == null) {
            throw HttpError.notConfigured("the pre-reviewer's suggestions are");
        }
        SuggestionAgreement a = SuggestionAgreement.of(suggestions, examples);
        ObjectNode out = Json.object();
        out.put("items", a.items());
        out.put("category_agreement", a.categoryAgreement());
        out.put("category_kappa", a.categoryKappa());
        out.put("approved_items", a.approvedItems());
        out.put("quality_mean_absolute_difference", a.qualityMeanAbsoluteDifference());
        out.put("quality_correlation", a.qualityCorrelation());
        Responses.json(r.exchange, 200, out);
    }

    private static ObjectNode decision(BlindDecision d) {
        ObjectNode n = Json.object();
        n.put("reviewer", d.reviewer());
        n.put("decision", d.approved() ? "approve" : "reject");
        Category category = d.category();
        QualityScore quality = d.quality();
        n.put("category", category == null ? null : category.name());
        n.put("quality_score", quality == null ? null : quality.value());
        n.put("improved_answer", d.improvedResponse());
        n.put("note", d.note());
        n.put("reviewed_at", Json.iso(d.reviewedAt()));
        return n;
    }
}
