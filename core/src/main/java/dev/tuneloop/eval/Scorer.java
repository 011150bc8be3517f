package dev.tuneloop.eval;

import dev.tuneloop.model.Embedder;
import java.util.Objects;

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
     * @return a score in [0, 1]
     * @throws dev.tuneloop.errors.TuneloopException when a scorer that calls a model (similarity, judge) fails
     */
    double score(String expected, String predicted, EvalCase evalCase);

    /** A short, stable name used in reports (e.g. {@code "key_facts"}). */
    String name();

    /** Whether this scorer has something to check for {@code evalCase}; true unless documented otherwise. */
    default boolean appliesTo(EvalCase evalCase) {
        return true;
    }

    /**
     * The share of the case's key facts stated in the answer (case-insensitive, number-aware: "$1.4B" matches
     * "$1.40 billion" and "1.4 billion"; numbers compared within {@link #DEFAULT_FACT_TOLERANCE} relative tolerance).
     * Does not apply to a case without key facts.
     */
    static Scorer keyFacts() {
        return keyFacts(DEFAULT_FACT_TOLERANCE);
    }

    /** {@link #keyFacts()} with another relative tolerance for numbers (0 means equal values only). */
    static Scorer keyFacts(double relativeTolerance) {
        if (!(relativeTolerance >= 0 && relativeTolerance < 1)) {
            throw new dev.tuneloop.errors.ValidationException(
                    "relativeTolerance must be in [0, 1), but was " + relativeTolerance);
        }
        return new KeyFactScorer(relativeTolerance);
    }

    /** The default relative tolerance of {@link #keyFacts()}: 1% (so "$1.4B" matches "$1.41 billion"). */
    double DEFAULT_FACT_TOLERANCE = 0.01;

    /** The seed's length check: 1 when 0.5 &lt; predicted/expected length (in characters) &lt; 2.0, else 0. */
    static Scorer lengthRatio() {
        return lengthRatio(0.5, 2.0);
    }

    /** 1 when {@code min < predicted/expected length < max}, else 0. */
    static Scorer lengthRatio(double min, double max) {
        if (!(min >= 0 && max > min)) {
            throw new dev.tuneloop.errors.ValidationException(
                    "length ratio bounds must satisfy 0 <= min < max, but were min=" + min + ", max=" + max);
        }
        return new LengthRatioScorer(min, max);
    }

    /** The share of {@code rules}' checks the answer passes. Does not apply when the rules check nothing. */
    static Scorer format(FormatRules rules) {
        return new FormatScorer(Objects.requireNonNull(rules, "rules"), false);
    }

    /**
     * Format checks inferred per case from the expected answer ({@link FormatRules#inferredFrom(String)}): a bullet
     * list, bold text and a filing citation are required when the expected answer has them.
     */
    static Scorer formatLikeExpected() {
        return new FormatScorer(FormatRules.none(), true);
    }

    /** Cosine similarity of the embeddings of expected and predicted, negative values counted as 0. */
    static Scorer similarity(Embedder embedder) {
        return new SimilarityScorer(Objects.requireNonNull(embedder, "embedder"));
    }

    /**
     * An LLM judge comparing the predicted answer with the expected one, in both orders: the score is the share of
     * the (valid) orders in which the predicted answer was judged at least as good as the expected one. Throws when
     * neither order gave a verdict in the strict format.
     */
    static Scorer judge(PairwiseJudge judge) {
        return new JudgeScorer(Objects.requireNonNull(judge, "judge"));
    }

    /** A builder of a weighted sum of scorers. */
    static WeightedScorer.Builder weighted() {
        return WeightedScorer.builder();
    }

    /**
     * The seed's composite: 0.5 key facts + 0.3 length ratio + 0.2 semantic similarity. With a null
     * {@code embedder} the similarity part is left out and the other weights are renormalized (0.625 key facts +
     * 0.375 length); likewise a case without key facts is scored on the remaining parts only.
     */
    static WeightedScorer seedDefault(Embedder embedder) {
        WeightedScorer.Builder b = weighted().add(keyFacts(), 0.5).add(lengthRatio(), 0.3);
        if (embedder != null) {
            b.add(similarity(embedder), 0.2);
        }
        return b.build();
    }
}
