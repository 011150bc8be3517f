/**
 * Phase 2, curation: turning recorded interactions into reviewed training examples.
 *
 * <p>{@link dev.tuneloop.curate.Curator} lists {@link dev.tuneloop.curate.Candidate}s chosen by a
 * {@link dev.tuneloop.curate.CurationPolicy}, and approves, rejects or re-reviews them with a
 * {@link dev.tuneloop.curate.Review}; the results are {@link dev.tuneloop.curate.TrainingExample}s with their
 * {@link dev.tuneloop.curate.ExampleRevision} history in an {@link dev.tuneloop.curate.ExampleStore} (the SPI lives
 * here, beside the data it stores). {@link dev.tuneloop.curate.Holdout} freezes each example's split,
 * {@link dev.tuneloop.curate.ReadinessChecklist} evaluates the seed's pre-training checklist and
 * {@link dev.tuneloop.curate.RetrainAdvisor} the seed's "When to Retrain" triggers.
 *
 * <p>Depends on {@code dev.tuneloop.errors}, {@code internal}, {@code record} (interactions and their store),
 * {@code dedup} (near-duplicates) and {@code redact} (record-time redaction); never on export, tuning, evaluation,
 * routing, metrics or the stores' implementations.
 *
 * <p>Null-marked: parameters, return values and record components are non-null unless annotated
 * {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.tuneloop.curate;

import org.jspecify.annotations.NullMarked;
