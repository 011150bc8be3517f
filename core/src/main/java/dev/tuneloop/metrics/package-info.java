/**
 * Measuring the loop: per-arm statistics of an experiment streamed from recorded interactions
 * ({@link dev.tuneloop.metrics.ArmReport}, {@link dev.tuneloop.metrics.ArmStats}, {@link dev.tuneloop.metrics.Rate}),
 * the two-proportion test that compares arms ({@link dev.tuneloop.metrics.ProportionTest}), the
 * {@link dev.tuneloop.metrics.Guardrail} that calls for (and can apply) a rollback, and the seed's key flywheel
 * metrics with their targets ({@link dev.tuneloop.metrics.FlywheelMetrics}).
 *
 * <p>May depend on {@code errors}, {@code internal}, {@code record}, {@code curate}, {@code tune} and {@code route};
 * never on {@code eval}, {@code store} or {@code testing}. Non-null unless marked
 * {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.tuneloop.metrics;

import org.jspecify.annotations.NullMarked;
