package dev.tuneloop.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tuneloop.eval.EvalCase;
import dev.tuneloop.eval.EvaluationReport;
import dev.tuneloop.eval.Evaluator;
import dev.tuneloop.eval.PromotionRules;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.testing.ScriptedChatModel;
import dev.tuneloop.tune.DatasetSnapshot;
import dev.tuneloop.tune.EvaluationSummary;
import dev.tuneloop.tune.NewModelVersion;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The evaluation page's endpoints: the summaries, the HTML report, and the single-use links the console frames. */
class EvaluationEndpointsTest {
    static final String CANDIDATE = "ft:gpt-4o-mini:acme::v1";

    /** A real report over one case whose texts carry markup that must never run. */
    static EvaluationReport report(Harness h) {
        ScriptedChatModel chat = ScriptedChatModel.answering(r -> "Revenue was $35.1B <script>alert(1)</script>.");
        return Evaluator.builder()
                .examples(h.store.examples())
                .base("gpt-4o-mini", chat)
                .candidate(CANDIDATE, chat)
                .rules(PromotionRules.DEFAULTS.withMinCases(1))
                .clock(Harness.CLOCK)
                .build()
                .run(List.of(new EvalCase(
                        "case-1",
                        "<img src=x onerror=alert(2)>",
                        List.of(ChatMessage.user("What was revenue? <script>alert(3)</script>")),
                        "Revenue was $35.1B.",
                        List.of("$35.1B"))));
    }

    /** Records a full evaluation of {@code version}, a registered version. */
    static void evaluatedOn(Harness h, String version) {
        h.registry.recordEvaluation(version, report(h).toSummary());
    }

    /** Registers v1 (evaluated with a full report) and v2 (evaluated with a summary only). */
    static void evaluated(Harness h) {
        for (String v : List.of("v1", "v2")) {
            h.registry.register(new NewModelVersion(
                    Harness.NOW, "gpt-4o-mini", new DatasetSnapshot("ab".repeat(32), List.of()), "ftjob-" + v, ""));
        }
        h.registry.recordFineTunedModel("v1", CANDIDATE);
        h.registry.recordEvaluation("v1", report(h).toSummary());
        h.registry.recordEvaluation(
                "v2", new EvaluationSummary("gpt-4o-mini", "ft:x", 0.5, 0.4, 0.3, false, Harness.NOW, "{}", false));
    }

    @Test
    void lists_the_evaluated_versions_newest_first() {
        try (Harness h = Harness.start((hh, b) -> b.registry(hh.registry))) {
            evaluated(h);
            JsonNode reports = Harness.json(h.get("evaluation/reports")).path("reports");
            assertThat(reports.findValuesAsText("version")).containsExactly("v2", "v1");
            JsonNode v1 = reports.get(1);
            assertThat(v1.path("candidate_model").asText()).isEqualTo(CANDIDATE);
            assertThat(v1.path("candidate_accuracy").isNumber()).isTrue();
            assertThat(v1.path("promote").isBoolean()).isTrue();
        }
    }

    @Test
    void the_html_report_runs_no_script_and_a_link_serves_it_once() {
        try (Harness h = Harness.start((hh, b) -> b.registry(hh.registry))) {
            evaluated(h);
            HttpResponse<String> html = h.get("evaluation/reports/v1/html");
            assertThat(html.statusCode()).isEqualTo(200);
            assertThat(html.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
            String csp = html.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(csp)
                    .contains("default-src 'none'", "sandbox", "frame-ancestors 'none'")
                    .doesNotContain("script-src");
            assertThat(html.body().toLowerCase(Locale.ROOT)).doesNotContain("<script", "<img");
            assertThat(html.body()).contains("&lt;script&gt;", CANDIDATE);

            JsonNode link = Harness.json(h.post("evaluation/reports/v1/link", ""));
            String url = link.path("url").asText();
            assertThat(url).matches("evaluation/view/[A-Za-z0-9_-]{43}");
            // the link needs no token (a frame cannot send one), is framed by this server only, and works once
            HttpResponse<String> view =
                    h.send(HttpRequest.newBuilder(h.uri(url)).build());
            assertThat(view.statusCode()).isEqualTo(200);
            assertThat(view.body()).isEqualTo(html.body());
            assertThat(view.headers().firstValue("Content-Security-Policy").orElseThrow())
                    .contains("sandbox", "frame-ancestors 'self'", "default-src 'none'");
            assertThat(view.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
            HttpResponse<String> again =
                    h.send(HttpRequest.newBuilder(h.uri(url)).build());
            assertThat(again.statusCode()).isEqualTo(404);
            assertThat(Harness.message(again)).contains("unknown, used or expired");
            HttpResponse<String> guessed = h.send(HttpRequest.newBuilder(h.uri("evaluation/view/" + "A".repeat(43)))
                    .build());
            assertThat(guessed.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void bad_versions_missing_reports_and_unauthorized_calls_are_refused() {
        try (Harness h = Harness.start((hh, b) -> b.registry(hh.registry))) {
            evaluated(h);
            HttpResponse<String> bad = h.get("evaluation/reports/latest/html");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(Harness.message(bad)).contains("version");
            assertThat(h.get("evaluation/reports/v9/html").statusCode()).isEqualTo(404);
            HttpResponse<String> summaryOnly = h.post("evaluation/reports/v2/link", "");
            assertThat(summaryOnly.statusCode()).isEqualTo(404);
            assertThat(Harness.message(summaryOnly)).contains("no full report");
            HttpResponse<String> noToken = h.send(
                    HttpRequest.newBuilder(h.uri("evaluation/reports/v1/html")).build());
            assertThat(noToken.statusCode()).isEqualTo(401);
            HttpResponse<String> noTokenLink = h.send(HttpRequest.newBuilder(h.uri("evaluation/reports/v1/link"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build());
            assertThat(noTokenLink.statusCode()).isEqualTo(401);
        }
        try (Harness h = Harness.start()) {
            HttpResponse<String> r = h.get("evaluation/reports");
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(Harness.code(r)).isEqualTo("not_configured");
        }
    }
}
