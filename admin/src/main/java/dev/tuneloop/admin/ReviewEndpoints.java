package dev.tuneloop.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuneloop.curate.Candidate;
import dev.tuneloop.curate.Claim;
import dev.tuneloop.curate.ReviewQueue;
import dev.tuneloop.curate.SuggestionStore;
import dev.tuneloop.record.InteractionId;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Review at team scale over HTTP: claim a batch, see one's queue, renew, give back, and who holds what. Approve and
 * reject stay at {@code /admin/curation/candidates/{id}/…}; with a queue configured they respect claims there.
 */
final class ReviewEndpoints {
    static final int DEFAULT_BATCH = 10;
    private static final String ID = "/admin/review/claims/([^/]+)";

    private final @Nullable ReviewQueue queue;
    private final @Nullable SuggestionStore suggestions;

    ReviewEndpoints(AdminServer.Builder b) {
        this.queue = b.reviewQueue;
        this.suggestions = b.suggestions;
    }

    List<Route> routes() {
        return List.of(
                Route.post("/admin/review/claim", this::claim),
                Route.get("/admin/review/queue", this::queue),
                Route.post("/admin/review/renew", this::renew),
                Route.post(ID + "/release", this::release),
                Route.get("/admin/review/claims", this::claims));
    }

    private ReviewQueue reviewQueue() {
        if (queue == null) {
            throw HttpError.notConfigured("the review queue is");
        }
        return queue;
    }

    /** {@code POST /admin/review/claim {"reviewer": "alice", "max": 10}}: the newly claimed candidates. */
    private void claim(Request r) throws IOException {
        ReviewQueue q = reviewQueue();
        ObjectNode body = r.jsonBody();
        Request.onlyFields(body, Set.of("reviewer", "max"));
        String reviewer = r.reviewer(Request.text(body, "reviewer"), "field reviewer", null);
        Integer max = Request.integer(body, "max", 1, ReviewQueue.MAX_BATCH);
        List<Candidate> claimed = q.claim(reviewer, max == null ? DEFAULT_BATCH : max);
        Responses.json(r.exchange, 200, candidates(q, reviewer, claimed));
    }

    /** {@code GET /admin/review/queue?reviewer=alice}: the candidates the reviewer holds now. */
    private void queue(Request r) throws IOException {
        ReviewQueue q = reviewQueue();
        String reviewer =
                r.reviewer(r.query(Set.of("reviewer")).get("reviewer"), "query parameter reviewer=<name>", null);
        Responses.json(r.exchange, 200, candidates(q, reviewer, q.queue(reviewer)));
    }

    /** {@code POST /admin/review/renew {"reviewer": "alice"}}: the renewed claims. */
    private void renew(Request r) throws IOException {
        ReviewQueue q = reviewQueue();
        ObjectNode body = r.jsonBody();
        Request.onlyFields(body, Set.of("reviewer"));
        List<Claim> renewed = q.renew(r.reviewer(Request.text(body, "reviewer"), "field reviewer", null));
        Responses.json(r.exchange, 200, claimList(renewed));
    }

    /** {@code POST /admin/review/claims/{id}/release {"reviewer": "alice"}}: 404 when the reviewer did not hold it. */
    private void release(Request r) throws IOException {
        ReviewQueue q = reviewQueue();
        InteractionId id = CurationEndpoints.interactionId(r);
        ObjectNode body = r.jsonBody();
        Request.onlyFields(body, Set.of("reviewer"));
        String reviewer = r.reviewer(Request.text(body, "reviewer"), "field reviewer", null);
        if (!q.release(reviewer, id)) {
            throw HttpError.notFound(
                    "reviewer '" + HttpError.shorten(reviewer) + "' holds no claim on interaction " + id);
        }
        ObjectNode out = Json.object();
        out.put("released", id.toString());
        Responses.json(r.exchange, 200, out);
    }

    /** {@code GET /admin/review/claims}: every live claim, oldest first, with each reviewer's count. */
    private void claims(Request r) throws IOException {
        r.query(Set.of());
        List<Claim> all = reviewQueue().claims();
        ObjectNode out = claimList(all);
        ObjectNode perReviewer = out.putObject("per_reviewer");
        all.forEach(c ->
                perReviewer.put(c.reviewer(), perReviewer.path(c.reviewer()).asInt(0) + 1));
        Responses.json(r.exchange, 200, out);
    }

    private ObjectNode candidates(ReviewQueue q, String reviewer, List<Candidate> list) {
        ObjectNode out = Json.object();
        out.put("reviewer", reviewer);
        out.put("count", list.size());
        ArrayNode items = out.putArray("candidates");
        List<Claim> held = q.claims();
        for (Candidate c : list) {
            ObjectNode n = Json.candidate(c);
            held.stream()
                    .filter(x -> x.interactionId().equals(c.interactionId()))
                    .findFirst()
                    .ifPresent(x -> n.put("claim_expires_at", Json.iso(x.expiresAt())));
            if (suggestions != null) {
                suggestions
                        .find(c.interactionId())
                        .ifPresent(s -> n.set("suggestion", CurationEndpoints.suggestion(s)));
            }
            items.add(n);
        }
        return out;
    }

    private static ObjectNode claimList(List<Claim> claims) {
        ObjectNode out = Json.object();
        out.put("count", claims.size());
        ArrayNode items = out.putArray("claims");
        for (Claim c : claims) {
            ObjectNode n = items.addObject();
            n.put("interaction_id", c.interactionId().toString());
            n.put("reviewer", c.reviewer());
            n.put("claimed_at", Json.iso(c.claimedAt()));
            n.put("expires_at", Json.iso(c.expiresAt()));
        }
        return out;
    }
}
