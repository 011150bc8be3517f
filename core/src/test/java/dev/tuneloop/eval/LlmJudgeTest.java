package dev.tuneloop.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuneloop.testing.ScriptedChatModel;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LlmJudgeTest {

    @Test
    void onlyAStrictVerdictOnTheLastLineCounts() {
        assertThat(LlmJudge.parse("A is more precise.\nVERDICT: FIRST")).contains("FIRST");
        assertThat(LlmJudge.parse("VERDICT: SECOND\n\n  ")).contains("SECOND");
        assertThat(LlmJudge.parse("Both are fine.\n  VERDICT: TIE  ")).contains("TIE");
        assertThat(LlmJudge.parse("verdict: first")).isEmpty();
        assertThat(LlmJudge.parse("VERDICT: FIRST.")).isEmpty();
        assertThat(LlmJudge.parse("VERDICT: A")).isEmpty();
        assertThat(LlmJudge.parse("VERDICT: FIRST\nThanks!")).isEmpty();
        assertThat(LlmJudge.parse("")).isEqualTo(Optional.empty());
    }

    @Test
    void bothOrdersAreAskedAndMappedBackToTheAnswers() {
        ScriptedChatModel judge = ScriptedChatModel.answering(r ->
                r.messages().get(1).content().contains("[FIRST ANSWER]\nshort") ? "VERDICT: SECOND" : "VERDICT: FIRST");
        EvalCase c = SeedAppendix.evalCase("x", null, "q?", "the long answer", List.of());
        JudgeResult r = PairwiseJudge.llm(judge, "gpt-4o").compare(c, "the long answer", "short");
        assertThat(r).isEqualTo(new JudgeResult(JudgeResult.Outcome.A, 2, 0, 0, 2));
        assertThat(judge.calls()).hasSize(2);
        assertThat(judge.calls().get(0).messages().get(1).content()).contains("[FIRST ANSWER]\nthe long answer");
        assertThat(judge.calls().get(1).messages().get(1).content()).contains("[FIRST ANSWER]\nshort");
        assertThat(judge.calls()).allSatisfy(q -> assertThat(q.model()).isEqualTo("gpt-4o"));
    }

    @Test
    void theJudgeScorerIsTheShareOfOrdersAtLeastAsGoodAsTheReference() {
        EvalCase c = SeedAppendix.evalCase("x", null, "q?", "ref", List.of());
        assertThat(Scorer.judge((ec, a, b) -> JudgeResult.of(0, 2, 0)).score("ref", "p", c))
                .isEqualTo(1.0);
        assertThat(Scorer.judge((ec, a, b) -> JudgeResult.of(1, 0, 1)).score("ref", "p", c))
                .isEqualTo(0.5);
        assertThat(Scorer.judge((ec, a, b) -> JudgeResult.of(0, 0, 2)).score("ref", "p", c))
                .isEqualTo(0.0);
        assertThat(JudgeResult.of(1, 0, 1).outcome()).isEqualTo(JudgeResult.Outcome.TIE);
        assertThat(JudgeResult.of(1, 1, 0).outcome()).isEqualTo(JudgeResult.Outcome.A);
    }
}
