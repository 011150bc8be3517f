/**
 * Phase 3 data: turning approved training examples into provider-ready JSONL and checking any JSONL file.
 *
 * <ul>
 *   <li>{@link dev.tuneloop.export.JsonlExporter} streams an {@link dev.tuneloop.curate.ExampleStore} into supervised
 *       or preference (DPO) lines, configured by {@link dev.tuneloop.export.ExportOptions}, and reports what it wrote,
 *       skipped and estimated in an {@link dev.tuneloop.export.ExportReport};
 *   <li>{@link dev.tuneloop.export.JsonlValidator} is the one home of the JSONL format rules: it checks any file line
 *       by line into a {@link dev.tuneloop.export.ValidationResult} of {@link dev.tuneloop.export.Problem}s with
 *       stable {@link dev.tuneloop.export.ProblemCode}s (the exporter validates what it writes with the same rules,
 *       and a launcher checks a file with it before a job starts);
 *   <li>{@link dev.tuneloop.export.TokenCounter}, {@link dev.tuneloop.export.TokenLimits},
 *       {@link dev.tuneloop.export.PriceTable} and {@link dev.tuneloop.export.TrainingEstimates} count tokens and
 *       estimate epochs, cost and time.
 * </ul>
 *
 * <p>Depends on {@code errors}, {@code internal}, {@code record}, {@code dedup}, {@code redact} and {@code curate}
 * (the layers below it), never on {@code tune} or anything above. Everything here is non-null unless annotated
 * {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.tuneloop.export;

import org.jspecify.annotations.NullMarked;
