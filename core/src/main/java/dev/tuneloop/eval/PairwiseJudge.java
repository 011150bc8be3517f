package dev.tuneloop.eval;

import dev.tuneloop.model.ChatModel;
import java.util.Objects;

/**
 * Compares two answers to the same case. Thread-safe.
 *
 * <p>{@link #llm(ChatModel, String)} asks a chat model twice, once with A shown first and once with B first, so a
 * judge that favours whatever comes first cancels out; ties are allowed. The judge must end its answer with a line
 * that is exactly {@code VERDICT: FIRST}, {@code VERDICT: SECOND} or {@code VERDICT: TIE}; anything else makes that
 * order invalid (counted, not guessed).
 */
@FunctionalInterface
public interface PairwiseJudge {

    /**
     * Compares {@code answerA} with {@code answerB} for {@code evalCase} (whose expected answer the judge may use as
     * a reference).
     *
     * @param evalCase the case
     * @param answerA  the first answer (the evaluator's candidate)
     * @param answerB  the second answer (the evaluator's base)
     * @return the verdict over the orders asked
     * @throws dev.tuneloop.errors.TuneloopException when the judge model call fails
     */
    JudgeResult compare(EvalCase evalCase, String answerA, String answerB);

    /**
     * An LLM judge calling a chat model at temperature 0, once per order.
     *
     * @param model        the client
     * @param judgeModelId the model id sent in each request; not blank
     * @return the judge; thread-safe when the client is
     * @throws dev.tuneloop.errors.ValidationException when the model id is blank
     */
    static PairwiseJudge llm(ChatModel model, String judgeModelId) {
        Objects.requireNonNull(model, "model");
        if (judgeModelId == null || judgeModelId.isBlank()) {
            throw new dev.tuneloop.errors.ValidationException("judgeModelId must not be blank");
        }
        return new LlmJudge(model, judgeModelId);
    }
}
