package dev.tuneloop.eval;

import dev.tuneloop.model.Embedder;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Scores a predicted answer against the expected one: a number in [0, 1], 1 being best.
 *
 * <p>Scorers are small and composed with weights ({@link #weighted()}, {@link #seedDefault(Embedder)}). A scorer that
 * has nothing to check for a case (no key facts, no format rules) says so with {@link #appliesTo(EvalCase)}; a
 * composite then spreads that weight over the scorers that apply.
 *
 * <p>Implementations are thread-safe (the evaluator scores from several threads) and never put answer text in
 * exceptions.
 */
public interface Scorer {

    /**
     * Scores {@code predicted} against {@code expected} for {@code evalCase}.
     *
     * @param expected  the expected answer
     * @param predicted the model's answer (empty when the model returned nothing)
     * @param evalCase  the case, for what the scorer needs beyond the two texts (key facts, id)
     * @return a score in [0, 1]
     * @throws dev.tuneloop.errors.TuneloopException when a scorer that calls a model (similarity, judge) fails
     */
    double score(String expected, String predicted, EvalCase evalCase);

    /**
     * A short, stable name used in reports.
     *
     * @return the name, e.g. {@code "key_facts"}
     */
    String name();

    /**
     * Whether this scorer has something to check for a case; a {@link WeightedScorer} gives the weight of a scorer
     * that does not apply to the others.
     *
     * @param evalCase the case
     * @return true unless documented otherwise
     */
    default boolean appliesTo(EvalCase evalCase) {
        return true;
    }

    /**
     * The share of the case's key facts stated in the answer (case-insensitive, number-aware: "$1.4B" matches
     * "$1.40 billion" and "1.4 billion"; numbers compared within {@link #DEFAULT_FACT_TOLERANCE} relative tolerance).
     * Does not apply to a case without key facts.
     *
     * @return the scorer, named {@code "key_facts"}
     */
    static Scorer keyFacts() {
        return keyFacts(DEFAULT_FACT_TOLERANCE);
    }

    /**
     * {@link #keyFacts()} with another relative tolerance for numbers.
     *
     * @param relativeTolerance in [0, 1); 0 means equal values only
     * @return the scorer, named {@code "key_facts"}
     * @throws dev.tuneloop.errors.ValidationException when the tolerance is out of range
     */
    static Scorer keyFacts(double relativeTolerance) {
        if (!(relativeTolerance >= 0 && relativeTolerance < 1)) {
            throw new dev.tuneloop.errors.ValidationException(
                    "relativeTolerance must be in [0, 1), but was " + relativeTolerance);
        }
        return new KeyFactScorer(relativeTolerance);
    }

    /** The default relative tolerance of {@link #keyFacts()}: 1% (so "$1.4B" matches "$1.41 billion"). */
    double DEFAULT_FACT_TOLERANCE = 0.01;

    /**
     * The seed's length check: 1 when 0.5 &lt; predicted/expected length (in characters) &lt; 2.0, else 0.
     *
     * @return the scorer, named {@code "length"}
     */
    static Scorer lengthRatio() {
        return lengthRatio(0.5, 2.0);
    }

    /**
     * A length check: 1 when {@code min < predicted/expected length < max} (in characters), else 0.
     *
     * @param min the exclusive lower bound of the ratio; at least 0
     * @param max the exclusive upper bound of the ratio; above {@code min}
     * @return the scorer, named {@code "length"}
     * @throws dev.tuneloop.errors.ValidationException when the bounds are out of order
     */
    static Scorer lengthRatio(double min, double max) {
        if (!(min >= 0 && max > min)) {
            throw new dev.tuneloop.errors.ValidationException(
                    "length ratio bounds must satisfy 0 <= min < max, but were min=" + min + ", max=" + max);
        }
        return new LengthRatioScorer(min, max);
    }

    /**
     * The share of the rules' checks the answer passes. Does not apply when the rules check nothing.
     *
     * @param rules the checks
     * @return the scorer, named {@code "format"}
     */
    static Scorer format(FormatRules rules) {
        return new FormatScorer(Objects.requireNonNull(rules, "rules"), false);
    }

    /**
     * Format checks inferred per case from the expected answer ({@link FormatRules#inferredFrom(String)}): a bullet
     * list, bold text and a filing citation are required when the expected answer has them. Does not apply when the
     * expected answer has none of them.
     *
     * @return the scorer, named {@code "format"}
     */
    static Scorer formatLikeExpected() {
        return new FormatScorer(FormatRules.none(), true);
    }

    /**
     * Cosine similarity of the embeddings of expected and predicted, negative values counted as 0; 0 for a blank
     * answer (without asking the embedder).
     *
     * @param embedder embeds both texts in one call
     * @return the scorer, named {@code "similarity"}
     */
    static Scorer similarity(Embedder embedder) {
        return new SimilarityScorer(Objects.requireNonNull(embedder, "embedder"));
    }

    /**
     * An LLM judge comparing the predicted answer with the expected one, in both orders: the score is the share of
     * the (valid) orders in which the predicted answer was judged at least as good as the expected one. Throws when
     * neither order gave a verdict in the strict format.
     *
     * @param judge the judge
     * @return the scorer, named {@code "judge"}
     */
    static Scorer judge(PairwiseJudge judge) {
        return new JudgeScorer(Objects.requireNonNull(judge, "judge"));
    }

    /**
     * A builder of a weighted sum of scorers.
     *
     * @return a new builder
     */
    static WeightedScorer.Builder weighted() {
        return WeightedScorer.builder();
    }

    /**
     * The seed's composite: 0.5 key facts + 0.3 length ratio + 0.2 semantic similarity. With a null
     * {@code embedder} the similarity part is left out and the other weights are renormalized (0.625 key facts +
     * 0.375 length); likewise a case without key facts is scored on the remaining parts only.
     *
     * @param embedder the embedder for the similarity part, or null to leave it out
     * @return the composite, named {@code "weighted"}
     */
    static WeightedScorer seedDefault(@Nullable Embedder embedder) {
        WeightedScorer.Builder b = weighted().add(keyFacts(), 0.5).add(lengthRatio(), 0.3);
        if (embedder != null) {
            b.add(similarity(embedder), 0.2);
        }
        return b.build();
    }
}
