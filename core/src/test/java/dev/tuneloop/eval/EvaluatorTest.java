package dev.tuneloop.eval;

import static dev.tuneloop.eval.SeedAppendix.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.curate.Category;
import dev.tuneloop.curate.ExampleId;
import dev.tuneloop.curate.ExampleRevision;
import dev.tuneloop.curate.ExampleStatus;
import dev.tuneloop.curate.QualityScore;
import dev.tuneloop.curate.Split;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.errors.RetriableException;
import dev.tuneloop.errors.TuneloopException;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.model.ChatRequest;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.Role;
import dev.tuneloop.store.Store;
import dev.tuneloop.testing.ScriptedChatModel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluatorTest {
    static final Instant NOW = Instant.parse("2026-03-16T12:00:00Z");
    static final String BASE = "gpt-4o-mini";
    static final String CAND = "ft:gpt-4o-mini:acme::abc123";

    private static long clock = NOW.toEpochMilli();

    /** An approved HOLDOUT example (category sec_10q) with this question, expected answer and notes. */
    static TrainingExample holdoutExample(String question, String expected, String notes) {
        return example(question, expected, notes, Split.HOLDOUT, ExampleStatus.APPROVED, Category.SEC_10Q);
    }

    static synchronized TrainingExample example(
            String question, String expected, String notes, Split split, ExampleStatus status, Category category) {
        clock++;
        Instant at = Instant.ofEpochMilli(clock);
        boolean approved = status == ExampleStatus.APPROVED;
        return new TrainingExample(
                ExampleId.next(clock),
                InteractionId.next(),
                "user-1",
                status,
                split,
                at,
                SYSTEM,
                List.of(),
                question,
                List.of(),
                "original answer",
                null,
                expected,
                BASE,
                approved ? category : null,
                approved ? QualityScore.of(8) : null,
                "reviewer-1",
                notes,
                approved ? null : "off topic",
                at,
                at,
                1);
    }

    static Store storeWithSeedHoldout() {
        Store store = Store.inMemory();
        for (TrainingExample e : List.of(
                example(NVDA_Q, NVDA, null, Split.HOLDOUT, ExampleStatus.APPROVED, Category.SBC_BREAKDOWN),
                example(AMZN_Q, AMZN, null, Split.HOLDOUT, ExampleStatus.APPROVED, Category.GAAP_RECONCILIATION),
                example(AAPL_Q, AAPL, null, Split.HOLDOUT, ExampleStatus.APPROVED, Category.ANALYST_ESTIMATES),
                example(
                        "train question",
                        "train answer $5",
                        null,
                        Split.TRAIN,
                        ExampleStatus.APPROVED,
                        Category.SEC_10K),
                example("rejected question", "rejected answer", null, Split.HOLDOUT, ExampleStatus.REJECTED, null))) {
            store.examples()
                    .insert(e, new ExampleRevision(e.id(), 1, e.createdAt(), "reviewer-1", List.of("status"), null));
        }
        return store;
    }

    /** Base answers with one truncated sentence; the candidate answers with the expected text. */
    static ScriptedChatModel seedModels() {
        return ScriptedChatModel.builder()
                .answer(CAND, NVDA_Q, NVDA)
                .answer(CAND, AMZN_Q, AMZN)
                .answer(CAND, AAPL_Q, AAPL)
                .answer(BASE, NVDA_Q, "NVIDIA's SBC was about $1.4B in the quarter.")
                .answer(BASE, AMZN_Q, AMZN)
                .answer(BASE, AAPL_Q, "Revenue next quarter is uncertain.")
                .build();
    }

    /** The expected answer for AMZN and AAPL, an answer with markup for NVDA (to test escaping). */
    static String evilOrExpected(ChatRequest req) {
        String q = req.messages().get(req.messages().size() - 1).content();
        return q.equals(NVDA_Q)
                ? "Revenue was $1.4B <script>alert('pwned')</script> & \"quoted\""
                : q.equals(AMZN_Q) ? AMZN : AAPL;
    }

    static Evaluator.Builder evaluator(Store store, ScriptedChatModel chat) {
        return Evaluator.builder()
                .examples(store.examples())
                .base(BASE, chat)
                .candidate(CAND, chat)
                .retries(3, Duration.ZERO, Duration.ZERO)
                .rules(PromotionRules.DEFAULTS.withMinCases(3))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void runsTheApprovedHoldoutAgainstBothModelsAndPromotesTheBetterCandidate() {
        ScriptedChatModel chat = seedModels();
        EvaluationReport r = evaluator(storeWithSeedHoldout(), chat).build().run();

        assertThat(r.cases()).extracting(EvaluationReport.CaseResult::question).containsExactly(NVDA_Q, AMZN_Q, AAPL_Q);
        assertThat(chat.callCount()).isEqualTo(6);
        for (ChatRequest req : chat.calls()) {
            assertThat(req.temperature()).isEqualTo(0.3);
            assertThat(req.messages()).extracting(ChatMessage::role).containsExactly(Role.SYSTEM, Role.USER);
            assertThat(req.messages().get(0).content()).isEqualTo(SYSTEM);
        }
        assertThat(r.model(CAND).meanScore()).isEqualTo(1.0);
        assertThat(r.model(CAND).accuracy()).isEqualTo(1.0);
        // base: NVDA 1/8 facts, too short -> 0.5*0.125/0.8; AMZN perfect -> 1; AAPL: no fact, too short -> 0
        assertThat(r.model(BASE).meanScore())
                .isCloseTo((0.078125 + 1 + 0) / 3, org.assertj.core.api.Assertions.within(1e-12));
        EvaluationReport.Comparison cmp = r.primaryComparison();
        assertThat(List.of(cmp.wins(), cmp.ties(), cmp.losses())).containsExactly(2, 1, 0);
        assertThat(cmp.regressions()).isEmpty();
        assertThat(r.verdict().decision()).isEqualTo(EvaluationReport.Decision.PROMOTE);
        assertThat(r.verdict().reasons()).hasSize(5);
        assertThat(r.categories())
                .extracting(EvaluationReport.CategoryBreakdown::category)
                .containsExactly("analyst_estimates", "gaap_reconciliation", "sbc_breakdown");
        assertThat(r.evaluatedAt()).isEqualTo(NOW);
    }

    @Test
    void retriesRetriableFailuresWithBackoff() {
        ScriptedChatModel chat =
                ScriptedChatModel.builder().fallback(req -> NVDA).failFirst(2).build();
        EvaluationReport r =
                evaluator(storeWithSeedHoldout(), chat).concurrency(1).build().run();
        assertThat(chat.callCount()).isEqualTo(6 + 2);
        assertThat(r.models()).allSatisfy(m -> assertThat(m.failedCalls()).isZero());
    }

    @Test
    void aCallThatKeepsFailingIsRecordedAndHoldsTheCandidate() {
        ScriptedChatModel chat = ScriptedChatModel.builder()
                .fallback(req -> NVDA)
                .failFirst(1000)
                .build();
        EvaluationReport r = evaluator(storeWithSeedHoldout(), chat)
                .retries(2, Duration.ZERO, Duration.ZERO)
                .build()
                .run();
        assertThat(chat.callCount()).isEqualTo(6 * 3);
        assertThat(r.model(CAND).failedCalls()).isEqualTo(3);
        EvaluationReport.ModelAnswer a = r.cases().get(0).answers().get(CAND);
        assertThat(a.score()).isZero();
        assertThat(a.error())
                .startsWith("RetriableException: call to model " + CAND + " failed after 3 attempts")
                .doesNotContain(NVDA_Q);
        assertThat(r.verdict().decision()).isEqualTo(EvaluationReport.Decision.HOLD);
        assertThat(r.verdict().reasons()).anyMatch(s -> s.equals("6 calls failed (base 3, candidate 3)"));
    }

    @Test
    void anErrorThatIsNotRetriableIsNotRetried() {
        ScriptedChatModel chat = ScriptedChatModel.builder()
                .fallback(req -> NVDA)
                .failFirst(1, () -> new TuneloopException("HTTP 400 from provider"))
                .build();
        EvaluationReport r =
                evaluator(storeWithSeedHoldout(), chat).concurrency(1).build().run();
        assertThat(chat.callCount()).isEqualTo(6);
        assertThat(r.models().stream()
                        .mapToInt(EvaluationReport.ModelSummary::failedCalls)
                        .sum())
                .isEqualTo(1);
    }

    @Test
    void aCallThatHangsTimesOutAndIsRetried() throws InterruptedException {
        CountDownLatch never = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        CountDownLatch interrupted = new CountDownLatch(1);
        ScriptedChatModel chat = ScriptedChatModel.builder()
                .fallback(req -> NVDA)
                .onCall(req -> {
                    if (first.getAndSet(false)) {
                        try {
                            never.await(30, TimeUnit.SECONDS); // released only by the evaluator's interrupt
                        } catch (InterruptedException e) {
                            interrupted.countDown();
                            throw new RetriableException("interrupted");
                        }
                    }
                })
                .build();
        EvaluationReport r = evaluator(storeWithSeedHoldout(), chat)
                .callTimeout(Duration.ofSeconds(1))
                .build()
                .run();
        assertThat(interrupted.await(10, TimeUnit.SECONDS))
                .as("the hung call was interrupted")
                .isTrue();
        // 6 answers plus at least the retry of the call that hung (a slow machine may time out more)
        assertThat(chat.callCount()).isGreaterThanOrEqualTo(7);
        assertThat(r.models()).allSatisfy(m -> assertThat(m.failedCalls()).isZero());
        assertThat(r.cases())
                .allSatisfy(c -> assertThat(c.answers().values())
                        .allSatisfy(a -> assertThat(a.text()).isEqualTo(NVDA)));
    }

    @Test
    void aSecondRunWithTheSameCacheMakesNoCalls() {
        ScriptedChatModel chat = seedModels();
        CompletionCache cache = CompletionCache.inMemory();
        Store store = storeWithSeedHoldout();
        EvaluationReport first = evaluator(store, chat).cache(cache).build().run();
        assertThat(chat.callCount()).isEqualTo(6);
        EvaluationReport second = evaluator(store, chat).cache(cache).build().run();
        assertThat(chat.callCount()).isEqualTo(6);
        assertThat(second.models()).allSatisfy(m -> {
            assertThat(m.cachedAnswers()).isEqualTo(3);
            assertThat(m.promptTokens() + m.completionTokens()).isZero();
        });
        assertThat(first.model(BASE).promptTokens()).isPositive();
        assertThat(second.model(BASE).meanScore()).isEqualTo(first.model(BASE).meanScore());
    }

    @Test
    void theJsonlCacheSurvivesTheProcess(@TempDir Path dir) {
        Path file = dir.resolve("cache/eval.jsonl");
        Store store = storeWithSeedHoldout();
        ScriptedChatModel firstChat = seedModels();
        EvaluationReport first = evaluator(store, firstChat)
                .cache(CompletionCache.jsonl(file))
                .build()
                .run();
        ScriptedChatModel secondChat = seedModels();
        EvaluationReport second = evaluator(store, secondChat)
                .cache(CompletionCache.jsonl(file))
                .build()
                .run();
        assertThat(firstChat.callCount()).isEqualTo(6);
        assertThat(secondChat.callCount()).isZero();
        assertThat(second.cases())
                .extracting(c -> c.answers().get(BASE).text())
                .isEqualTo(first.cases().stream()
                        .map(c -> c.answers().get(BASE).text())
                        .toList());
    }

    @Test
    void concurrencyIsBoundedAndUsed() {
        int limit = 3;
        CountDownLatch threeInFlight = new CountDownLatch(limit);
        ScriptedChatModel chat = ScriptedChatModel.builder()
                .fallback(req -> NVDA)
                .onCall(req -> {
                    threeInFlight.countDown();
                    try {
                        threeInFlight.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })
                .build();
        List<EvalCase> cases = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            cases.add(evalCase("case-" + i, null, NVDA_Q + " #" + i, NVDA, List.of()));
        }
        EvaluationReport r = Evaluator.builder()
                .base(BASE, chat)
                .candidate(CAND, chat)
                .alsoEvaluate("other", chat)
                .concurrency(limit)
                .build()
                .run(cases);
        assertThat(chat.callCount()).isEqualTo(24);
        assertThat(chat.maxConcurrentCalls()).isEqualTo(limit);
        assertThat(r.comparisons())
                .extracting(EvaluationReport.Comparison::candidateModel)
                .containsExactly(CAND, "other");
        assertThat(r.models()).extracting(EvaluationReport.ModelSummary::model).containsExactly(BASE, CAND, "other");
    }

    @Test
    void progressIsReportedForEveryAnswer() {
        List<EvalProgress> seen = Collections.synchronizedList(new ArrayList<>());
        evaluator(storeWithSeedHoldout(), seedModels())
                .progress(seen::add)
                .build()
                .run();
        assertThat(seen).extracting(EvalProgress::done).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(seen).allSatisfy(p -> assertThat(p.total()).isEqualTo(6));
    }

    @Test
    void theJudgeComparesInBothOrdersAndCancelsPositionBias() {
        ScriptedChatModel fair = ScriptedChatModel.answering(req -> {
            String prompt = req.messages().get(1).content();
            String firstBlock =
                    prompt.substring(prompt.indexOf("[FIRST ANSWER]"), prompt.indexOf("[END FIRST ANSWER]"));
            String expected = prompt.substring(prompt.indexOf("Reference answer"), prompt.indexOf("[FIRST ANSWER]"));
            boolean firstIsReference = expected.contains(
                    firstBlock.substring("[FIRST ANSWER]\n".length()).strip());
            return "The reference-like answer is better.\n" + (firstIsReference ? "VERDICT: FIRST" : "VERDICT: SECOND")
                    + "\n";
        });
        ScriptedChatModel chat = seedModels();
        EvaluationReport r = evaluator(storeWithSeedHoldout(), chat)
                .judge("gpt-4o", fair)
                .build()
                .run();
        // 2 orders x 3 cases, but AMZN's two orders are the same prompt (equal answers): the second is cached
        assertThat(fair.callCount()).isEqualTo(5);
        assertThat(fair.calls()).allSatisfy(req -> assertThat(req.temperature()).isZero());
        EvaluationReport.JudgeTally t = r.primaryComparison().judge();
        // AMZN: base and candidate gave the same (reference) text, so each order prefers FIRST: a tie
        assertThat(List.of(t.candidateWins(), t.ties(), t.baseWins(), t.invalid()))
                .containsExactly(2, 1, 0, 0);

        ScriptedChatModel alwaysFirst = ScriptedChatModel.answering(req -> "VERDICT: FIRST");
        EvaluationReport biased = evaluator(storeWithSeedHoldout(), seedModels())
                .judge("gpt-4o", alwaysFirst)
                .build()
                .run();
        assertThat(biased.primaryComparison().judge().ties()).isEqualTo(3);

        ScriptedChatModel sloppy = ScriptedChatModel.answering(req -> "Verdict: the first one");
        EvaluationReport invalid = evaluator(storeWithSeedHoldout(), seedModels())
                .judge("gpt-4o", sloppy)
                .build()
                .run();
        assertThat(invalid.primaryComparison().judge().invalid()).isEqualTo(3);
        assertThat(invalid.cases().get(0).judge().outcome()).isEqualTo(JudgeResult.Outcome.INVALID);
    }

    @Test
    void aSingleScorerIsReportedUnderItsName() {
        EvaluationReport r = evaluator(storeWithSeedHoldout(), seedModels())
                .scorer(Scorer.lengthRatio())
                .build()
                .run();
        assertThat(r.settings().scorer()).isEqualTo("length");
        EvaluationReport.ModelAnswer nvdaBase = r.cases().get(0).answers().get(BASE);
        assertThat(nvdaBase.components()).containsExactly(org.assertj.core.api.Assertions.entry("length", 0.0));
        assertThat(r.model(CAND).meanScore()).isEqualTo(1.0);
    }

    @Test
    void aScorerOutsideTheUnitIntervalIsABug() {
        Scorer broken = new Scorer() {
            @Override
            public double score(String expected, String predicted, EvalCase evalCase) {
                return 1.5;
            }

            @Override
            public String name() {
                return "broken";
            }
        };
        assertThatThrownBy(() -> evaluator(storeWithSeedHoldout(), seedModels())
                        .scorer(broken)
                        .build()
                        .run())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("scorer broken returned 1.5, outside [0, 1]");
    }

    @Test
    void settingsAreValidatedAllAtOnce() {
        ScriptedChatModel chat = seedModels();
        assertThatThrownBy(() -> Evaluator.builder()
                        .base(BASE, chat)
                        .concurrency(0)
                        .temperature(3)
                        .callTimeout(Duration.ZERO)
                        .build())
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "candidate model is required (a non-blank id and a ChatModel)",
                                        "temperature must be between 0 and 2, but was 3.0",
                                        "concurrency must be >= 1, but was 0",
                                        "callTimeout must be > 0, but was PT0S"));
        assertThatThrownBy(() -> Evaluator.builder()
                        .base(BASE, chat)
                        .candidate(BASE, chat)
                        .build())
                .hasMessageContaining("base and candidate must be different models, but both were gpt-4o-mini");
    }

    @Test
    void anEmptyHoldoutIsAClearError() {
        assertThatThrownBy(
                        () -> evaluator(Store.inMemory(), seedModels()).build().run())
                .isInstanceOf(ValidationException.class)
                .hasMessage("the holdout has no cases (approved HOLDOUT examples); nothing to evaluate");
        assertThatThrownBy(() -> Evaluator.builder()
                        .base(BASE, seedModels())
                        .candidate(CAND, seedModels())
                        .build()
                        .run())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("examples (an ExampleStore) is required");
    }

    @Test
    void tooFewCasesHoldEvenAPerfectCandidate() {
        EvaluationReport r = evaluator(storeWithSeedHoldout(), seedModels())
                .rules(PromotionRules.DEFAULTS)
                .build()
                .run();
        assertThat(r.verdict().decision()).isEqualTo(EvaluationReport.Decision.HOLD);
        assertThat(r.verdict().reasons()).containsExactly("holdout has 3 cases (at least 20 needed)");
    }
}
