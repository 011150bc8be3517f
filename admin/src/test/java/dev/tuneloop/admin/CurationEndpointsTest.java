package dev.tuneloop.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tuneloop.curate.ExampleStatus;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.record.InteractionId;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CurationEndpointsTest {
    Harness h;
    InteractionId plain;
    InteractionId edited;
    InteractionId newest;

    @BeforeEach
    void start() {
        h = Harness.start();
        plain = h.record("What was NVDA revenue in Q3?", "NVIDIA reported revenue of $35.1B.", null, 30);
        edited = h.record("What was the SBC?", "SBC was $1.4B total.", "SBC was $1.40 billion in total.", 60);
        newest = h.record("Compare GOOGL EPS", "GAAP EPS was $2.12.", null, 10);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void candidates_come_edited_first_then_newest_with_the_word_diff() {
        HttpResponse<String> r = h.get("curation/candidates");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = Harness.json(r);
        assertThat(body.path("count").asInt()).isEqualTo(3);
        List<String> ids = new ArrayList<>();
        body.path("candidates").forEach(c -> ids.add(c.path("interaction_id").asText()));
        assertThat(ids).containsExactly(edited.toString(), newest.toString(), plain.toString());

        JsonNode first = body.path("candidates").get(0);
        assertThat(first.path("edited").asBoolean()).isTrue();
        assertThat(first.path("question").asText()).isEqualTo("What was the SBC?");
        assertThat(first.path("original_response").asText()).isEqualTo("SBC was $1.4B total.");
        assertThat(first.path("edited_response").asText()).isEqualTo("SBC was $1.40 billion in total.");
        assertThat(first.path("rating").asText()).isEqualTo("up");
        StringBuilder original = new StringBuilder();
        StringBuilder changed = new StringBuilder();
        List<String> inserted = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        for (JsonNode op : first.path("diff")) {
            String kind = op.path("kind").asText();
            String text = op.path("text").asText();
            if (!kind.equals("insert")) {
                original.append(text);
            }
            if (!kind.equals("delete")) {
                changed.append(text);
            }
            if (kind.equals("insert")) {
                inserted.add(text.trim());
            } else if (kind.equals("delete")) {
                deleted.add(text.trim());
            }
        }
        assertThat(original.toString()).isEqualTo("SBC was $1.4B total.");
        assertThat(changed.toString()).isEqualTo("SBC was $1.40 billion in total.");
        assertThat(String.join(" ", deleted)).contains("$1.4B");
        assertThat(String.join(" ", inserted)).contains("billion");

        JsonNode notEdited = body.path("candidates").get(1);
        assertThat(notEdited.path("edited").asBoolean()).isFalse();
        assertThat(notEdited.path("edited_response").isNull()).isTrue();
        assertThat(notEdited.path("diff").size()).isZero();
    }

    @Test
    void limit_caps_the_list_and_is_checked() {
        assertThat(Harness.json(h.get("curation/candidates?limit=1"))
                        .path("count")
                        .asInt())
                .isEqualTo(1);
        HttpResponse<String> r = h.get("curation/candidates?limit=0");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Harness.message(r)).contains("limit").contains("0");
        assertThat(h.get("curation/candidates?limt=3").statusCode()).isEqualTo(400);
        assertThat(Harness.message(h.get("curation/candidates?limt=3"))).contains("limt");
    }

    private JsonNode candidate(InteractionId id) {
        for (JsonNode c : Harness.json(h.get("curation/candidates")).path("candidates")) {
            if (c.path("interaction_id").asText().equals(id.toString())) {
                return c;
            }
        }
        throw new AssertionError("no candidate " + id);
    }

    @Test
    void a_tool_calling_candidate_shows_its_calls_results_and_tools_and_an_improved_answer_replaces_only_the_last()
            throws Exception {
        InteractionId tools = h.recordToolCalling(
                "NVDA vs AMD revenue?",
                new String[] {"{\"ticker\":\"NVDA\"}", "{\"ticker\":\"AMD\"}"},
                new String[] {"{\"revenue\":\"35.1B\"}", "<b>6.8B</b>"},
                "NVDA earned more.",
                5);
        JsonNode c = candidate(tools);
        JsonNode steps = c.path("steps");
        assertThat(steps).hasSize(3);
        assertThat(steps.get(0).path("role").asText()).isEqualTo("assistant");
        assertThat(steps.get(0).path("tool_calls")).hasSize(2);
        assertThat(steps.get(0).path("tool_calls").get(1).path("id").asText()).isEqualTo("call_1");
        assertThat(steps.get(0).path("tool_calls").get(1).path("name").asText()).isEqualTo("get_filing");
        assertThat(steps.get(0).path("tool_calls").get(1).path("arguments").asText())
                .isEqualTo("{\"ticker\":\"AMD\"}");
        assertThat(steps.get(0).path("tool_call_id").isNull()).isTrue();
        assertThat(steps.get(2).path("role").asText()).isEqualTo("tool");
        assertThat(steps.get(2).path("tool_call_id").asText()).isEqualTo("call_1");
        assertThat(steps.get(2).path("content").asText()).isEqualTo("<b>6.8B</b>");
        assertThat(c.path("tools")).hasSize(1);
        assertThat(c.path("tools").get(0).path("name").asText()).isEqualTo("get_filing");
        assertThat(c.path("tools").get(0).path("parameters").asText()).startsWith("{\"type\":\"object\"");
        // a candidate without tool calls has empty lists, not missing keys
        JsonNode plainOne = candidate(plain);
        assertThat(plainOne.path("steps").isArray()).isTrue();
        assertThat(plainOne.path("steps")).isEmpty();
        assertThat(plainOne.path("tools")).isEmpty();

        HttpResponse<String> r = h.post(
                "curation/candidates/" + tools + "/approve",
                "{\"category\":\"comparison\",\"quality_score\":8,"
                        + "\"answer\":\"Per the 10-Qs: NVIDIA $35.1B, AMD $6.8B.\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        TrainingExample stored = h.store.examples().findBySource(tools).orElseThrow();
        assertThat(stored.trainingResponse()).isEqualTo("Per the 10-Qs: NVIDIA $35.1B, AMD $6.8B.");
        assertThat(stored.originalResponse()).isEqualTo("NVDA earned more.");
        assertThat(stored.steps())
                .isEqualTo(h.store
                        .interactions()
                        .find(tools)
                        .orElseThrow()
                        .interaction()
                        .steps());
        assertThat(stored.tools()).hasSize(1);
    }

    @Test
    void approve_stores_the_example_with_the_reviewers_answer_category_score_and_notes() {
        HttpResponse<String> r = h.post(
                "curation/candidates/" + edited + "/approve",
                "{\"answer\":\"SBC was $1.40 billion (4.0% of revenue).\",\"category\":\"sbc_breakdown\","
                        + "\"quality_score\":9,\"notes\":\"checked the 10-Q\",\"reviewer\":\"ana\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode example = Harness.json(r).path("example");
        assertThat(example.path("status").asText()).isEqualTo("approved");
        assertThat(example.path("quality_score").asInt()).isEqualTo(9);
        assertThat(example.path("category").asText()).isEqualTo("sbc_breakdown");
        assertThat(example.path("improved").asBoolean()).isTrue();
        assertThat(r.body()).doesNotContain("4.0% of revenue"); // the outcome, not the texts

        TrainingExample stored = h.store.examples().findBySource(edited).orElseThrow();
        assertThat(stored.id().toString()).isEqualTo(example.path("example_id").asText());
        assertThat(stored.status()).isEqualTo(ExampleStatus.APPROVED);
        assertThat(stored.trainingResponse()).isEqualTo("SBC was $1.40 billion (4.0% of revenue).");
        assertThat(stored.userEditedResponse()).isEqualTo("SBC was $1.40 billion in total.");
        assertThat(stored.category().name()).isEqualTo("sbc_breakdown");
        assertThat(stored.quality().value()).isEqualTo(9);
        assertThat(stored.notes()).isEqualTo("checked the 10-Q");
        assertThat(stored.reviewer()).isEqualTo("ana");

        List<String> left = new ArrayList<>();
        Harness.json(h.get("curation/candidates"))
                .path("candidates")
                .forEach(c -> left.add(c.path("interaction_id").asText()));
        assertThat(left).containsExactly(newest.toString(), plain.toString());
    }

    @Test
    void approve_without_an_answer_keeps_the_users_edit_and_names_the_default_reviewer() {
        HttpResponse<String> r = h.post(
                "curation/candidates/" + edited + "/approve", "{\"category\":\"sbc_breakdown\",\"quality_score\":7}");
        assertThat(r.statusCode()).isEqualTo(200);
        TrainingExample stored = h.store.examples().findBySource(edited).orElseThrow();
        assertThat(stored.improvedResponse()).isNull();
        assertThat(stored.trainingResponse()).isEqualTo("SBC was $1.40 billion in total.");
        assertThat(stored.reviewer()).isEqualTo(AdminServer.Builder.DEFAULT_REVIEWER);
    }

    @Test
    void approving_twice_is_a_conflict_and_changes_nothing() {
        String body = "{\"category\":\"sec_10q\",\"quality_score\":8}";
        assertThat(h.post("curation/candidates/" + plain + "/approve", body).statusCode())
                .isEqualTo(200);
        HttpResponse<String> again = h.post(
                "curation/candidates/" + plain + "/approve", "{\"category\":\"comparison\",\"quality_score\":3}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(Harness.code(again)).isEqualTo("conflict");
        assertThat(Harness.message(again)).contains(plain.toString());
        TrainingExample stored = h.store.examples().findBySource(plain).orElseThrow();
        assertThat(stored.category().name()).isEqualTo("sec_10q");
        assertThat(stored.quality().value()).isEqualTo(8);
        assertThat(h.post("curation/candidates/" + plain + "/reject", "{\"reason\":\"dup\"}")
                        .statusCode())
                .isEqualTo(409);
    }

    @Test
    void reject_records_the_reason() {
        HttpResponse<String> r = h.post(
                "curation/candidates/" + newest + "/reject", "{\"reason\":\"wrong fiscal year\",\"reviewer\":\"bo\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Harness.json(r).path("example").path("status").asText()).isEqualTo("rejected");
        TrainingExample stored = h.store.examples().findBySource(newest).orElseThrow();
        assertThat(stored.status()).isEqualTo(ExampleStatus.REJECTED);
        assertThat(stored.rejectReason()).isEqualTo("wrong fiscal year");
        assertThat(stored.reviewer()).isEqualTo("bo");
    }

    @Test
    void bad_review_input_is_400_naming_the_field() {
        String path = "curation/candidates/" + plain + "/approve";
        assertField(h.post(path, "{\"quality_score\":8}"), "category");
        assertField(h.post(path, "{\"category\":\"sec_10k\"}"), "quality_score");
        assertField(h.post(path, "{\"category\":\"sec_10k\",\"quality_score\":11}"), "quality_score");
        assertField(h.post(path, "{\"category\":\"sec_10k\",\"quality_score\":0}"), "quality_score");
        assertField(h.post(path, "{\"category\":\"sec_10k\",\"quality_score\":\"8\"}"), "quality_score");
        assertField(h.post(path, "{\"category\":\"sec_10k\",\"quality_score\":7.5}"), "quality_score");
        assertField(h.post(path, "{\"category\":7,\"quality_score\":7}"), "category");
        assertField(h.post(path, "{\"category\":\"sec_10k\",\"quality_score\":7,\"answer\":\"  \"}"), "answer");
        assertField(h.post(path, "{\"category\":\"sec_10k\",\"quality_score\":7,\"score\":7}"), "score");
        assertField(h.post("curation/candidates/" + plain + "/reject", "{}"), "reason");
        assertField(h.post("curation/candidates/not-a-uuid/approve", "{}"), "interaction_id");
        assertThat(h.store.examples().findBySource(plain)).isEmpty();
    }

    @Test
    void a_category_outside_the_taxonomy_lists_the_allowed_ones() {
        HttpResponse<String> r =
                h.post("curation/candidates/" + plain + "/approve", "{\"category\":\"crypto\",\"quality_score\":8}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Harness.code(r)).isEqualTo("validation_failed");
        JsonNode problems = Harness.json(r).path("error").path("problems");
        assertThat(problems.size()).isEqualTo(1);
        assertThat(problems.get(0).asText()).contains("crypto").contains("sec_10k");
        assertThat(h.store.examples().findBySource(plain)).isEmpty();
    }

    @Test
    void an_unknown_interaction_is_404() {
        HttpResponse<String> r = h.post(
                "curation/candidates/" + InteractionId.next(Harness.CLOCK) + "/approve",
                "{\"category\":\"sec_10k\",\"quality_score\":8}");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(Harness.code(r)).isEqualTo("not_found");
    }

    @Test
    void a_body_that_is_not_json_is_400_or_415() {
        String path = "curation/candidates/" + plain + "/approve";
        HttpResponse<String> notJson = h.post(path, "{\"category\": sec_10k}");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(Harness.message(notJson)).contains("not valid JSON").doesNotContain("sec_10k");
        HttpResponse<String> duplicate =
                h.post(path, "{\"category\":\"sec_10k\",\"quality_score\":8,\"quality_score\":2}");
        assertThat(duplicate.statusCode()).isEqualTo(400);
        HttpResponse<String> trailing = h.post(path, "{\"category\":\"sec_10k\",\"quality_score\":8} {}");
        assertThat(trailing.statusCode()).isEqualTo(400);
        HttpResponse<String> array = h.post(path, "[1,2]");
        assertThat(array.statusCode()).isEqualTo(400);
        assertThat(Harness.message(array)).contains("JSON object");
        HttpResponse<String> form = h.send(HttpRequest.newBuilder(h.uri(path))
                .header("Authorization", "Bearer " + Harness.TOKEN)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("category=sec_10k&quality_score=8"))
                .build());
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(Harness.code(form)).isEqualTo("unsupported_media_type");
        HttpResponse<String> noType = h.send(HttpRequest.newBuilder(h.uri(path))
                .header("Authorization", "Bearer " + Harness.TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"category\":\"sec_10k\",\"quality_score\":8}"))
                .build());
        assertThat(noType.statusCode()).isEqualTo(415);
        assertThat(h.store.examples().findBySource(plain)).isEmpty();
    }

    @Test
    void the_taxonomy_is_served_in_order() {
        JsonNode t = Harness.json(h.get("curation/taxonomy"));
        assertThat(t.path("open").asBoolean()).isFalse();
        assertThat(t.path("categories").get(0).asText()).isEqualTo("sec_10k");
        assertThat(t.path("categories").get(7).asText()).isEqualTo("comparison");
    }

    @Test
    void an_open_taxonomy_offers_the_seed_categories_as_suggestions() {
        try (Harness open = Harness.start((hh, b) -> b.curation(
                hh.curator, dev.tuneloop.curate.CurationPolicy.seedDefault(), dev.tuneloop.curate.Taxonomy.OPEN))) {
            JsonNode t = Harness.json(open.get("curation/taxonomy"));
            assertThat(t.path("open").asBoolean()).isTrue();
            assertThat(t.path("categories").size()).isEqualTo(8);
        }
    }

    @Test
    void wrong_methods_get_405_with_allow() {
        HttpResponse<String> r = h.post("curation/candidates", "{}");
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue("GET");
        HttpResponse<String> g = h.get("curation/candidates/" + plain + "/approve");
        assertThat(g.statusCode()).isEqualTo(405);
        assertThat(g.headers().firstValue("Allow")).hasValue("POST");
        HttpResponse<String> d = h.send(HttpRequest.newBuilder(h.uri("curation/taxonomy"))
                .header("Authorization", "Bearer " + Harness.TOKEN)
                .DELETE()
                .build());
        assertThat(d.statusCode()).isEqualTo(405);
        assertThat(Harness.code(d)).isEqualTo("method_not_allowed");
    }

    private static void assertField(HttpResponse<String> r, String field) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(Harness.message(r)).contains(field);
    }
}
