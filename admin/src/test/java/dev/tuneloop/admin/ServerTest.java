package dev.tuneloop.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.tuneloop.Tuneloop;
import dev.tuneloop.curate.CurationPolicy;
import dev.tuneloop.curate.ReadinessChecklist;
import dev.tuneloop.curate.Taxonomy;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.metrics.FlywheelMetrics;
import dev.tuneloop.store.Store;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class ServerTest {

    @Test
    void refuses_to_start_or_mount_without_a_token() throws IOException {
        assertThatThrownBy(() -> AdminServer.builder().port(0).start())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("token is required");
        assertThatThrownBy(() -> AdminServer.builder().token("").port(0).start())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("token is required");
        HttpServer host = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        try {
            assertThatThrownBy(() -> AdminServer.builder().mount(host))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("token is required");
        } finally {
            host.stop(0);
        }
    }

    @Test
    void reports_every_bad_setting_at_once() {
        assertThatThrownBy(() -> AdminServer.builder()
                        .token("short token")
                        .port(70000)
                        .threads(0)
                        .maxBodyBytes(0)
                        .start())
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.problems())
                                .satisfiesExactly(
                                        p -> assertThat(p).contains("at least 16 characters"),
                                        p -> assertThat(p).contains("visible ASCII"),
                                        p -> assertThat(p)
                                                .contains("maxBodyBytes")
                                                .contains("0"),
                                        p -> assertThat(p).contains("port").contains("70000"),
                                        p -> assertThat(p).contains("threads").contains("0")));
    }

    @Test
    void random_tokens_are_long_and_different() {
        String a = AdminServer.randomToken();
        assertThat(a).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(AdminServer.randomToken()).isNotEqualTo(a);
    }

    @Test
    void binds_to_loopback_by_default() {
        try (Harness h = Harness.start()) {
            assertThat(h.server.uri().getHost()).isEqualTo("127.0.0.1");
            assertThat(h.server.uri().getPath()).isEqualTo("/admin/");
            assertThat(h.server.consoleUri().getPath()).isEqualTo("/admin/console/");
        }
        assertThat(AdminServer.Builder.DEFAULT_HOST).isEqualTo("127.0.0.1");
    }

    @Test
    void mounts_on_a_host_server_and_unmounts_on_close() throws IOException {
        HttpServer host = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        host.createContext("/app", ex -> {
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        host.start();
        try (Harness h = Harness.start()) {
            AdminServer mounted = AdminServer.builder()
                    .token(Harness.TOKEN)
                    .curation(h.curator, CurationPolicy.seedDefault(), Taxonomy.SEED)
                    .mount(host);
            h.record("q", "a", null, 3);
            HttpResponse<String> r = h.send(HttpRequest.newBuilder(mounted.uri().resolve("curation/candidates"))
                    .header("Authorization", "Bearer " + Harness.TOKEN)
                    .build());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(Harness.json(r).path("count").asInt()).isEqualTo(1);
            assertThat(mounted.uri().getPort()).isEqualTo(host.getAddress().getPort());
            assertThat(h.send(HttpRequest.newBuilder(mounted.uri().resolve("/app"))
                                    .build())
                            .statusCode())
                    .isEqualTo(204);

            mounted.close();
            HttpResponse<String> gone =
                    h.send(HttpRequest.newBuilder(mounted.uri().resolve("curation/candidates"))
                            .header("Authorization", "Bearer " + Harness.TOKEN)
                            .build());
            assertThat(gone.statusCode()).isEqualTo(404);
            assertThat(h.send(HttpRequest.newBuilder(mounted.uri().resolve("/app"))
                                    .build())
                            .statusCode())
                    .isEqualTo(204);
        } finally {
            host.stop(0);
        }
    }

    @Test
    void close_is_idempotent_and_frees_the_port() throws IOException {
        Harness h = Harness.start();
        int port = h.server.uri().getPort();
        h.close();
        h.close();
        HttpServer again = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        again.stop(0);
    }

    @Test
    void serves_every_part_a_tuneloop_instance_hands_out() throws IOException, InterruptedException {
        try (Tuneloop tuneloop = Tuneloop.builder()
                        .store(Store.inMemory())
                        .clock(Harness.CLOCK)
                        .taxonomy(Taxonomy.SEED)
                        .synchronousRecorder()
                        .build();
                Harness h = Harness.start(b -> b.tuneloop(tuneloop, Taxonomy.SEED))) {
            var id = tuneloop.recorder()
                    .log(tuneloop.interaction()
                            .userId("u")
                            .userMessage("What was Q3 revenue?")
                            .assistantResponse("$35.1B.")
                            .modelUsed("gpt-4o-mini")
                            .build());
            tuneloop.recorder().rate(id, dev.tuneloop.record.Rating.up());
            var candidates = Harness.json(h.get("curation/candidates"));
            assertThat(candidates
                            .path("candidates")
                            .get(0)
                            .path("interaction_id")
                            .asText())
                    .isEqualTo(id.toString());
            assertThat(h.post(
                                    "curation/candidates/" + id + "/approve",
                                    "{\"category\":\"sec_10q\",\"quality_score\":9}")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(tuneloop.store().examples().findBySource(id)).isPresent();
            assertThat(h.get("curation/readiness").statusCode()).isEqualTo(200);
            assertThat(Harness.json(h.get("metrics"))
                            .path("metrics")
                            .get(0)
                            .path("value")
                            .asDouble())
                    .isEqualTo(1.0);
            assertThat(h.get("export/jsonl").statusCode()).isEqualTo(200);
            assertThat(Harness.code(h.get("fine-tune/models"))).isEqualTo("not_configured");
        }
    }

    @Test
    void readiness_and_metrics_are_served_from_the_checklist_and_the_flywheel() {
        try (Harness h =
                Harness.start((hh, b) -> b.readiness(ReadinessChecklist.create(Harness.CLOCK), hh.store.examples())
                        .metrics(FlywheelMetrics.builder(hh.store.interactions(), hh.store.examples())
                                .clock(Harness.CLOCK)
                                .build()))) {
            for (int i = 0; i < 4; i++) {
                var id = h.record("Question " + i + "?", "Answer " + i + ".", null, 5 + i);
                if (i < 3) {
                    h.approve(id, 8);
                }
            }
            var r = Harness.json(h.get("curation/readiness"));
            assertThat(r.path("overall").asText()).isEqualTo("fail");
            assertThat(r.path("ready").asBoolean()).isFalse();
            assertThat(r.path("items").size()).isEqualTo(7);
            var size = r.path("items").get(0);
            assertThat(size.path("check").asText()).isEqualTo("training_set_size");
            assertThat(size.path("status").asText()).isEqualTo("fail");
            assertThat(size.path("name").asText()).contains("50");
            assertThat(size.path("detail").asText()).isNotBlank();

            var m = Harness.json(h.get("metrics"));
            var metrics = m.path("metrics");
            assertThat(metrics.size()).isEqualTo(5);
            assertThat(metrics.get(0).path("kind").asText()).isEqualTo("training_examples");
            assertThat(metrics.get(0).path("value").asDouble()).isEqualTo(3.0);
            assertThat(metrics.get(0).path("display").asText()).isEqualTo("3");
            assertThat(metrics.get(0).path("status").asText()).isEqualTo("below_target");
            assertThat(metrics.get(1).path("kind").asText()).isEqualTo("curation_rate");
            assertThat(metrics.get(1).path("display").asText()).isEqualTo("75.0%");
            assertThat(metrics.get(2).path("display").asText()).isEqualTo("100.0%");
            assertThat(metrics.get(3).path("value").isNull()).isTrue();
            assertThat(metrics.get(3).path("display").asText()).isEqualTo("—");
            assertThat(metrics.get(3).path("status").asText()).isEqualTo("no_data");
        }
        try (Harness h = Harness.start()) {
            assertThat(Harness.code(h.get("curation/readiness"))).isEqualTo("not_configured");
            assertThat(Harness.code(h.get("metrics"))).isEqualTo("not_configured");
        }
    }
}
