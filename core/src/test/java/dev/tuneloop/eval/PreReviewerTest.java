package dev.tuneloop.eval;

import static dev.tuneloop.testsupport.Fixtures.NOW;
import static dev.tuneloop.testsupport.Fixtures.interaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.curate.Candidate;
import dev.tuneloop.curate.Category;
import dev.tuneloop.curate.CurationOptions;
import dev.tuneloop.curate.Curator;
import dev.tuneloop.curate.ExampleQuery;
import dev.tuneloop.curate.ExampleStatus;
import dev.tuneloop.curate.Review;
import dev.tuneloop.curate.Suggestion;
import dev.tuneloop.curate.SuggestionAgreement;
import dev.tuneloop.curate.Taxonomy;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.export.PriceTable;
import dev.tuneloop.model.ChatRequest;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.store.Store;
import dev.tuneloop.testing.ScriptedChatModel;
import dev.tuneloop.testing.TestClock;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PreReviewerTest {
    private final Store store = Store.inMemory();
    private final TestClock clock = TestClock.at(NOW);
    private final Curator curator = Curator.create(
            store.interactions(),
            store.examples(),
            CurationOptions.builder().clock(clock).taxonomy(Taxonomy.SEED).build());

    private List<Candidate> candidates(int n) {
        List<Interaction> batch = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            batch.add(interaction("user-" + k, NOW.minus(Duration.ofHours(1)).plusSeconds(k))
                    .userMessage("question " + k)
                    .build());
        }
        store.interactions().append(batch, List.of());
        return batch.stream().map(i -> curator.candidate(i.id()).orElseThrow()).toList();
    }

    private static String json(String category, Object quality) {
        return "{\"category\": \"" + category + "\", \"quality\": " + quality
                + ", \"reason\": \"cites the filing\", \"improved_answer\": \"a better answer\"}";
    }

    /** Scores by the question's number: question k gets score 1 + k % 10. */
    private static String byNumber(ChatRequest r) {
        String text = r.messages().get(0).content();
        int k = Integer.parseInt(text.replaceAll("(?s).*question (\\d+).*", "$1"));
        return json("sec_10q", 1 + k % 10);
    }

    private PreReviewer.Builder pre(ScriptedChatModel model) {
        return PreReviewer.builder(model, "gpt-4o-mini", store.suggestions())
                .taxonomy(Taxonomy.SEED)
                .clock(clock);
    }

    @Test
    void suggestsStoresAndAReRunMakesNoCalls() throws Exception {
        List<Candidate> cs = candidates(6);
        ScriptedChatModel model = ScriptedChatModel.answering(PreReviewerTest::byNumber);
        PreReviewer pre = pre(model).build();
        PreReviewer.Progress first = pre.run(cs);
        assertThat(first.finished()).isTrue();
        assertThat(first.called()).isEqualTo(6);
        assertThat(first.suggested()).isEqualTo(6);
        assertThat(model.callCount()).isEqualTo(6);
        Suggestion s = store.suggestions().find(cs.get(3).interactionId()).orElseThrow();
        assertThat(s.category()).isEqualTo(Category.SEC_10Q);
        assertThat(s.quality().value()).isEqualTo(4);
        assertThat(s.reason()).isEqualTo("cites the filing");
        assertThat(s.improvedResponse()).isEqualTo("a better answer");
        assertThat(s.model()).isEqualTo("gpt-4o-mini");

        PreReviewer.Progress again = pre.run(cs);
        assertThat(model.callCount())
                .as("a re-run is served from the stored suggestions")
                .isEqualTo(6);
        assertThat(again.cached()).isEqualTo(6);
        assertThat(again.called()).isZero();
        // suggestions never approve anything
        List<TrainingExample> examples = new ArrayList<>();
        store.examples().scan(ExampleQuery.all(), examples::add);
        assertThat(examples).isEmpty();

        // another prompt is another cache key: asked again
        PreReviewer other = pre(model)
                .prompt("Rate it. {{categories}}\n{{question}}\n{{answer}}")
                .build();
        assertThat(other.estimate(cs).calls()).isEqualTo(6);
        other.run(cs);
        assertThat(model.callCount()).isEqualTo(12);
    }

    @Test
    void unparseableOutputIsCountedAndSkippedNeverGuessed() throws Exception {
        List<Candidate> cs = candidates(7);
        List<String> answers = List.of(
                "Sure! The category is sec_10q and I'd give it 7.",
                json("not_in_seed", 7),
                json("sec_10q", 11),
                json("sec_10q", "\"7\""),
                "{\"category\": \"sec_10q\", \"quality\": 7, \"reason\": \"two\\nlines\", \"improved_answer\": \"x\"}",
                "```json\n" + json("sec_10k", 7) + "\n```",
                json("sec_10q", 7.5));
        AtomicInteger next = new AtomicInteger();
        // one model call per candidate, answers handed out in call order; which candidate gets which does not matter
        ScriptedChatModel model = ScriptedChatModel.answering(r -> answers.get(next.getAndIncrement()));
        PreReviewer.Progress p = pre(model).concurrency(1).build().run(cs);
        assertThat(p.called()).isEqualTo(7);
        assertThat(p.unparseable()).isEqualTo(6);
        assertThat(p.suggested()).isEqualTo(1);
        List<Suggestion> stored = new ArrayList<>();
        store.suggestions().scan(stored::add);
        assertThat(stored)
                .singleElement()
                .satisfies(s -> assertThat(s.category()).isEqualTo(Category.SEC_10K));
    }

    @Test
    void callsAreBoundedAndFailuresCounted() throws Exception {
        List<Candidate> cs = candidates(12);
        ScriptedChatModel model = ScriptedChatModel.builder()
                .fallback(PreReviewerTest::byNumber)
                .failFirst(2)
                .onCall(r -> {
                    try {
                        Thread.sleep(5); // let calls overlap if the pre-reviewer allowed it
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })
                .build();
        PreReviewer.Run run = pre(model).concurrency(3).build().start(cs);
        PreReviewer.Progress p = run.await(Duration.ofSeconds(60));
        assertThat(p.finished()).isTrue();
        assertThat(p.done()).isEqualTo(12);
        assertThat(p.failed()).isEqualTo(2);
        assertThat(p.suggested()).isEqualTo(10);
        assertThat(model.maxConcurrentCalls()).isBetween(1, 3);
    }

    @Test
    void estimatesTokensAndPriceBeforeStartingAndCachedOnesAreFree() throws Exception {
        List<Candidate> cs = candidates(4);
        ScriptedChatModel model = ScriptedChatModel.answering(PreReviewerTest::byNumber);
        PreReviewer pre = pre(model)
                .maxTokens(500)
                .prices(PriceTable.builder()
                        .price("gpt-4o-mini", new BigDecimal("0.60"))
                        .build())
                .build();
        PreReviewer.CostEstimate e = pre.estimate(cs);
        assertThat(model.callCount()).isZero();
        assertThat(e.calls()).isEqualTo(4);
        assertThat(e.maxOutputTokens()).isEqualTo(2000);
        assertThat(e.promptTokens()).isGreaterThan(4 * 50L);
        BigDecimal expected = new BigDecimal("0.60")
                .multiply(BigDecimal.valueOf(e.promptTokens() + e.maxOutputTokens()))
                .divide(BigDecimal.valueOf(1_000_000), 4, RoundingMode.HALF_UP); // PriceTable rounds to 4 places
        assertThat(e.usd()).isNotNull();
        assertThat(e.usd()).isEqualByComparingTo(expected);
        pre.run(cs.subList(0, 3));
        PreReviewer.CostEstimate after = pre.estimate(cs);
        assertThat(after.cached()).isEqualTo(3);
        assertThat(after.calls()).isEqualTo(1);
        assertThat(after.promptTokens()).isLessThan(e.promptTokens());
    }

    @Test
    void theExplicitPolicyRejectsLowScoresOnlyAndNeverApproves() throws Exception {
        List<Candidate> cs = candidates(10); // scores 1..10
        curator.approve(cs.get(0).interactionId(), new Review("alice", null, "sec_10q", 9, null));
        PreReviewer.Progress p = pre(ScriptedChatModel.answering(PreReviewerTest::byNumber))
                .autoRejectBelow(4, curator)
                .build()
                .run(cs);
        // scores 1, 2, 3 are below 4; the first was already approved by alice and is left alone
        assertThat(p.autoRejected()).isEqualTo(2);
        List<TrainingExample> examples = new ArrayList<>();
        store.examples().scan(ExampleQuery.all(), examples::add);
        assertThat(examples).hasSize(3);
        assertThat(examples.stream().filter(x -> x.status() == ExampleStatus.REJECTED))
                .extracting(TrainingExample::reviewer)
                .containsOnly(PreReviewer.POLICY_REVIEWER)
                .hasSize(2);
        assertThat(examples.stream().filter(x -> x.status() == ExampleStatus.APPROVED))
                .extracting(TrainingExample::reviewer)
                .containsExactly("alice");
    }

    @Test
    void agreementWithTheHumansIsReported() throws Exception {
        List<Candidate> cs = candidates(4);
        pre(ScriptedChatModel.answering(PreReviewerTest::byNumber)).build().run(cs); // sec_10q, scores 1, 2, 3, 4
        curator.approve(cs.get(0).interactionId(), new Review("alice", null, "sec_10q", 3, null));
        curator.approve(cs.get(1).interactionId(), new Review("alice", null, "sec_10k", 2, null));
        curator.reject(cs.get(2).interactionId(), "off topic", "alice");
        SuggestionAgreement a = SuggestionAgreement.of(store.suggestions(), store.examples());
        assertThat(a.items()).isEqualTo(3);
        assertThat(a.categoryAgreement()).isEqualTo(1.0 / 3);
        // suggestion labels all sec_10q: p_e = 1 * 1/3, p_o = 1/3 -> kappa 0
        assertThat(a.categoryKappa()).isEqualTo(0.0);
        assertThat(a.approvedItems()).isEqualTo(2);
        assertThat(a.qualityMeanAbsoluteDifference()).isEqualTo(1.0); // |1-3| and |2-2|
    }

    @Test
    void badSettingsAreReportedTogether() {
        ScriptedChatModel model = ScriptedChatModel.answering(PreReviewerTest::byNumber);
        assertThatThrownBy(() -> pre(model)
                        .concurrency(0)
                        .maxTokens(0)
                        .prompt("no placeholders")
                        .build())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("concurrency must be between 1 and 64, but was 0")
                .hasMessageContaining("maxTokens must be between 1 and 32768, but was 0")
                .hasMessageContaining("prompt must contain {{question}} and {{answer}}");
    }
}
