/**
 * Helpers shared by core's packages that are public only so those packages can reach them: validation that collects
 * every problem ({@link dev.tuneloop.errors.Checks}), the text rules every store shares
 * ({@link dev.tuneloop.errors.Texts}) and the one SHA-256 home ({@link dev.tuneloop.internal.Sha256}).
 *
 * <p><b>Not API:</b> anything here may change or disappear in any release; hosts must not use it.
 *
 * <p>Depends only on {@code dev.tuneloop.errors} and the JDK; every other core package may depend on it.
 */
@NullMarked
package dev.tuneloop.internal;

import org.jspecify.annotations.NullMarked;
