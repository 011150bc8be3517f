package dev.tuneloop.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuneloop.curate.ExampleStore;
import dev.tuneloop.curate.ReadinessChecklist;
import dev.tuneloop.errors.TuneloopException;
import dev.tuneloop.export.JsonlExporter;
import dev.tuneloop.metrics.FlywheelMetrics;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.junit.jupiter.api.Test;

class ErrorsTest {
    static final String SECRET = "Jane Doe's SSN is 078-05-1120";

    @Test
    void unexpected_failures_are_500_without_stack_trace_class_or_message() {
        FlywheelMetrics broken = () -> {
            throw new IllegalStateException(SECRET);
        };
        ExampleStore brokenStore = new FailingExampleStore(() -> new TuneloopException("store state " + SECRET));
        try (Harness h = Harness.start(
                b -> b.metrics(broken).readiness(ReadinessChecklist.create(Harness.CLOCK), brokenStore))) {
            for (String path : List.of("metrics", "curation/readiness")) {
                HttpResponse<String> r = h.get(path);
                assertThat(r.statusCode()).isEqualTo(500);
                assertThat(Harness.code(r)).isEqualTo("internal_error");
                assertThat(Harness.message(r)).contains("reference");
                assertThat(r.body()).doesNotContain(SECRET, "Exception", "at dev.", "java.", ".java:", "IllegalState");
            }
        }
    }

    @Test
    void unknown_paths_are_404() {
        try (Harness h = Harness.start()) {
            HttpResponse<String> r = h.get("nothing/here");
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(Harness.code(r)).isEqualTo("not_found");
        }
    }

    @Test
    void bodies_over_the_limit_get_413_declared_or_streamed() {
        try (Harness h = Harness.start(b -> b.maxBodyBytes(1024))) {
            String id = h.record("q", "a", null, 1).toString();
            String big = "{\"category\":\"sec_10k\",\"quality_score\":8,\"notes\":\"" + "x".repeat(2000) + "\"}";
            HttpResponse<String> declared = h.post("curation/candidates/" + id + "/approve", big);
            assertThat(declared.statusCode()).isEqualTo(413);
            assertThat(Harness.code(declared)).isEqualTo("payload_too_large");
            assertThat(Harness.message(declared)).contains("1024");

            // no Content-Length: the body arrives chunked and is cut at the limit
            HttpResponse<String> streamed =
                    h.send(HttpRequest.newBuilder(h.uri("curation/candidates/" + id + "/approve"))
                            .header("Authorization", "Bearer " + Harness.TOKEN)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofInputStream(
                                    () -> new java.io.ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                            .build());
            assertThat(streamed.statusCode()).isEqualTo(413);
            assertThat(h.store.examples().findBySource(dev.tuneloop.record.InteractionId.parse(id)))
                    .isEmpty();

            String small = "{\"category\":\"sec_10k\",\"quality_score\":8,\"notes\":\"" + "x".repeat(500) + "\"}";
            assertThat(h.post("curation/candidates/" + id + "/approve", small).statusCode())
                    .isEqualTo(200);
        }
        assertThat(AdminServer.Builder.DEFAULT_MAX_BODY_BYTES).isEqualTo(1024 * 1024);
    }

    @Test
    void bodies_beyond_the_parsers_limits_are_a_400_not_a_500() {
        try (Harness h = Harness.start()) {
            String id = h.record("q", "a", null, 1).toString();
            String deep = "{\"notes\":" + "[".repeat(2_000) + "]".repeat(2_000) + "}";
            HttpResponse<String> r = h.post("curation/candidates/" + id + "/approve", deep);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(Harness.code(r)).isEqualTo("bad_request");
            assertThat(Harness.message(r)).contains("nest");

            String longNumber = "{\"quality_score\":" + "9".repeat(5_000) + "}";
            HttpResponse<String> n = h.post("curation/candidates/" + id + "/approve", longNumber);
            assertThat(n.statusCode()).isEqualTo(400);
            assertThat(Harness.code(n)).isEqualTo("bad_request");
            assertThat(h.store.examples().findBySource(dev.tuneloop.record.InteractionId.parse(id)))
                    .isEmpty();
        }
    }

    static Harness shared;

    @BeforeContainer
    static void startShared() {
        shared = Harness.start((h, b) -> b.export(JsonlExporter.create(h.store.examples())));
    }

    @AfterContainer
    static void stopShared() {
        shared.close();
    }

    /** Whatever a client sends as min_quality, the answer is 200 for 1-10 and a 400 naming it otherwise, never 500. */
    @Property(tries = 150)
    void any_min_quality_is_either_accepted_or_a_400(@ForAll String raw) {
        HttpResponse<String> r =
                shared.get("export/jsonl?min_quality=" + URLEncoder.encode(raw, StandardCharsets.UTF_8));
        boolean valid;
        try {
            int v = Integer.parseInt(raw.trim());
            valid = v >= 1 && v <= 10;
        } catch (NumberFormatException e) {
            valid = false;
        }
        assertThat(r.statusCode()).as("min_quality=%s", raw).isEqualTo(valid ? 200 : 400);
        if (!valid) {
            assertThat(Harness.message(r)).contains("min_quality");
        }
    }

    /** Whatever JSON-ish text is posted, the answer is a JSON error in the 4xx range, never a 500. */
    @Property(tries = 150)
    void arbitrary_bodies_never_cause_a_500(@ForAll String body) {
        String id = "0190b3c4-5d6e-7f80-9a1b-2c3d4e5f6a7b";
        HttpResponse<String> r = shared.post("curation/candidates/" + id + "/approve", body);
        assertThat(r.statusCode()).as(body).isBetween(400, 499);
        assertThat(Harness.code(r)).isNotEmpty();
    }
}
