package dev.tuneloop.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tuneloop.curate.Candidate;
import dev.tuneloop.curate.CurationOptions;
import dev.tuneloop.curate.CurationPolicy;
import dev.tuneloop.curate.Curator;
import dev.tuneloop.curate.ReviewQueue;
import dev.tuneloop.curate.Suggestion;
import dev.tuneloop.curate.Taxonomy;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.eval.PreReviewer;
import dev.tuneloop.export.PriceTable;
import dev.tuneloop.export.TokenCounter;
import dev.tuneloop.model.ChatRequest;
import dev.tuneloop.record.FeedbackEvent;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.Rating;
import dev.tuneloop.store.Store;
import dev.tuneloop.testing.ScriptedChatModel;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pre-reviewer over HTTP: estimate, confirmed run within a budget, one run at a time, progress, cache. */
class PreReviewEndpointsTest {
    static final String MODEL = "gpt-4o-mini";
    /** Dollars per million tokens of the pre-reviewer's model in these tests. */
    static final BigDecimal PRICE = new BigDecimal("10.00");

    Harness h;
    PreReviewer pre;
    final List<InteractionId> recorded = new ArrayList<>();
    /** Released to let the scripted model answer; counted down up front unless a test holds the calls. */
    volatile CountDownLatch gate = new CountDownLatch(0);

    final ScriptedChatModel model = ScriptedChatModel.builder()
            .onCall(r -> {
                try {
                    if (!gate.await(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the test never opened the gate");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            })
            .fallback(PreReviewEndpointsTest::byNumber)
            .build();

    /** Question k is scored 1 + k % 10, category sec_10q. */
    static String byNumber(ChatRequest r) {
        String text = r.messages().get(0).content();
        int k = Integer.parseInt(text.replaceAll("(?s).*Question (\\d+).*", "$1"));
        return "{\"category\": \"sec_10q\", \"quality\": " + (1 + k % 10)
                + ", \"reason\": \"cites the filing\", \"improved_answer\": \"A better answer " + k + "\"}";
    }

    private void start(boolean priced) {
        h = Harness.start((hh, b) -> {
            PreReviewer.Builder pb = PreReviewer.builder(model, MODEL, hh.store.suggestions())
                    .taxonomy(Taxonomy.SEED)
                    .concurrency(2)
                    .clock(Harness.CLOCK);
            if (priced) {
                pb.prices(PriceTable.builder().price(MODEL, PRICE).build());
            }
            pre = pb.build();
            return b.preReview(pre)
                    .suggestions(hh.store.suggestions(), hh.store.examples())
                    .clock(Harness.CLOCK);
        });
        for (int k = 0; k < 3; k++) {
            recorded.add(h.record("Question " + k + " on the 10-Q?", "Answer " + k + ".", null, 10 + k));
        }
    }

    @AfterEach
    void stop() {
        gate = new CountDownLatch(0);
        if (h != null) {
            h.close();
        }
    }

    private JsonNode awaitFinished() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode now = Harness.json(h.get("review/pre-review/runs/current"));
            if (now.path("state").asText().equals("finished")) {
                return now;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the run did not finish in 15 s");
    }

    @Test
    void the_estimate_counts_the_prompt_tokens_the_maximal_output_and_the_price_and_calls_nothing() {
        start(true);
        HttpResponse<String> r = h.post("review/pre-review/estimate", "{}");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode e = Harness.json(r);

        // the same candidates and prompts, counted here from the rendered prompts
        List<Candidate> candidates = h.curator.candidates(CurationPolicy.seedDefault());
        TokenCounter counter = TokenCounter.forModel(MODEL);
        long prompt = 0;
        for (Candidate c : candidates) {
            prompt += counter.count(pre.render(c)) + TokenCounter.TOKENS_PER_MESSAGE + TokenCounter.TOKENS_PER_EXAMPLE;
        }
        long output = 3L * PreReviewer.Builder.DEFAULT_MAX_TOKENS;
        assertThat(candidates).hasSize(3);
        assertThat(prompt).isGreaterThan(3L * 40); // the default prompt alone is well over 40 tokens
        assertThat(e.path("candidates").asInt()).isEqualTo(3);
        assertThat(e.path("cached").asInt()).isZero();
        assertThat(e.path("calls").asInt()).isEqualTo(3);
        assertThat(e.path("prompt_tokens").asLong()).isEqualTo(prompt);
        assertThat(e.path("max_output_tokens").asLong()).isEqualTo(output);
        assertThat(e.path("estimated_tokens").asLong()).isEqualTo(prompt + output);
        BigDecimal usd = PRICE.multiply(BigDecimal.valueOf(prompt + output))
                .divide(BigDecimal.valueOf(1_000_000), 4, RoundingMode.HALF_UP);
        assertThat(e.path("estimated_cost_usd").decimalValue()).isEqualByComparingTo(usd);
        assertThat(model.callCount()).isZero();

        // limit: only the first candidates
        JsonNode two = Harness.json(h.post("review/pre-review/estimate", "{\"limit\": 2}"));
        assertThat(two.path("candidates").asInt()).isEqualTo(2);
        assertThat(two.path("calls").asInt()).isEqualTo(2);
        HttpResponse<String> bad = h.post("review/pre-review/estimate", "{\"limit\": 0}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(Harness.message(bad)).contains("limit must be between 1 and 1000");
        HttpResponse<String> unknown = h.post("review/pre-review/estimate", "{\"budget\": 1}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(Harness.message(unknown)).contains("unknown field 'budget'");
    }

    @Test
    void a_run_needs_confirm_and_stays_within_the_budget_or_starts_nothing() {
        start(true);
        HttpResponse<String> noConfirm = h.post("review/pre-review/runs", "{}");
        assertThat(noConfirm.statusCode()).isEqualTo(400);
        assertThat(Harness.message(noConfirm)).contains("confirm must be true");
        HttpResponse<String> falseConfirm = h.post("review/pre-review/runs", "{\"confirm\": false}");
        assertThat(falseConfirm.statusCode()).isEqualTo(400);

        BigDecimal estimate = Harness.json(h.post("review/pre-review/estimate", "{}"))
                .path("estimated_cost_usd")
                .decimalValue();
        BigDecimal below = estimate.subtract(new BigDecimal("0.0001"));
        HttpResponse<String> overBudget =
                h.post("review/pre-review/runs", "{\"confirm\": true, \"max_usd\": " + below.toPlainString() + "}");
        assertThat(overBudget.statusCode()).isEqualTo(400);
        assertThat(Harness.message(overBudget))
                .contains("max_usd is " + below.toPlainString())
                .contains("the estimate is "
                        + pre.estimate(h.curator.candidates(CurationPolicy.seedDefault()))
                                .usd()
                                .toPlainString()
                        + " USD for 3 model calls")
                .contains("nothing was started");
        HttpResponse<String> tooManyCalls = h.post("review/pre-review/runs", "{\"confirm\": true, \"max_calls\": 2}");
        assertThat(tooManyCalls.statusCode()).isEqualTo(400);
        assertThat(Harness.message(tooManyCalls)).contains("max_calls is 2, but the run would make 3 model calls");
        HttpResponse<String> negative = h.post("review/pre-review/runs", "{\"confirm\": true, \"max_usd\": -1}");
        assertThat(Harness.message(negative)).contains("max_usd must be a number of US dollars, at least 0");
        HttpResponse<String> text = h.post("review/pre-review/runs", "{\"confirm\": true, \"max_usd\": \"5\"}");
        assertThat(Harness.message(text)).contains("max_usd must be a number");

        assertThat(model.callCount()).isZero();
        assertThat(Harness.json(h.get("review/pre-review/runs/current"))
                        .path("state")
                        .asText())
                .isEqualTo("none");
        assertThat(suggestions()).isEmpty();

        // exactly the estimate is within the budget
        HttpResponse<String> ok =
                h.post("review/pre-review/runs", "{\"confirm\": true, \"max_usd\": " + estimate.toPlainString() + "}");
        assertThat(ok.statusCode()).isEqualTo(202);
        assertThat(ok.headers().firstValue("Location")).hasValue(PreReviewEndpoints.CURRENT);
    }

    @Test
    void a_budget_in_dollars_needs_a_price() {
        start(false);
        JsonNode e = Harness.json(h.post("review/pre-review/estimate", "{}"));
        assertThat(e.path("estimated_cost_usd").isNull()).isTrue();
        assertThat(e.path("calls").asInt()).isEqualTo(3);
        HttpResponse<String> r = h.post("review/pre-review/runs", "{\"confirm\": true, \"max_usd\": 100}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Harness.message(r)).contains("max_usd cannot be checked: the pre-reviewer has no price");
        assertThat(model.callCount()).isZero();
        // a budget in calls works without one
        assertThat(h.post("review/pre-review/runs", "{\"confirm\": true, \"max_calls\": 3}")
                        .statusCode())
                .isEqualTo(202);
    }

    @Test
    void a_run_goes_to_completion_in_the_background_one_at_a_time_and_a_rerun_calls_nothing() throws Exception {
        start(true);
        gate = new CountDownLatch(1); // the model holds every call until the test lets go
        HttpResponse<String> started = h.post("review/pre-review/runs", "{\"confirm\": true}");
        assertThat(started.statusCode()).isEqualTo(202);
        JsonNode first = Harness.json(started);
        assertThat(first.path("state").asText()).isEqualTo("running");
        assertThat(first.path("total").asInt()).isEqualTo(3);
        assertThat(first.path("started_at").asText()).isEqualTo("2026-11-28T12:00:00Z");
        assertThat(first.path("estimate").path("calls").asInt()).isEqualTo(3);

        JsonNode running = Harness.json(h.get("review/pre-review/runs/current"));
        assertThat(running.path("state").asText()).isEqualTo("running");
        assertThat(running.path("done").asInt()).isZero();
        HttpResponse<String> second = h.post("review/pre-review/runs", "{\"confirm\": true}");
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(Harness.code(second)).isEqualTo("conflict");
        assertThat(Harness.message(second)).contains("a pre-review run is already going (0 of 3 done");

        gate.countDown();
        JsonNode done = awaitFinished();
        assertThat(done.path("total").asInt()).isEqualTo(3);
        assertThat(done.path("done").asInt()).isEqualTo(3);
        assertThat(done.path("called").asInt()).isEqualTo(3);
        assertThat(done.path("suggested").asInt()).isEqualTo(3);
        assertThat(done.path("cached").asInt()).isZero();
        assertThat(done.path("failed").asInt()).isZero();
        assertThat(done.path("unparseable").asInt()).isZero();
        assertThat(model.callCount()).isEqualTo(3);
        assertThat(model.maxConcurrentCalls()).isLessThanOrEqualTo(2);

        // stored beside each candidate, and served with it
        assertThat(suggestions()).hasSize(3);
        for (int k = 0; k < 3; k++) {
            Suggestion s = h.store.suggestions().find(recorded.get(k)).orElseThrow();
            assertThat(s.quality().value()).isEqualTo(1 + k);
            assertThat(s.improvedResponse()).isEqualTo("A better answer " + k);
        }
        JsonNode card = Harness.json(h.get("curation/candidates")).path("candidates");
        assertThat(card).hasSize(3);
        card.forEach(
                c -> assertThat(c.path("suggestion").path("reason").asText()).isEqualTo("cites the filing"));

        // the cache: the estimate and a second run make no calls
        JsonNode again = Harness.json(h.post("review/pre-review/estimate", "{}"));
        assertThat(again.path("cached").asInt()).isEqualTo(3);
        assertThat(again.path("calls").asInt()).isZero();
        assertThat(again.path("estimated_tokens").asLong()).isZero();
        assertThat(again.path("estimated_cost_usd").decimalValue()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(h.post("review/pre-review/runs", "{\"confirm\": true, \"max_calls\": 0}")
                        .statusCode())
                .isEqualTo(202);
        JsonNode rerun = awaitFinished();
        assertThat(rerun.path("cached").asInt()).isEqualTo(3);
        assertThat(rerun.path("called").asInt()).isZero();
        assertThat(model.callCount()).isEqualTo(3);
    }

    @Test
    void without_a_pre_reviewer_the_endpoints_are_not_configured_and_it_needs_curation() {
        try (Harness bare = Harness.start()) {
            for (HttpResponse<String> r : List.of(
                    bare.post("review/pre-review/estimate", "{}"),
                    bare.post("review/pre-review/runs", "{\"confirm\": true}"),
                    bare.get("review/pre-review/runs/current"))) {
                assertThat(r.statusCode()).isEqualTo(404);
                assertThat(Harness.code(r)).isEqualTo("not_configured");
                assertThat(Harness.message(r)).contains("the pre-reviewer is not configured");
            }
        }
        Store store = Store.inMemory();
        PreReviewer alone =
                PreReviewer.builder(model, MODEL, store.suggestions()).build();
        assertThatThrownBy(() -> AdminServer.builder()
                        .token(Harness.TOKEN)
                        .port(0)
                        .preReview(alone)
                        .start())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("preReview(...) needs curation(...) too");
    }

    private List<Suggestion> suggestions() {
        List<Suggestion> all = new ArrayList<>();
        h.store.suggestions().scan(all::add);
        return all;
    }

    @Test
    void the_guides_wiring_estimates_and_runs_within_a_budget() throws Exception {
        Store store = Store.inMemory();
        Curator curator = Curator.create(
                store.interactions(),
                store.examples(),
                CurationOptions.builder().clock(Harness.CLOCK).build());
        Interaction i = Interaction.builder()
                .createdAt(Harness.NOW.minus(Duration.ofHours(1)))
                .userId("user-1")
                .userMessage("Question 7 on the 10-Q?")
                .assistantResponse("Answer 7.")
                .modelUsed(MODEL)
                .build();
        store.interactions()
                .append(
                        List.of(i),
                        List.of(FeedbackEvent.of(i.id(), Harness.NOW.minus(Duration.ofMinutes(59)), Rating.up())));
        ScriptedChatModel chatModel = ScriptedChatModel.answering(PreReviewEndpointsTest::byNumber);
        String adminToken = Harness.TOKEN;
        // snippet:pre-review-http
        PreReviewer preReviewer = PreReviewer.builder(chatModel, "gpt-4o-mini", store.suggestions())
                .taxonomy(Taxonomy.SEED)
                .prices(PriceTable.builder()
                        .price("gpt-4o-mini", new BigDecimal("0.60")) // dollars per million tokens
                        .build())
                .build();
        AdminServer admin = AdminServer.builder()
                .token(adminToken)
                .curation(curator, CurationPolicy.seedDefault(), Taxonomy.SEED)
                .reviewQueue(ReviewQueue.builder(curator, store.claims()).build())
                .suggestions(store.suggestions(), store.examples()) // shown on the candidates' cards
                .preReview(preReviewer) // estimate, confirmed runs, progress
                .port(0)
                .start();
        // end-snippet:pre-review-http
        try (admin) {
            HttpClient http = HttpClient.newHttpClient();
            JsonNode estimate = Harness.JSON.readTree(http.send(
                            HttpRequest.newBuilder(admin.uri().resolve("review/pre-review/estimate"))
                                    .header("Authorization", "Bearer " + adminToken)
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            assertThat(estimate.path("calls").asInt()).isEqualTo(1);
            HttpResponse<String> run = http.send(
                    HttpRequest.newBuilder(admin.uri().resolve("review/pre-review/runs"))
                            .header("Authorization", "Bearer " + adminToken)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"confirm\": true, \"max_usd\": 0.01}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(run.statusCode()).isEqualTo(202);
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (store.suggestions().find(i.id()).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(store.suggestions().find(i.id()).orElseThrow().quality().value())
                    .isEqualTo(8);
            assertThat(chatModel.callCount()).isEqualTo(1);
        }
    }
}
