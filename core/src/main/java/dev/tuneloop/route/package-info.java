/**
 * Phase 5, routing: the {@link dev.tuneloop.route.AbRouter} that picks each request's model from a
 * {@link dev.tuneloop.route.RoutingPlan} of {@link dev.tuneloop.route.Arm}s by the specified, reproducible
 * {@link dev.tuneloop.route.RoutingHash}, with a kill switch and optional sampled exposure logging
 * ({@link dev.tuneloop.route.ExposureListener}). The request path takes no lock and allocates nothing.
 *
 * <p>May depend on {@code errors}, {@code internal} and {@code tune} (plans from the model registry's deployed
 * version); never on {@code metrics}, {@code eval}, {@code store} or {@code testing}. Non-null unless marked
 * {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.tuneloop.route;

import org.jspecify.annotations.NullMarked;
