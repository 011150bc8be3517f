/**
 * Phase 4: evaluating a fine-tuned candidate against its base model on the frozen holdout.
 *
 * <ul>
 *   <li>{@link dev.tuneloop.eval.Evaluator} asks every model every {@link dev.tuneloop.eval.EvalCase} (through a
 *       {@link dev.tuneloop.eval.CompletionCache}, with timeouts and retries), scores the answers with a
 *       {@link dev.tuneloop.eval.Scorer} and optionally a {@link dev.tuneloop.eval.PairwiseJudge}, and builds an
 *       {@link dev.tuneloop.eval.EvaluationReport} (JSON, HTML) with the verdict of the
 *       {@link dev.tuneloop.eval.PromotionRules};
 *   <li>scorers: key facts ({@link dev.tuneloop.eval.KeyFactSource}), length ratio, format
 *       ({@link dev.tuneloop.eval.FormatRules}), embedding similarity, an LLM judge, and weighted sums of them
 *       ({@link dev.tuneloop.eval.WeightedScorer}).
 * </ul>
 *
 * <p>Depends on {@code errors}, {@code internal}, {@code record}, {@code model}, {@code curate} and {@code tune}
 * (for {@link dev.tuneloop.tune.ModelRegistry}, where reports are recorded), never on {@code route}, {@code metrics}
 * or anything above. Everything here is non-null unless annotated {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.tuneloop.eval;

import org.jspecify.annotations.NullMarked;
