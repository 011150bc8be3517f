package dev.tuneloop.eval;

import dev.tuneloop.errors.TuneloopException;

/** {@link Scorer#judge}: thread-safe when the judge is. */
final class JudgeScorer implements Scorer {
    private final PairwiseJudge judge;

    JudgeScorer(PairwiseJudge judge) {
        this.judge = judge;
    }

    @Override
    public double score(String expected, String predicted, EvalCase evalCase) {
        JudgeResult r = judge.compare(evalCase, predicted, expected);
        if (r.validOrders() == 0) {
            throw new TuneloopException("judge gave no verdict in the required format for case " + evalCase.id());
        }
        return r.atLeastAsGoodShareA();
    }

    @Override
    public String name() {
        return "judge";
    }
}
