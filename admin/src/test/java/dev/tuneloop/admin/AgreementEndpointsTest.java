package dev.tuneloop.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tuneloop.curate.BlindCase;
import dev.tuneloop.curate.Category;
import dev.tuneloop.curate.QualityScore;
import dev.tuneloop.curate.ReviewQueue;
import dev.tuneloop.curate.Suggestion;
import dev.tuneloop.record.InteractionId;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Blind double review from the console's side: blind approvals, disagreements, settling, both agreement reports. */
class AgreementEndpointsTest {
    Harness h;
    List<InteractionId> recorded = new ArrayList<>();

    @BeforeEach
    void start() {
        // every candidate in the blind share, so each one needs two reviewers
        h = Harness.start((harness, b) -> b.reviewQueue(ReviewQueue.builder(harness.curator, harness.store.claims())
                        .clock(Harness.CLOCK)
                        .blindDoubleReview(harness.store.blindReviews(), 1.0)
                        .build())
                .suggestions(harness.store.suggestions(), harness.store.examples()));
        for (int k = 0; k < 3; k++) {
            recorded.add(h.record("Question " + k, "Answer " + k, null, 10 + k));
        }
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private HttpResponse<String> approve(InteractionId id, String reviewer, String category, int score) {
        return h.post(
                "curation/candidates/" + id + "/approve",
                "{\"reviewer\":\"" + reviewer + "\",\"category\":\"" + category + "\",\"quality_score\":" + score
                        + "}");
    }

    @Test
    void console_approvals_of_blind_candidates_wait_for_a_second_reviewer_and_agree_or_disagree() {
        InteractionId agreed = recorded.get(0);
        HttpResponse<String> first = approve(agreed, "alice", "sec_10q", 8);
        assertThat(first.statusCode()).isEqualTo(200); // before: 409, approve refused blind-share candidates
        assertThat(Harness.json(first).path("outcome").asText()).isEqualTo("AWAITING_SECOND_REVIEW");
        assertThat(Harness.json(first).has("example")).isFalse();
        assertThat(h.store.examples().findBySource(agreed)).isEmpty();
        HttpResponse<String> second = approve(agreed, "bob", "sec_10q", 6);
        assertThat(Harness.json(second).path("outcome").asText()).isEqualTo("PROMOTED");
        assertThat(Harness.json(second).path("example").path("quality_score").asInt())
                .isEqualTo(6); // the lower score
        // the same reviewer twice is refused
        InteractionId other = recorded.get(1);
        approve(other, "alice", "sec_10q", 8);
        assertThat(approve(other, "alice", "sec_10q", 8).statusCode()).isEqualTo(409);
        HttpResponse<String> rejected =
                h.post("curation/candidates/" + other + "/reject", "{\"reviewer\":\"bob\",\"reason\":\"too generic\"}");
        assertThat(Harness.json(rejected).path("outcome").asText()).isEqualTo("DISAGREEMENT");

        JsonNode open = Harness.json(h.get("review/disagreements"));
        assertThat(open.path("count").asInt()).isEqualTo(1);
        JsonNode item = open.path("disagreements").get(0);
        assertThat(item.path("interaction_id").asText()).isEqualTo(other.toString());
        assertThat(item.path("decisions").get(0).path("reviewer").asText()).isEqualTo("alice");
        assertThat(item.path("decisions").get(0).path("decision").asText()).isEqualTo("approve");
        assertThat(item.path("decisions").get(1).path("decision").asText()).isEqualTo("reject");
        assertThat(item.path("decisions").get(1).path("note").asText()).isEqualTo("too generic");

        JsonNode report = Harness.json(h.get("review/agreement"));
        JsonNode pair = report.path("pairs").get(0);
        assertThat(pair.path("first").asText()).isEqualTo("alice");
        assertThat(pair.path("second").asText()).isEqualTo("bob");
        assertThat(pair.path("items").asInt()).isEqualTo(2);
        // labels (sec_10q, sec_10q) and (sec_10q, rejected): p_o 1/2, p_e 1 * 1/2 -> kappa 0
        assertThat(pair.path("category_kappa").asDouble()).isEqualTo(0.0);
        assertThat(pair.path("quality_mean_absolute_difference").asDouble()).isEqualTo(2.0);
        assertThat(pair.path("quality_correlation").isNull()).isTrue(); // one approved pair: undefined
        assertThat(report.path("disagreements")).hasSize(1);
        assertThat(report.path("disagreements").get(0).path("on").get(0).asText())
                .isEqualTo("category");
    }

    @Test
    void settling_needs_a_reviewer_and_a_reason_and_keeps_both_blind_decisions() {
        InteractionId id = recorded.get(0);
        approve(id, "alice", "sec_10q", 8);
        approve(id, "bob", "sec_10k", 8);
        String path = "review/disagreements/" + id + "/settle";
        HttpResponse<String> noReviewer = h.post(path, "{\"reason\":\"x\",\"decision\":\"reject\"}");
        assertThat(noReviewer.statusCode()).isEqualTo(400);
        assertThat(Harness.message(noReviewer)).contains("reviewer is required");
        HttpResponse<String> noReason = h.post(path, "{\"reviewer\":\"carol\",\"decision\":\"reject\"}");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(Harness.message(noReason)).contains("reason is required");
        HttpResponse<String> badDecision =
                h.post(path, "{\"reviewer\":\"carol\",\"reason\":\"r\",\"decision\":\"maybe\"}");
        assertThat(Harness.message(badDecision)).contains("decision must be 'approve' or 'reject'");
        HttpResponse<String> noScore = h.post(
                path, "{\"reviewer\":\"carol\",\"reason\":\"r\",\"decision\":\"approve\",\"category\":\"sec_10q\"}");
        assertThat(Harness.message(noScore)).contains("quality_score is required");
        assertThat(h.store.examples().findBySource(id)).isEmpty();

        HttpResponse<String> settled = h.post(
                path,
                "{\"reviewer\":\"carol\",\"reason\":\"a quarterly filing\",\"decision\":\"approve\","
                        + "\"category\":\"sec_10q\",\"quality_score\":7}");
        assertThat(settled.statusCode()).isEqualTo(200);
        assertThat(Harness.json(settled).path("example").path("category").asText())
                .isEqualTo("sec_10q");
        assertThat(Harness.json(h.get("review/disagreements")).path("count").asInt())
                .isZero();
        BlindCase stored = h.store.blindReviews().find(id).orElseThrow();
        assertThat(stored.decisions()).hasSize(2);
        assertThat(stored.settled().orElseThrow().settledBy()).isEqualTo("carol");
        assertThat(stored.settled().orElseThrow().reason()).isEqualTo("a quarterly filing");
        // settled once
        assertThat(h.post(path, "{\"reviewer\":\"carol\",\"reason\":\"again\",\"decision\":\"reject\"}")
                        .statusCode())
                .isEqualTo(409);
    }

    @Test
    void candidates_carry_the_stored_suggestion_and_its_agreement_is_reported() {
        InteractionId id = recorded.get(0);
        h.store
                .suggestions()
                .save(new Suggestion(
                        id,
                        "k1",
                        "gpt-4o-mini",
                        Category.of("sec_10q"),
                        new QualityScore(7),
                        "cites the filing",
                        "A better answer",
                        Harness.CLOCK.instant()));
        JsonNode candidates = Harness.json(h.get("curation/candidates")).path("candidates");
        JsonNode withSuggestion = null;
        int without = 0;
        for (JsonNode c : candidates) {
            if (c.path("interaction_id").asText().equals(id.toString())) {
                withSuggestion = c.path("suggestion");
            } else if (!c.has("suggestion")) {
                without++;
            }
        }
        assertThat(without).isEqualTo(2);
        assertThat(withSuggestion).isNotNull();
        assertThat(withSuggestion.path("category").asText()).isEqualTo("sec_10q");
        assertThat(withSuggestion.path("quality_score").asInt()).isEqualTo(7);
        assertThat(withSuggestion.path("reason").asText()).isEqualTo("cites the filing");
        assertThat(withSuggestion.path("improved_answer").asText()).isEqualTo("A better answer");

        assertThat(Harness.json(h.get("review/suggestions/agreement"))
                        .path("items")
                        .asInt())
                .isZero();
        approve(id, "alice", "sec_10q", 9);
        approve(id, "bob", "sec_10q", 9);
        JsonNode a = Harness.json(h.get("review/suggestions/agreement"));
        assertThat(a.path("items").asInt()).isEqualTo(1);
        assertThat(a.path("category_agreement").asDouble()).isEqualTo(1.0);
        assertThat(a.path("approved_items").asInt()).isEqualTo(1);
        assertThat(a.path("quality_mean_absolute_difference").asDouble()).isEqualTo(2.0);
    }

    @Test
    void missing_parts_are_404_not_configured() {
        try (Harness bare = Harness.start()) {
            for (String path : List.of("review/disagreements", "review/agreement", "review/suggestions/agreement")) {
                HttpResponse<String> r = bare.get(path);
                assertThat(r.statusCode()).as(path).isEqualTo(404);
                assertThat(Harness.code(r)).as(path).isEqualTo("not_configured");
            }
            HttpResponse<String> settle = bare.post(
                    "review/disagreements/" + recorded.get(0) + "/settle",
                    "{\"reviewer\":\"carol\",\"reason\":\"r\",\"decision\":\"reject\"}");
            assertThat(settle.statusCode()).isEqualTo(404);
        }
    }
}
