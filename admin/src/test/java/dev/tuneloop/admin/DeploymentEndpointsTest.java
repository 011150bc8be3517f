package dev.tuneloop.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tuneloop.metrics.Guardrail;
import dev.tuneloop.record.FeedbackEvent;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.Rating;
import dev.tuneloop.route.AbRouter;
import dev.tuneloop.route.RoutingPlan;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The deployment page's endpoints: the plan, the ramp, the kill switch, per-arm metrics and the guardrail. */
class DeploymentEndpointsTest {
    static final String FINE_TUNED = "ft:gpt-4o-mini:acme::v1";

    private final AbRouter router =
            AbRouter.create(RoutingPlan.fineTunedVsBase("exp-1", FINE_TUNED, "gpt-4o-mini", 2_000));

    private Harness start() {
        return Harness.start((hh, b) -> b.deployment(router)
                .armMetrics(
                        hh.store.interactions(),
                        Guardrail.builder(RoutingPlan.FINE_TUNED_ARM, RoutingPlan.BASE_ARM)
                                .minSamplesPerArm(20)
                                .build(),
                        Duration.ofDays(7))
                .clock(Harness.CLOCK));
    }

    @Test
    void shows_the_plan_and_ramps_the_fine_tuned_share_on_the_router() {
        try (Harness h = start()) {
            JsonNode plan = Harness.json(h.get("deployment"));
            assertThat(plan.path("first_arm").asText()).isEqualTo("fine-tuned");
            assertThat(plan.path("arms").get(0).path("basis_points").asInt()).isEqualTo(2_000);
            assertThat(plan.path("kill_switch_on").asBoolean()).isFalse();

            HttpResponse<String> refused = h.post("deployment/ramp", "{\"basis_points\":5000}");
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(Harness.message(refused)).startsWith("confirm must be true");
            assertThat(router.plan().arms().get(0).weight()).isEqualTo(2_000);

            HttpResponse<String> r = h.post("deployment/ramp", "{\"confirm\":true,\"basis_points\":5000}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(Harness.json(r).path("arms").get(0).path("percent").asDouble())
                    .isEqualTo(50.0);
            assertThat(router.plan().arms().get(0).weight()).isEqualTo(5_000);
            assertThat(router.plan().arms().get(1).weight()).isEqualTo(5_000);
            assertThat(router.plan().salt()).as("users keep their buckets").isEqualTo("exp-1");
        }
    }

    @Test
    void the_kill_switch_sends_everyone_to_the_base_model_and_back() {
        try (Harness h = start()) {
            HttpResponse<String> refused = h.post("deployment/kill-switch", "{\"on\":true}");
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(Harness.message(refused)).startsWith("confirm must be true");
            assertThat(router.plan().killSwitchOn()).isFalse();

            HttpResponse<String> on = h.post("deployment/kill-switch", "{\"confirm\":true,\"on\":true}");
            assertThat(on.statusCode()).as(on.body()).isEqualTo(200);
            assertThat(router.plan().killSwitchModel()).isEqualTo("gpt-4o-mini");
            for (int u = 0; u < 50; u++) {
                assertThat(router.modelFor("user-" + u)).isEqualTo("gpt-4o-mini");
            }
            assertThat(Harness.json(on).path("kill_switch_on").asBoolean()).isTrue();

            h.post("deployment/kill-switch", "{\"confirm\":true,\"on\":false}");
            assertThat(router.plan().killSwitchOn()).isFalse();
            assertThat(router.plan().arms().get(0).weight()).isEqualTo(2_000);
        }
    }

    @Test
    void bad_input_is_a_400_naming_the_field_and_nothing_changes() {
        try (Harness h = start()) {
            RoutingPlan before = router.plan();
            for (String[] c : new String[][] {
                {"deployment/ramp", "{\"confirm\":true}", "basis_points"},
                {"deployment/ramp", "{\"confirm\":true,\"basis_points\":10001}", "basis_points"},
                {"deployment/ramp", "{\"confirm\":true,\"basis_points\":-1}", "basis_points"},
                {"deployment/ramp", "{\"confirm\":true,\"basis_points\":\"50%\"}", "basis_points"},
                {"deployment/ramp", "{\"confirm\":true,\"basis_points\":100,\"arm\":\"base\"}", "arm"},
                {"deployment/ramp", "{\"confirm\":true,\"basis_points\":100,\"share\":1}", "share"},
                {"deployment/kill-switch", "{\"confirm\":true}", "on"},
                {"deployment/kill-switch", "{\"confirm\":true,\"on\":\"yes\"}", "on"},
                {"deployment/kill-switch", "{\"confirm\":true,\"on\":true,\"model\":\" \"}", "model"},
                {"deployment/kill-switch", "{\"confirm\":true,\"on\":false,\"model\":\"x\"}", "model"}
            }) {
                HttpResponse<String> r = h.post(c[0], c[1]);
                assertThat(r.statusCode()).as(c[1]).isEqualTo(400);
                assertThat(Harness.message(r)).as(c[1]).contains(c[2]);
            }
            assertThat(router.plan()).isSameAs(before);
            HttpResponse<String> noToken = h.send(HttpRequest.newBuilder(h.uri("deployment/kill-switch"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"confirm\":true,\"on\":true}"))
                    .build());
            assertThat(noToken.statusCode()).isEqualTo(401);
            assertThat(router.plan()).isSameAs(before);
        }
        try (Harness h = Harness.start()) {
            for (String path : List.of("deployment", "deployment/arms")) {
                assertThat(Harness.code(h.get(path))).as(path).isEqualTo("not_configured");
            }
        }
    }

    @Test
    void arms_show_each_arms_rates_and_the_guardrails_verdict() {
        try (Harness h = start()) {
            // 40 interactions per arm: the fine-tuned arm gets thumbs down on every other one, the base on none
            List<Interaction> all = new ArrayList<>();
            List<FeedbackEvent> events = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                boolean ft = i % 2 == 0;
                Interaction x = Interaction.builder()
                        .createdAt(Harness.NOW.minus(Duration.ofHours(1 + i)))
                        .userId("user-" + i)
                        .userMessage("q" + i)
                        .assistantResponse("a" + i)
                        .modelUsed(ft ? FINE_TUNED : "gpt-4o-mini")
                        .build();
                all.add(x);
                events.add(FeedbackEvent.of(
                        x.id(), x.createdAt().plusSeconds(1), ft && i % 4 == 0 ? Rating.down() : Rating.up()));
            }
            h.store.interactions().append(all, events);
            JsonNode arms = Harness.json(h.get("deployment/arms"));
            assertThat(arms.path("arms").findValuesAsText("arm")).containsExactly("fine-tuned", "base");
            assertThat(arms.path("arms").get(0).path("interactions").asInt()).isEqualTo(40);
            assertThat(arms.path("arms").get(0).path("thumbs_down_rate").asDouble())
                    .isEqualTo(0.5);
            assertThat(arms.path("arms").get(1).path("thumbs_down_rate").asDouble())
                    .isZero();
            JsonNode g = arms.path("guardrail");
            assertThat(g.path("verdict").asText()).isEqualTo("rollback");
            assertThat(g.path("rollback").asBoolean()).isTrue();
            assertThat(g.path("checks").findValuesAsText("rate")).contains("thumbs_down");
            assertThat(router.plan().killSwitchOn())
                    .as("the page only reports; it never rolls back")
                    .isFalse();
        }
    }
}
