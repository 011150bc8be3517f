package dev.tuneloop.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tuneloop.curate.CurationOptions;
import dev.tuneloop.curate.Curator;
import dev.tuneloop.curate.HoldoutSettings;
import dev.tuneloop.curate.PairMarker;
import dev.tuneloop.curate.PreferencePair;
import dev.tuneloop.curate.Review;
import dev.tuneloop.curate.Split;
import dev.tuneloop.curate.Taxonomy;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.export.JsonlExporter;
import dev.tuneloop.record.InteractionId;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Marking a preference pair over HTTP, listing an example's pairs, taking one back; the errors name ids and rules. */
class PairEndpointsTest {
    private static final String QUESTION = "What was NVDA's SBC in Q3 FY2025?";
    Harness h;
    TrainingExample example;
    InteractionId worse;

    @BeforeEach
    void start() {
        h = Harness.start((harness, b) -> b.preferencePairs(PairMarker.create(
                harness.store.interactions(),
                harness.store.examples(),
                harness.store.preferencePairs(),
                Harness.CLOCK)));
        InteractionId good = h.record(QUESTION, "SBC was $1.15B (10-Q, p. 12).", null, 30);
        worse = h.record(QUESTION, "Roughly a billion.", null, 20);
        example = h.curator.approve(
                good, Review.by("ann").category("sbc_breakdown").quality(9).build());
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private String pairs() {
        return "curation/examples/" + example.id() + "/pairs";
    }

    private List<PreferencePair> stored() {
        List<PreferencePair> out = new ArrayList<>();
        h.store.preferencePairs().scan(out::add);
        return out;
    }

    @Test
    void marks_lists_and_removes_a_pair() {
        HttpResponse<String> r = h.post(
                pairs(), "{\"rejected_interaction_id\":\"" + worse + "\",\"note\":\"vague\",\"reviewer\":\"alice\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode pair = Harness.json(r).path("pair");
        assertThat(pair.path("example_id").asText()).isEqualTo(example.id().toString());
        assertThat(pair.path("rejected_interaction_id").asText()).isEqualTo(worse.toString());
        assertThat(pair.path("marked_by").asText()).isEqualTo("alice");
        assertThat(pair.path("marked_at").asText()).isEqualTo(Harness.NOW.toString());
        assertThat(pair.has("chosen")).isFalse();
        assertThat(r.body()).doesNotContain("Roughly");
        PreferencePair p = stored().get(0);
        assertThat(p.id().toString()).isEqualTo(pair.path("pair_id").asText());
        assertThat(p.chosen()).isEqualTo("SBC was $1.15B (10-Q, p. 12).");
        assertThat(p.rejected()).isEqualTo("Roughly a billion.");
        assertThat(p.note()).isEqualTo("vague");

        JsonNode list = Harness.json(h.get(pairs()));
        assertThat(list.path("count").asInt()).isEqualTo(1);
        assertThat(list.path("pairs").get(0).path("rejected").asText()).isEqualTo("Roughly a billion.");
        assertThat(list.path("pairs").get(0).path("chosen").asText()).isEqualTo("SBC was $1.15B (10-Q, p. 12).");

        HttpResponse<String> again = h.post(pairs(), "{\"rejected_interaction_id\":\"" + worse + "\"}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(Harness.message(again)).contains("already paired");

        HttpResponse<String> removed = h.post("curation/pairs/" + p.id() + "/remove", "{}");
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
        assertThat(stored()).isEmpty();
        assertThat(h.post("curation/pairs/" + p.id() + "/remove", "{}").statusCode())
                .isEqualTo(404);
    }

    @Test
    void refuses_bad_ids_another_question_and_unknown_fields() {
        InteractionId other = h.record("What was AMD's SBC?", "Worse.", null, 10);
        HttpResponse<String> another = h.post(pairs(), "{\"rejected_interaction_id\":\"" + other + "\"}");
        assertThat(another.statusCode()).isEqualTo(400);
        assertThat(Harness.message(another)).contains("answers another prompt").doesNotContain("AMD");
        HttpResponse<String> badId = h.post(pairs(), "{\"rejected_interaction_id\":\"nope\"}");
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(Harness.message(badId)).contains("rejected_interaction_id must be a UUID");
        assertThat(h.post("curation/examples/x/pairs", "{\"rejected_interaction_id\":\"" + worse + "\"}")
                        .statusCode())
                .isEqualTo(400);
        HttpResponse<String> unknown =
                h.post(pairs(), "{\"rejected_interaction_id\":\"" + worse + "\",\"chosen\":\"x\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(Harness.message(unknown)).contains("chosen");
        HttpResponse<String> missing = h.post(
                "curation/examples/" + dev.tuneloop.curate.ExampleId.next(0) + "/pairs",
                "{\"rejected_interaction_id\":\"" + worse + "\"}");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(stored()).isEmpty();
    }

    @Test
    void without_a_marker_the_endpoints_say_so() {
        try (Harness plain = Harness.start()) {
            HttpResponse<String> r = plain.post(pairs(), "{\"rejected_interaction_id\":\"" + worse + "\"}");
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(Harness.message(r)).contains("marking preference pairs is not configured");
        }
    }

    @Test
    void the_export_writes_marked_pairs_only_when_asked(@TempDir Path work) {
        try (Harness x = Harness.start((harness, b) -> b.preferencePairs(PairMarker.create(
                        harness.store.interactions(),
                        harness.store.examples(),
                        harness.store.preferencePairs(),
                        Harness.CLOCK))
                .export(JsonlExporter.create(
                        harness.store.examples(), harness.store.interactions(), harness.store.preferencePairs()))
                .workDirectory(work))) {
            // the holdout takes an example by a hash of its random id; with one bucket in 10 000 held out, the
            // example lands in TRAIN (the assertion says so if it ever does not)
            Curator curator = Curator.create(
                    x.store.interactions(),
                    x.store.examples(),
                    CurationOptions.builder()
                            .clock(Harness.CLOCK)
                            .taxonomy(Taxonomy.SEED)
                            .holdout(HoldoutSettings.builder()
                                    .share(0.0001)
                                    .bootstrapShare(0.0001)
                                    .minHoldout(0)
                                    .build())
                            .build());
            InteractionId good = x.record(QUESTION, "SBC was $1.15B (10-Q, p. 12).", null, 30);
            InteractionId worseAnswer = x.record(QUESTION, "Roughly a billion.", null, 20);
            TrainingExample approved = curator.approve(
                    good, Review.by("ann").category("sbc_breakdown").quality(9).build());
            assertThat(approved.split()).isEqualTo(Split.TRAIN);
            assertThat(x.post(
                                    "curation/examples/" + approved.id() + "/pairs",
                                    "{\"rejected_interaction_id\":\"" + worseAnswer + "\"}")
                            .statusCode())
                    .isEqualTo(201);

            // approved unchanged: no edit pair, so without the marked pairs the preference file is empty
            HttpResponse<String> without = x.get("export/jsonl?format=trl_dpo");
            assertThat(without.statusCode()).as(without.body()).isEqualTo(200);
            assertThat(without.body()).isEmpty();
            assertThat(without.headers().firstValue("X-Tuneloop-Marked-Pairs")).isEmpty();

            HttpResponse<String> with = x.get("export/jsonl?format=trl_dpo&marked_pairs=true");
            assertThat(with.statusCode()).as(with.body()).isEqualTo(200);
            assertThat(with.headers().firstValue("X-Tuneloop-Marked-Pairs")).hasValue("1");
            assertThat(with.body().lines()).hasSize(1);
            JsonNode line = Harness.JSON.readTree(with.body().strip());
            assertThat(line.path("chosen").get(0).path("content").asText()).isEqualTo("SBC was $1.15B (10-Q, p. 12).");
            assertThat(line.path("rejected").get(0).path("content").asText()).isEqualTo("Roughly a billion.");

            HttpResponse<String> sft = x.get("export/jsonl?format=trl_sft&marked_pairs=true");
            assertThat(sft.statusCode()).isEqualTo(400);
            assertThat(Harness.message(sft)).contains("includeMarkedPairs needs a preference format");
            HttpResponse<String> bad = x.get("export/jsonl?format=trl_dpo&marked_pairs=yes");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(Harness.message(bad)).contains("marked_pairs must be true or false");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
