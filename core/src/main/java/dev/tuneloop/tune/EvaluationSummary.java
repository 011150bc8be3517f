package dev.tuneloop.tune;

import dev.tuneloop.errors.Checks;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The outcome of comparing a fine-tuned candidate against its base model on the frozen holdout, as kept with the
 * {@link ModelVersion}. The full report is kept as JSON so the registry need not know its shape.
 *
 * <p>Built with {@link #builder(String, String, Instant)}; the three scores have no default, so a builder that was
 * not given them fails validation instead of recording zeros. Immutable and thread-safe.
 *
 * @param baseModel          the base model evaluated; never null
 * @param candidateModel     the fine-tuned model evaluated; never null
 * @param baseMeanScore      the base model's mean score; finite
 * @param candidateMeanScore the candidate's mean score; finite
 * @param candidateAccuracy  the candidate's share of passing answers, in [0, 1]
 * @param promote            whether the evaluation recommends promoting the candidate
 * @param evaluatedAt        when it was evaluated (kept to the microsecond); never null
 * @param reportJson         the evaluator's full report as JSON; never null
 * @param amended            whether the report was changed after the run: erasure redacted the cases of an erased
 *                           user (the scores and the verdict are still those of the original run)
 */
public record EvaluationSummary(
        String baseModel,
        String candidateModel,
        double baseMeanScore,
        double candidateMeanScore,
        double candidateAccuracy,
        boolean promote,
        Instant evaluatedAt,
        String reportJson,
        boolean amended) {
    /**
     * Validates every part and truncates {@code evaluatedAt} to the microsecond.
     *
     * @param baseModel          the base model evaluated; never null
     * @param candidateModel     the fine-tuned model evaluated; never null
     * @param baseMeanScore      the base model's mean score; finite
     * @param candidateMeanScore the candidate's mean score; finite
     * @param candidateAccuracy  the candidate's share of passing answers, in [0, 1]
     * @param promote            whether the evaluation recommends promoting the candidate
     * @param evaluatedAt        when it was evaluated (kept to the microsecond); never null
     * @param reportJson         the evaluator's full report as JSON; never null
     * @param amended            whether erasure changed the report after the run
     * @throws dev.tuneloop.errors.ValidationException listing every problem
     */
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

    /**
     * A builder for the evaluation of {@code candidateModel} against {@code baseModel}. The scores must be set
     * ({@link Builder#meanScores}, {@link Builder#candidateAccuracy}); {@code promote} defaults to false and the report
     * to {@code "{}"}, {@code amended} to false.
     *
     * @param baseModel      the base model evaluated
     * @param candidateModel the fine-tuned model evaluated
     * @param evaluatedAt    when it was evaluated
     * @return a new builder
     */
    public static Builder builder(String baseModel, String candidateModel, Instant evaluatedAt) {
        return new Builder(baseModel, candidateModel, evaluatedAt);
    }

    /**
     * A builder holding this summary's values, to make a changed copy.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder(baseModel, candidateModel, evaluatedAt)
                .meanScores(baseMeanScore, candidateMeanScore)
                .candidateAccuracy(candidateAccuracy)
                .promote(promote)
                .reportJson(reportJson)
                .amended(amended);
    }

    /** Builds an {@link EvaluationSummary}. Not thread-safe; use one builder per summary. */
    public static final class Builder {
        private final String baseModel;
        private final String candidateModel;
        private final Instant evaluatedAt;
        // NaN until set: an unset score fails validation instead of reading as 0
        private double baseMeanScore = Double.NaN;
        private double candidateMeanScore = Double.NaN;
        private double candidateAccuracy = Double.NaN;
        private boolean promote;
        private String reportJson = "{}";
        private boolean amended;

        private Builder(String baseModel, String candidateModel, Instant evaluatedAt) {
            this.baseModel = baseModel;
            this.candidateModel = candidateModel;
            this.evaluatedAt = evaluatedAt;
        }

        /**
         * The mean scores of both models.
         *
         * @param base      the base model's mean score; finite
         * @param candidate the candidate's mean score; finite
         * @return this builder
         */
        public Builder meanScores(double base, double candidate) {
            this.baseMeanScore = base;
            this.candidateMeanScore = candidate;
            return this;
        }

        /**
         * The candidate's share of passing answers.
         *
         * @param accuracy the share, in [0, 1]
         * @return this builder
         */
        public Builder candidateAccuracy(double accuracy) {
            this.candidateAccuracy = accuracy;
            return this;
        }

        /**
         * Whether the evaluation recommends promoting the candidate (default false).
         *
         * @param promote the recommendation
         * @return this builder
         */
        public Builder promote(boolean promote) {
            this.promote = promote;
            return this;
        }

        /**
         * The evaluator's full report as JSON (default {@code "{}"}).
         *
         * @param reportJson the report
         * @return this builder
         */
        public Builder reportJson(String reportJson) {
            this.reportJson = reportJson;
            return this;
        }

        /**
         * Whether the report was changed after the run, by erasure (default false).
         *
         * @param amended whether the report was amended
         * @return this builder
         */
        public Builder amended(boolean amended) {
            this.amended = amended;
            return this;
        }

        /**
         * Builds the summary.
         *
         * @return the validated summary
         * @throws dev.tuneloop.errors.ValidationException listing every problem (also an unset score)
         */
        public EvaluationSummary build() {
            return new EvaluationSummary(
                    baseModel,
                    candidateModel,
                    baseMeanScore,
                    candidateMeanScore,
                    candidateAccuracy,
                    promote,
                    evaluatedAt,
                    reportJson,
                    amended);
        }
    }
}
