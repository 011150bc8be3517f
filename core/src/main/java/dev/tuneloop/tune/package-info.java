/**
 * Phase 3, the jobs: the {@link dev.tuneloop.tune.FineTuneClient} SPI for a fine-tuning provider and the records it
 * trades in ({@link dev.tuneloop.tune.FineTuneRequest}, {@link dev.tuneloop.tune.FineTuneJob} with its
 * {@link dev.tuneloop.tune.JobStatus}, events, checkpoints, files, models); the
 * {@link dev.tuneloop.tune.FineTuneLauncher} (readiness → export → validate → upload → create → record) and the
 * {@link dev.tuneloop.tune.JobWatcher} that polls jobs to the end; and where their state is kept: the
 * {@link dev.tuneloop.tune.JobStore} and the {@link dev.tuneloop.tune.ModelRegistry} of
 * {@link dev.tuneloop.tune.ModelVersion}s with their lineage.
 *
 * <p>May depend on {@code errors}, {@code internal}, {@code record}, {@code curate} and {@code export} (the exporter
 * that writes the file, the validator that checks it); never on {@code eval}, {@code route}, {@code metrics},
 * {@code store}, {@code testing} or vendor SDKs, which live in adapter modules. Non-null unless marked
 * {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.tuneloop.tune;

import org.jspecify.annotations.NullMarked;
