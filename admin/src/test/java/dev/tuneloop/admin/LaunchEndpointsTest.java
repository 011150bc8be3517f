package dev.tuneloop.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tuneloop.curate.ReadinessChecklist;
import dev.tuneloop.export.JsonlExporter;
import dev.tuneloop.export.PriceTable;
import dev.tuneloop.testing.FakeFineTuneClient;
import dev.tuneloop.tune.FineTuneLauncher;
import dev.tuneloop.tune.ReadinessVerdict;
import dev.tuneloop.tune.TrainingDataSource;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launch page's endpoints: choices, estimate, the confirmed launch on a chosen provider, jobs and events. */
class LaunchEndpointsTest {
    static final PriceTable PRICES = PriceTable.standard().with("gpt-4o-mini-2024-07-18", new BigDecimal("3.00"));

    @TempDir
    Path work;

    private final FakeFineTuneClient together = FakeFineTuneClient.create(Harness.CLOCK, "together");

    private FineTuneLauncher launcher(Harness h, FakeFineTuneClient client) {
        return FineTuneLauncher.builder(
                        client,
                        h.jobs,
                        h.registry,
                        TrainingDataSource.fromExporter(JsonlExporter.create(h.store.examples()), work),
                        ReadinessVerdict::ready)
                .clock(Harness.CLOCK)
                .build();
    }

    private Harness start() {
        Harness h = Harness.start((hh, b) -> b.fineTuning(launcher(hh, hh.client), hh.client, hh.jobs, hh.registry)
                .provider("together", launcher(hh, together), together)
                .export(JsonlExporter.create(hh.store.examples()))
                .readiness(ReadinessChecklist.create(Harness.CLOCK), hh.store.examples())
                .baseModels(List.of("gpt-4o-mini-2024-07-18", "gpt-4.1-mini"))
                .prices(PRICES));
        for (int i = 0; i < 20; i++) {
            h.approve(h.record("Question " + i + " about 10-K filings?", "Answer number " + i + ".", null, 30 + i), 8);
        }
        return h;
    }

    @Test
    void choices_list_providers_models_presets_and_ranges() {
        try (Harness h = start()) {
            JsonNode c = Harness.json(h.get("fine-tune/choices"));
            assertThat(c.path("providers").findValuesAsText("name")).containsExactly("fake", "together");
            assertThat(c.path("providers").get(0).path("default").asBoolean()).isTrue();
            assertThat(c.path("base_models").toString()).contains("gpt-4o-mini-2024-07-18", "gpt-4.1-mini");
            assertThat(c.path("presets").findValuesAsText("name")).contains("supervised", "preference", "trl_sft");
            assertThat(c.path("hyperparameters").path("n_epochs").path("max").asInt())
                    .isEqualTo(50);
            assertThat(c.path("estimates").asBoolean()).isTrue();
        }
    }

    @Test
    void estimate_counts_the_examples_and_prices_them() {
        try (Harness h = start()) {
            HttpResponse<String> r = h.post(
                    "fine-tune/estimate",
                    "{\"base_model\":\"gpt-4o-mini-2024-07-18\",\"preset\":\"supervised\",\"min_quality_score\":6,"
                            + "\"n_epochs\":2}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode e = Harness.json(r);
            long train = h.registry.versions().size(); // nothing launched by an estimate
            assertThat(train).isZero();
            assertThat(e.path("examples").asLong()).isBetween(10L, 20L);
            assertThat(e.path("epochs").asInt()).isEqualTo(2);
            assertThat(e.path("auto_epochs").asBoolean()).isFalse();
            long tokens = e.path("estimated_training_tokens").asLong();
            assertThat(tokens)
                    .isEqualTo(2 * e.path("tokens_per_epoch").asLong())
                    .isPositive();
            assertThat(new BigDecimal(e.path("estimated_cost_usd").asText()))
                    .as("the price table's cost of the tokens at $3.00 per million")
                    .isEqualByComparingTo(
                            PRICES.cost("gpt-4o-mini-2024-07-18", tokens).orElseThrow())
                    .isPositive();
            assertThat(e.path("estimated_minutes").path("min").asInt()).isPositive();
            assertThat(e.path("readiness").asText()).isIn("pass", "warn", "fail");
            assertThat(h.client.createRequests()).isEmpty();

            JsonNode unpriced = Harness.json(h.post("fine-tune/estimate", "{\"base_model\":\"my-own-model\"}"));
            assertThat(unpriced.path("estimated_cost_usd").isNull()).isTrue();
        }
    }

    @Test
    void launch_needs_confirm_and_goes_to_the_chosen_provider() {
        try (Harness h = start()) {
            String body = "\"provider\":\"together\",\"base_model\":\"meta-llama/Llama-3-8b\",\"preset\":\"trl_sft\","
                    + "\"n_epochs\":2,\"batch_size\":8,\"learning_rate_multiplier\":0.5,\"suffix\":\"sbc\"";
            for (String confirm : new String[] {"", ",\"confirm\":false", ",\"confirm\":\"yes\""}) {
                HttpResponse<String> refused = h.post("fine-tune/launch", "{" + body + confirm + "}");
                assertThat(refused.statusCode()).isEqualTo(400);
                assertThat(Harness.message(refused)).startsWith("confirm must be true");
            }
            assertThat(together.createRequests()).isEmpty();
            assertThat(h.client.createRequests()).isEmpty();

            HttpResponse<String> r = h.post("fine-tune/launch", "{" + body + ",\"confirm\":true}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            JsonNode job = Harness.json(r);
            assertThat(job.path("provider").asText()).isEqualTo("together");
            assertThat(job.path("model_version").asText()).isEqualTo("v1");
            assertThat(together.createRequests()).hasSize(1);
            assertThat(h.client.createRequests()).isEmpty();
            var hp = together.createRequests().get(0).hyperparameters();
            assertThat(hp.nEpochs().number()).isEqualTo(2);
            assertThat(hp.batchSize().number()).isEqualTo(8);
            assertThat(hp.learningRateMultiplier().number()).isEqualTo(0.5);
            assertThat(h.registry.getVersion("v1").provider()).isEqualTo("together");

            // the jobs page lists it, and its status and events are asked of the provider that runs it
            together.addEvent(job.path("id").asText(), "info", "Fine-tuning job started");
            JsonNode jobs = Harness.json(h.get("fine-tune/jobs")).path("jobs");
            assertThat(jobs.size()).isEqualTo(1);
            assertThat(jobs.get(0).path("model_version").asText()).isEqualTo("v1");
            assertThat(jobs.get(0).path("provider").asText()).isEqualTo("together");
            String status = "";
            for (int i = 0; i < 5 && !status.equals("succeeded"); i++) {
                status = Harness.json(h.get("fine-tune/" + job.path("id").asText() + "/status"))
                        .path("status")
                        .asText();
            }
            assertThat(status).isEqualTo("succeeded");
            assertThat(h.registry.getVersion("v1").fineTunedModel())
                    .as("the succeeded job's model is recorded in its version")
                    .isNotBlank();
            JsonNode events = Harness.json(h.get("fine-tune/" + job.path("id").asText() + "/events"));
            assertThat(events.path("events").findValuesAsText("message")).contains("Fine-tuning job started");
            JsonNode done = Harness.json(h.get("fine-tune/jobs")).path("jobs").get(0);
            assertThat(done.path("status").asText()).isEqualTo("succeeded");
            assertThat(done.path("terminal").asBoolean()).isTrue();
        }
    }

    @Test
    void bad_input_is_a_400_naming_the_field() {
        try (Harness h = start()) {
            for (String[] c : new String[][] {
                {"{\"confirm\":true}", "base_model"},
                {"{\"confirm\":true,\"base_model\":\"gpt-4o-mini\",\"provider\":\"azure\"}", "provider"},
                {"{\"confirm\":true,\"base_model\":\"gpt-4o-mini\",\"preset\":\"csv\"}", "preset"},
                {
                    "{\"confirm\":true,\"base_model\":\"gpt-4o-mini\",\"preset\":\"preference\",\"method\":\"supervised\"}",
                    "method"
                },
                {"{\"confirm\":true,\"base_model\":\"gpt-4o-mini\",\"batch_size\":0}", "batch_size"},
                {
                    "{\"confirm\":true,\"base_model\":\"gpt-4o-mini\",\"learning_rate_multiplier\":0}",
                    "learning_rate_multiplier"
                },
                {
                    "{\"confirm\":true,\"base_model\":\"gpt-4o-mini\",\"learning_rate_multiplier\":\"x\"}",
                    "learning_rate_multiplier"
                },
                {"{\"confirm\":true,\"base_model\":\"gpt-4o-mini\",\"n_epochs\":51}", "n_epochs"},
                {"{\"confirm\":true,\"base_model\":\"gpt-4o-mini\",\"temperature\":1}", "temperature"}
            }) {
                HttpResponse<String> r = h.post("fine-tune/launch", c[0]);
                assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
                assertThat(Harness.message(r)).as(c[0]).contains(c[1]);
            }
            HttpResponse<String> est =
                    h.post("fine-tune/estimate", "{\"base_model\":\"gpt-4o-mini\",\"confirm\":true}");
            assertThat(est.statusCode()).isEqualTo(400);
            assertThat(Harness.message(est)).contains("confirm");
            HttpResponse<String> events = h.get("fine-tune/ftjob-404/events");
            assertThat(events.statusCode()).isEqualTo(404);
            assertThat(h.client.createRequests()).isEmpty();
            assertThat(together.createRequests()).isEmpty();
        }
    }

    @Test
    void without_the_parts_the_endpoints_are_not_configured_and_without_a_token_unauthorized() {
        try (Harness h = Harness.start()) {
            for (String path : List.of("fine-tune/choices", "fine-tune/jobs")) {
                HttpResponse<String> r = h.get(path);
                assertThat(r.statusCode()).as(path).isEqualTo(404);
                assertThat(Harness.code(r)).as(path).isEqualTo("not_configured");
            }
            HttpResponse<String> launch =
                    h.post("fine-tune/launch", "{\"confirm\":true,\"base_model\":\"gpt-4o-mini\"}");
            assertThat(Harness.code(launch)).isEqualTo("not_configured");
        }
        try (Harness h = start()) {
            HttpResponse<String> r = h.send(HttpRequest.newBuilder(h.uri("fine-tune/launch"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"confirm\":true,\"base_model\":\"gpt-4o-mini\"}"))
                    .build());
            assertThat(r.statusCode()).isEqualTo(401);
            HttpResponse<String> wrong = h.send(HttpRequest.newBuilder(h.uri("fine-tune/choices"))
                    .header("Authorization", "Bearer wrong-token-0123456789")
                    .build());
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(h.client.createRequests()).isEmpty();
        }
    }

    @Test
    void a_provider_without_fine_tuning_or_with_a_bad_name_is_refused_at_build() {
        dev.tuneloop.store.Store store = dev.tuneloop.store.Store.inMemory();
        FineTuneLauncher l = FineTuneLauncher.builder(
                        together,
                        store.jobs(),
                        store.registry(),
                        TrainingDataSource.fromExporter(JsonlExporter.create(store.examples()), work),
                        ReadinessVerdict::ready)
                .build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AdminServer.builder()
                        .token(Harness.TOKEN)
                        .port(0)
                        .provider("together", l, together)
                        .start())
                .isInstanceOf(dev.tuneloop.errors.ValidationException.class)
                .hasMessageContaining("provider(...) needs fineTuning(...)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AdminServer.builder()
                        .token(Harness.TOKEN)
                        .port(0)
                        .fineTuning(l, together, store.jobs(), store.registry())
                        .provider("bad name!", l, together)
                        .start())
                .isInstanceOf(dev.tuneloop.errors.ValidationException.class)
                .hasMessageContaining("provider name");
    }
}
