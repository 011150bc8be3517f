package dev.tuneloop.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuneloop.curate.ExampleId;
import dev.tuneloop.curate.PairMarker;
import dev.tuneloop.curate.PreferencePair;
import dev.tuneloop.record.InteractionId;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Pairs the reviewer marks over HTTP: on an approved example, another recorded answer to the same question marked as
 * the worse one ({@link PairMarker}); listed per example, and taken back.
 */
final class PairEndpoints {
    private static final String EXAMPLE = "/admin/curation/examples/([^/]+)/pairs";

    private final @Nullable PairMarker marker;
    private final String defaultReviewer;

    PairEndpoints(AdminServer.Builder b) {
        this.marker = b.pairMarker;
        this.defaultReviewer = b.defaultReviewer;
    }

    List<Route> routes() {
        return List.of(
                Route.post(EXAMPLE, this::mark),
                Route.get(EXAMPLE, this::list),
                Route.post("/admin/curation/pairs/([^/]+)/remove", this::remove));
    }

    private PairMarker marker() {
        if (marker == null) {
            throw HttpError.notConfigured("marking preference pairs is");
        }
        return marker;
    }

    private void mark(Request r) throws IOException {
        PairMarker m = marker();
        ExampleId exampleId = exampleId(r);
        ObjectNode body = r.jsonBody();
        Request.onlyFields(body, Set.of("rejected_interaction_id", "note", "reviewer"));
        String rejected = Request.requiredText(body, "rejected_interaction_id");
        InteractionId rejectedId;
        try {
            rejectedId = InteractionId.parse(rejected);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest(
                    "rejected_interaction_id must be a UUID, but was '" + HttpError.shorten(rejected) + "'");
        }
        String reviewer = r.reviewer(Request.text(body, "reviewer"), "field reviewer", defaultReviewer);
        PreferencePair p = m.mark(exampleId, rejectedId, reviewer, Request.text(body, "note"));
        ObjectNode out = Json.object();
        out.set("pair", pair(p, false));
        Responses.json(r.exchange, 201, out);
    }

    private void list(Request r) throws IOException {
        r.query(Set.of());
        List<PreferencePair> pairs = marker().pairs(exampleId(r));
        ObjectNode out = Json.object();
        out.put("count", pairs.size());
        ArrayNode list = out.putArray("pairs");
        pairs.forEach(p -> list.add(pair(p, true)));
        Responses.json(r.exchange, 200, out);
    }

    private void remove(Request r) throws IOException {
        PairMarker m = marker();
        UUID id;
        try {
            id = UUID.fromString(r.pathParam(0));
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("pair_id must be a UUID, but was '" + HttpError.shorten(r.pathParam(0)) + "'");
        }
        if (!m.unmark(id)) {
            throw HttpError.notFound("preference pair " + id + " does not exist");
        }
        ObjectNode out = Json.object();
        out.put("removed", id.toString());
        Responses.json(r.exchange, 200, out);
    }

    /** A pair as JSON: ids, who marked it and when, the note; the two answers only when {@code texts}. */
    private static ObjectNode pair(PreferencePair p, boolean texts) {
        ObjectNode n = Json.object();
        n.put("pair_id", p.id().toString());
        n.put("example_id", p.exampleId().toString());
        n.put("rejected_interaction_id", p.rejectedInteractionId().toString());
        n.put("marked_by", p.markedBy());
        n.put("marked_at", Json.iso(p.markedAt()));
        n.put("note", p.note());
        if (texts) {
            n.put("chosen", p.chosen());
            n.put("rejected", p.rejected());
        }
        return n;
    }

    private static ExampleId exampleId(Request r) {
        try {
            return ExampleId.parse(r.pathParam(0));
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest(
                    "example_id must be a UUID, but was '" + HttpError.shorten(r.pathParam(0)) + "'");
        }
    }
}
