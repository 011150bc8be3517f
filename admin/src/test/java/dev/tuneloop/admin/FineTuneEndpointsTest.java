package dev.tuneloop.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tuneloop.curate.ExampleId;
import dev.tuneloop.errors.RetriableException;
import dev.tuneloop.testing.FakeFineTuneClient;
import dev.tuneloop.tune.EvaluationSummary;
import dev.tuneloop.tune.FineTuneLauncher;
import dev.tuneloop.tune.FineTuningUnavailableException;
import dev.tuneloop.tune.PreparedDataset;
import dev.tuneloop.tune.ProviderAuthenticationException;
import dev.tuneloop.tune.ReadinessGate;
import dev.tuneloop.tune.ReadinessVerdict;
import dev.tuneloop.tune.TrainingDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FineTuneEndpointsTest {
    @TempDir
    Path work;

    /** The tune module's launcher over a data source that writes one chat line per asked example. */
    private FineTuneLauncher launcher(Harness h, AtomicInteger askedMin, ReadinessGate gate) {
        TrainingDataSource data = (minQuality, method) -> {
            askedMin.set(minQuality);
            Path file = work.resolve("train-" + UUID.randomUUID() + ".jsonl");
            try {
                Files.writeString(
                        file,
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},"
                                + "{\"role\":\"assistant\",\"content\":\"a\"}]}\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return PreparedDataset.of(file, List.of(ExampleId.next(Harness.NOW.toEpochMilli())));
        };
        return FineTuneLauncher.builder(h.client, h.jobs, h.registry, data, gate)
                .clock(Harness.CLOCK)
                .build();
    }

    private Harness start(AtomicInteger askedMin) {
        return Harness.start(
                (h, b) -> b.fineTuning(launcher(h, askedMin, ReadinessVerdict::ready), h.client, h.jobs, h.registry));
    }

    @Test
    void create_runs_the_launcher_and_returns_the_job() {
        AtomicInteger askedMin = new AtomicInteger();
        try (Harness h = start(askedMin)) {
            HttpResponse<String> r =
                    h.post("fine-tune/create", "{\"base_model\":\"gpt-4o-mini-2024-07-18\",\"min_quality_score\":7}");
            assertThat(r.statusCode()).isEqualTo(201);
            JsonNode job = Harness.json(r);
            assertThat(job.path("id").asText()).isEqualTo("ftjob-1");
            assertThat(job.path("status").asText()).isEqualTo("validating_files");
            assertThat(job.path("base_model").asText()).isEqualTo("gpt-4o-mini-2024-07-18");
            assertThat(job.path("hyperparameters").path("n_epochs").asText()).isEqualTo("auto");
            assertThat(job.path("terminal").asBoolean()).isFalse();
            assertThat(r.headers().firstValue("Location")).hasValue("/admin/fine-tune/ftjob-1/status");
            assertThat(job.path("model_version").asText()).isEqualTo("v1");
            assertThat(job.path("examples").asInt()).isEqualTo(1);
            assertThat(askedMin.get()).isEqualTo(7);
            assertThat(h.client.createRequests()).hasSize(1);
            assertThat(h.registry.getVersion("v1").jobId()).isEqualTo("ftjob-1");

            assertThat(h.post("fine-tune/create", "{\"base_model\":\"gpt-4o-mini\"}")
                            .statusCode())
                    .isEqualTo(201);
            assertThat(askedMin.get()).isEqualTo(FineTuneEndpoints.DEFAULT_MIN_QUALITY_SCORE);
        }
    }

    @Test
    void create_checks_its_input_and_names_the_field() {
        AtomicInteger askedMin = new AtomicInteger();
        try (Harness h = start(askedMin)) {
            for (String[] c : new String[][] {
                {"{}", "base_model"},
                {"{\"base_model\":\"\"}", "base_model"},
                {"{\"base_model\":\"gpt 4o; rm\"}", "base_model"},
                {"{\"base_model\":\"gpt-4o-mini\",\"min_quality_score\":0}", "min_quality_score"},
                {"{\"base_model\":\"gpt-4o-mini\",\"min_quality_score\":11}", "min_quality_score"},
                {"{\"base_model\":\"gpt-4o-mini\",\"min_quality_score\":\"6\"}", "min_quality_score"},
                {"{\"base_model\":\"gpt-4o-mini\",\"epochs\":3}", "epochs"},
                {"{\"base_model\":\"gpt-4o-mini\",\"n_epochs\":0}", "n_epochs"},
                {"{\"base_model\":\"gpt-4o-mini\",\"method\":\"rlhf\"}", "method"},
                {"{\"base_model\":\"gpt-4o-mini\",\"force\":\"yes\"}", "force"},
                {"{\"base_model\":\"gpt-4o-mini\",\"suffix\":\"bad suffix!\"}", "suffix"}
            }) {
                HttpResponse<String> r = h.post("fine-tune/create", c[0]);
                assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
                assertThat(Harness.message(r)).as(c[0]).contains(c[1]);
            }
            assertThat(h.client.createRequests()).isEmpty();
            HttpResponse<String> get = h.get("fine-tune/create");
            assertThat(get.statusCode()).isEqualTo(405);
            assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        }
    }

    @Test
    void status_asks_the_provider_and_keeps_the_registry_current() {
        try (Harness h = start(new AtomicInteger())) {
            h.post("fine-tune/create", "{\"base_model\":\"gpt-4o-mini\"}");
            List<String> seen = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                HttpResponse<String> r = h.get("fine-tune/ftjob-1/status");
                assertThat(r.statusCode()).isEqualTo(200);
                seen.add(Harness.json(r).path("status").asText());
            }
            assertThat(seen).containsExactly("queued", "running", "succeeded", "succeeded");
            JsonNode done = Harness.json(h.get("fine-tune/ftjob-1/status"));
            assertThat(done.path("terminal").asBoolean()).isTrue();
            assertThat(done.path("fine_tuned_model").asText()).isNotBlank();
            assertThat(h.jobs.get("ftjob-1").status().wire()).isEqualTo("succeeded");
        }
    }

    @Test
    void status_of_an_unknown_or_malformed_job_is_404_or_400() {
        try (Harness h = start(new AtomicInteger())) {
            HttpResponse<String> missing = h.get("fine-tune/ftjob-404/status");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(Harness.code(missing)).isEqualTo("not_found");
            HttpResponse<String> bad = h.get("fine-tune/%3Cscript%3E/status");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(Harness.message(bad)).contains("job_id").contains("<script>");
            assertThat(bad.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        }
    }

    @Test
    void models_lists_the_version_table_with_lineage() {
        try (Harness h = start(new AtomicInteger())) {
            assertThat(Harness.json(h.get("fine-tune/models")).path("versions").size())
                    .isZero();
            h.post("fine-tune/create", "{\"base_model\":\"gpt-4o-mini\",\"notes\":\"Initial training\"}");
            h.post(
                    "fine-tune/create",
                    "{\"base_model\":\"gpt-4o-mini\",\"min_quality_score\":8,\"n_epochs\":3,"
                            + "\"suffix\":\"sbc\",\"method\":\"supervised\"}");
            h.registry.recordFineTunedModel("v1", "ft:gpt-4o-mini:org::abc");
            h.registry.recordEvaluation(
                    "v1",
                    new EvaluationSummary(
                            "gpt-4o-mini",
                            "ft:gpt-4o-mini:org::abc",
                            0.61,
                            0.78,
                            0.88,
                            true,
                            Harness.NOW,
                            "{}",
                            false));
            JsonNode versions = Harness.json(h.get("fine-tune/models")).path("versions");
            assertThat(versions.size()).isEqualTo(2);
            JsonNode v1 = versions.get(0);
            assertThat(v1.path("version").asText()).isEqualTo("v1");
            assertThat(v1.path("date").asText()).isEqualTo("2026-11-28");
            assertThat(v1.path("examples").asInt()).isEqualTo(1);
            assertThat(v1.path("base_model").asText()).isEqualTo("gpt-4o-mini");
            assertThat(v1.path("notes").asText()).isEqualTo("Initial training");
            assertThat(v1.path("job_id").asText()).isEqualTo("ftjob-1");
            assertThat(v1.path("fine_tuned_model").asText()).isEqualTo("ft:gpt-4o-mini:org::abc");
            assertThat(v1.path("evaluation").path("candidate_accuracy").asDouble())
                    .isEqualTo(0.88);
            assertThat(v1.path("evaluation").path("amended").isBoolean()).isTrue();
            assertThat(v1.path("evaluation").path("amended").asBoolean()).isFalse();
            assertThat(v1.path("provider").asText()).isEqualTo(h.client.provider());
            assertThat(v1.path("parent_version").isNull()).isTrue();
            assertThat(v1.path("lifecycle").path("retires").isNull())
                    .as("the fake is no provider of the calendar")
                    .isTrue();
            assertThat(versions.get(1).path("version").asText()).isEqualTo("v2");
            assertThat(versions.get(1).path("evaluation").isNull()).isTrue();
            assertThat(h.client.createRequests().get(1).suffix()).isEqualTo("sbc");
            assertThat(h.client
                            .createRequests()
                            .get(1)
                            .hyperparameters()
                            .nEpochs()
                            .number())
                    .isEqualTo(3);
        }
    }

    @Test
    void models_show_the_calendar_dates_at_each_versions_provider() {
        try (Harness h = start(new AtomicInteger())) {
            h.registry.register(new dev.tuneloop.tune.NewModelVersion(
                    Harness.NOW,
                    "gpt-4o-mini-2024-07-18",
                    new dev.tuneloop.tune.DatasetSnapshot("ab".repeat(32), List.of()),
                    "ftjob-77",
                    "",
                    "openai",
                    null));
            h.registry.register(new dev.tuneloop.tune.NewModelVersion(
                    Harness.NOW,
                    "gpt-4o-mini-2024-07-18",
                    new dev.tuneloop.tune.DatasetSnapshot("ab".repeat(32), List.of()),
                    "ftjob-78",
                    "",
                    "azure",
                    "v1"));
            JsonNode versions = Harness.json(h.get("fine-tune/models")).path("versions");
            assertThat(versions.get(0)
                            .path("lifecycle")
                            .path("job_creation_closes")
                            .asText())
                    .isEqualTo("2027-01-06");
            assertThat(versions.get(0).path("lifecycle").path("retires").asText())
                    .isEqualTo("2027-01-14");
            assertThat(versions.get(1).path("provider").asText()).isEqualTo("azure");
            assertThat(versions.get(1).path("parent_version").asText()).isEqualTo("v1");
            assertThat(versions.get(1).path("lifecycle").path("retires").asText())
                    .isEqualTo("2027-10-01");
        }
    }

    @Test
    void provider_failures_map_to_their_statuses_with_plain_messages() {
        try (Harness h = start(new AtomicInteger())) {
            h.client.failNext(
                    FakeFineTuneClient.Operation.CREATE,
                    new FineTuningUnavailableException("OpenAI", "fine-tuning is not available", null));
            HttpResponse<String> unavailable = h.post("fine-tune/create", "{\"base_model\":\"gpt-4o-mini\"}");
            assertThat(unavailable.statusCode()).isEqualTo(409);
            assertThat(Harness.code(unavailable)).isEqualTo("fine_tuning_unavailable");
            assertThat(Harness.message(unavailable)).startsWith(FineTuningUnavailableException.EXPLANATION);

            h.client.failNext(FakeFineTuneClient.Operation.CREATE, new RetriableException("rate limited by OpenAI"));
            HttpResponse<String> limited = h.post("fine-tune/create", "{\"base_model\":\"gpt-4o-mini\"}");
            assertThat(limited.statusCode()).isEqualTo(503);
            assertThat(limited.headers().firstValue("Retry-After")).hasValue("30");

            h.client.failNext(
                    FakeFineTuneClient.Operation.CREATE,
                    new ProviderAuthenticationException("OpenAI refused the API key", null));
            HttpResponse<String> auth = h.post("fine-tune/create", "{\"base_model\":\"gpt-4o-mini\"}");
            assertThat(auth.statusCode()).isEqualTo(502);
            assertThat(Harness.code(auth)).isEqualTo("provider_authentication_failed");
        }
    }

    @Test
    void a_launch_the_checklist_blocks_is_409_listing_the_failures_unless_forced() {
        ReadinessGate failing = () -> new ReadinessVerdict(
                List.of("12 approved examples, at least 50 needed"), List.of("no holdout examples"));
        try (Harness h = Harness.start(
                (hh, b) -> b.fineTuning(launcher(hh, new AtomicInteger(), failing), hh.client, hh.jobs, hh.registry))) {
            HttpResponse<String> r = h.post("fine-tune/create", "{\"base_model\":\"gpt-4o-mini\"}");
            assertThat(r.statusCode()).isEqualTo(409);
            assertThat(Harness.code(r)).isEqualTo("not_ready");
            assertThat(Harness.json(r).path("error").path("problems").get(0).asText())
                    .isEqualTo("12 approved examples, at least 50 needed");
            assertThat(h.client.uploads()).isEmpty();

            HttpResponse<String> forced = h.post("fine-tune/create", "{\"base_model\":\"gpt-4o-mini\",\"force\":true}");
            assertThat(forced.statusCode()).isEqualTo(201);
            JsonNode readiness = Harness.json(forced).path("readiness");
            assertThat(readiness.path("failures").get(0).asText()).contains("at least 50");
            assertThat(readiness.path("warnings").get(0).asText()).isEqualTo("no holdout examples");
        }
    }

    @Test
    void without_fine_tuning_parts_the_endpoints_say_not_configured() {
        try (Harness h = Harness.start()) {
            assertThat(Harness.code(h.get("fine-tune/models"))).isEqualTo("not_configured");
            assertThat(h.get("fine-tune/ftjob-1/status").statusCode()).isEqualTo(404);
            assertThat(Harness.code(h.post("fine-tune/create", "{\"base_model\":\"gpt-4o-mini\"}")))
                    .isEqualTo("not_configured");
        }
    }
}
