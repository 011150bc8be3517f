/**
 * The exceptions Tuneloop throws: one unchecked root, {@link dev.tuneloop.errors.TuneloopException}, split by what
 * the caller can do about the failure: retry later ({@link dev.tuneloop.errors.RetriableException}), fix the input
 * ({@link dev.tuneloop.errors.ValidationException}, every problem listed), name an object that exists
 * ({@link dev.tuneloop.errors.NotFoundException}) or reread the state it conflicts with
 * ({@link dev.tuneloop.errors.ConflictException}). Adapters translate vendor exceptions into these at their edge and
 * keep the vendor exception as the cause.
 *
 * <p>Messages name the object and its state, never a prompt, a response or a secret.
 *
 * <p>This package is the bottom layer: it depends on nothing but the JDK, and every other package may use it.
 */
@NullMarked
package dev.tuneloop.errors;

import org.jspecify.annotations.NullMarked;
