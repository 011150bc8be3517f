package dev.tuneloop.tune;

import dev.tuneloop.internal.Checks;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The outcome of comparing a fine-tuned candidate against its base model on the frozen holdout, as kept with the
 * {@link ModelVersion}. The full report is kept as JSON so the registry need not know its shape.
 *
 * @param baseModel          the base model evaluated; never null
 * @param candidateModel     the fine-tuned model evaluated; never null
 * @param baseMeanScore      the base model's mean score; finite
 * @param candidateMeanScore the candidate's mean score; finite
 * @param candidateAccuracy  the candidate's share of passing answers, in [0, 1]
 * @param promote            whether the evaluation recommends promoting the candidate
 * @param evaluatedAt        when it was evaluated (kept to the microsecond); never null
 * @param reportJson         the evaluator's full report as JSON; never null
 */
public record EvaluationSummary(
        String baseModel,
        String candidateModel,
        double baseMeanScore,
        double candidateMeanScore,
        double candidateAccuracy,
        boolean promote,
        Instant evaluatedAt,
        String reportJson) {
    /** @throws dev.tuneloop.errors.ValidationException listing every problem */
    public EvaluationSummary {
        Checks.start()
                .text("baseModel", baseModel, true, 512)
                .text("candidateModel", candidateModel, true, 512)
                .require(Double.isFinite(baseMeanScore), "baseMeanScore must be finite, but was " + baseMeanScore)
                .require(
                        Double.isFinite(candidateMeanScore),
                        "candidateMeanScore must be finite, but was " + candidateMeanScore)
                .require(
                        candidateAccuracy >= 0 && candidateAccuracy <= 1,
                        "candidateAccuracy must be in [0, 1], but was " + candidateAccuracy)
                .require(evaluatedAt != null, "evaluatedAt is required, but was null")
                .require(reportJson != null, "reportJson is required (use \"{}\"), but was null")
                .orThrow();
        evaluatedAt = evaluatedAt.truncatedTo(ChronoUnit.MICROS);
    }
}
