/**
 * The entry point: {@link dev.tuneloop.Tuneloop} wires a {@link dev.tuneloop.store.Store}, a clock and options, and
 * hands out every part of the feedback loop (recorder, curator, readiness checklist, exporter, job watcher, routers,
 * flywheel metrics) sharing that store and clock.
 *
 * <p>The top layer: it may depend on every other core package, and none depends on it.
 */
@NullMarked
package dev.tuneloop;

import org.jspecify.annotations.NullMarked;
