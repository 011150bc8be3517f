/**
 * Micrometer meters for Tuneloop: {@link dev.tuneloop.micrometer.TuneloopMetrics}, a
 * {@link io.micrometer.core.instrument.binder.MeterBinder} for the recorder, the router, fine-tuning jobs and the
 * flywheel's key metrics, and {@link dev.tuneloop.micrometer.ArmExposures}, which counts a router's exposures per
 * arm. Usable without Spring.
 */
@NullMarked
package dev.tuneloop.micrometer;

import org.jspecify.annotations.NullMarked;
