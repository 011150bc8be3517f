/**
 * The {@link dev.tuneloop.store.Store} aggregate (interactions, reviewed examples, fine-tuning jobs and model versions
 * as one object, with user erasure across all of them) and its in-memory implementation,
 * {@link dev.tuneloop.store.Store#inMemory()}, a real thread-safe store for tests and single-process hosts. The SPIs
 * it aggregates live beside the data they store ({@code record.InteractionStore}, {@code curate.ExampleStore},
 * {@code tune.JobStore}, {@code tune.ModelRegistry}); the JDBC implementation is in the {@code tuneloop-jdbc-store}
 * module.
 *
 * <p>Depends on {@code dev.tuneloop.errors}, {@code internal}, {@code record}, {@code curate} and {@code tune}; only
 * the facade {@code dev.tuneloop.Tuneloop} depends on it.
 *
 * <p>Null-marked: parameters, return values and record components are non-null unless annotated
 * {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.tuneloop.store;

import org.jspecify.annotations.NullMarked;
