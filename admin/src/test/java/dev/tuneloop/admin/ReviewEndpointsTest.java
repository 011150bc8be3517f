package dev.tuneloop.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tuneloop.curate.Category;
import dev.tuneloop.curate.QualityScore;
import dev.tuneloop.curate.ReviewQueue;
import dev.tuneloop.curate.Suggestion;
import dev.tuneloop.record.InteractionId;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReviewEndpointsTest {
    Harness h;
    List<InteractionId> recorded = new ArrayList<>();

    @BeforeEach
    void start() {
        h = Harness.start((harness, b) -> b.reviewQueue(ReviewQueue.builder(harness.curator, harness.store.claims())
                        .lease(Duration.ofMinutes(20))
                        .clock(Harness.CLOCK)
                        .build())
                .suggestions(harness.store.suggestions(), harness.store.examples()));
        for (int k = 0; k < 5; k++) {
            recorded.add(h.record("Question " + k, "Answer " + k, null, 10 + k));
        }
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private static List<String> ids(JsonNode body) {
        List<String> out = new ArrayList<>();
        body.path("candidates").forEach(c -> out.add(c.path("interaction_id").asText()));
        return out;
    }

    @Test
    void two_reviewers_never_get_the_same_candidate() {
        HttpResponse<String> alice = h.post("review/claim", "{\"reviewer\":\"alice\",\"max\":3}");
        HttpResponse<String> bob = h.post("review/claim", "{\"reviewer\":\"bob\",\"max\":3}");
        assertThat(alice.statusCode()).isEqualTo(200);
        List<String> a = ids(Harness.json(alice));
        List<String> b = ids(Harness.json(bob));
        assertThat(a).hasSize(3);
        assertThat(b).hasSize(2).doesNotContainAnyElementsOf(a);
        assertThat(Harness.json(alice)
                        .path("candidates")
                        .get(0)
                        .path("claim_expires_at")
                        .asText())
                .isEqualTo("2026-11-28T12:20:00Z");
        assertThat(ids(Harness.json(h.get("review/queue?reviewer=alice")))).containsExactlyElementsOf(a);

        JsonNode claims = Harness.json(h.get("review/claims"));
        assertThat(claims.path("count").asInt()).isEqualTo(5);
        assertThat(claims.path("per_reviewer").path("alice").asInt()).isEqualTo(3);
        assertThat(claims.path("per_reviewer").path("bob").asInt()).isEqualTo(2);
    }

    @Test
    void approving_another_reviewers_claim_is_a_409_naming_the_holder_and_changes_nothing() {
        String id = ids(Harness.json(h.post("review/claim", "{\"reviewer\":\"alice\",\"max\":1}")))
                .get(0);
        HttpResponse<String> r = h.post(
                "curation/candidates/" + id + "/approve",
                "{\"reviewer\":\"bob\",\"category\":\"sec_10q\",\"quality_score\":8}");
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(Harness.code(r)).isEqualTo("conflict");
        assertThat(Harness.message(r)).contains("claimed by reviewer 'alice'").contains("'bob' cannot approve");
        assertThat(h.store.examples().findBySource(InteractionId.parse(id))).isEmpty();

        HttpResponse<String> mine = h.post(
                "curation/candidates/" + id + "/approve",
                "{\"reviewer\":\"alice\",\"category\":\"sec_10q\",\"quality_score\":8}");
        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat(Harness.json(h.get("review/claims")).path("count").asInt()).isZero();
    }

    @Test
    void renew_and_release() {
        String id = ids(Harness.json(h.post("review/claim", "{\"reviewer\":\"alice\",\"max\":1}")))
                .get(0);
        JsonNode renewed = Harness.json(h.post("review/renew", "{\"reviewer\":\"alice\"}"));
        assertThat(renewed.path("count").asInt()).isEqualTo(1);
        assertThat(renewed.path("claims").get(0).path("interaction_id").asText())
                .isEqualTo(id);

        HttpResponse<String> notHers = h.post("review/claims/" + id + "/release", "{\"reviewer\":\"bob\"}");
        assertThat(notHers.statusCode()).isEqualTo(404);
        HttpResponse<String> released = h.post("review/claims/" + id + "/release", "{\"reviewer\":\"alice\"}");
        assertThat(released.statusCode()).isEqualTo(200);
        assertThat(ids(Harness.json(h.post("review/claim", "{\"reviewer\":\"bob\",\"max\":5}"))))
                .contains(id);
    }

    @Test
    void bad_requests_name_the_field() {
        HttpResponse<String> noReviewer = h.post("review/claim", "{\"max\":3}");
        assertThat(noReviewer.statusCode()).isEqualTo(400);
        assertThat(Harness.message(noReviewer)).contains("reviewer");
        HttpResponse<String> tooMany = h.post("review/claim", "{\"reviewer\":\"alice\",\"max\":100000}");
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(Harness.message(tooMany)).contains("max");
        assertThat(h.get("review/queue").statusCode()).isEqualTo(400);
    }

    @Test
    void without_a_queue_the_endpoints_are_not_configured() {
        try (Harness plain = Harness.start()) {
            HttpResponse<String> r = plain.post("review/claim", "{\"reviewer\":\"alice\"}");
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(Harness.code(r)).isEqualTo("not_configured");
        }
    }

    @Test
    void a_reviewers_queue_carries_the_stored_suggestions_and_an_approval_ends_the_claim() {
        InteractionId suggested = recorded.get(0);
        h.store
                .suggestions()
                .save(new Suggestion(
                        suggested,
                        "k1",
                        "gpt-4o-mini",
                        Category.of("sec_10q"),
                        new QualityScore(6),
                        "cites the filing",
                        "A better answer",
                        Harness.CLOCK.instant()));
        h.post("review/claim", "{\"reviewer\":\"alice\",\"max\":5}");
        JsonNode queue = Harness.json(h.get("review/queue?reviewer=alice"));
        assertThat(queue.path("count").asInt()).isEqualTo(5);
        int with = 0;
        for (JsonNode c : queue.path("candidates")) {
            if (c.path("interaction_id").asText().equals(suggested.toString())) {
                assertThat(c.path("suggestion").path("quality_score").asInt()).isEqualTo(6);
                assertThat(c.path("suggestion").path("improved_answer").asText())
                        .isEqualTo("A better answer");
                with++;
            } else {
                assertThat(c.has("suggestion")).isFalse();
            }
        }
        assertThat(with).isEqualTo(1);

        // the console's "my claims" flow: approving a claimed candidate ends its claim, the rest stay held
        HttpResponse<String> approved = h.post(
                "curation/candidates/" + suggested + "/approve",
                "{\"reviewer\":\"alice\",\"category\":\"sec_10q\",\"quality_score\":8}");
        assertThat(approved.statusCode()).isEqualTo(200);
        List<String> left = ids(Harness.json(h.get("review/queue?reviewer=alice")));
        assertThat(left).hasSize(4).doesNotContain(suggested.toString());
        assertThat(Harness.json(h.get("review/claims")).path("count").asInt()).isEqualTo(4);
    }
}
