/**
 * Runnable examples of Tuneloop in a host application, kept compiling and tested: the README's quick start
 * ({@code QuickStart}), a chat endpoint wired to the recorder and the router ({@link
 * dev.tuneloop.examples.ChatController}), and an offline demo of the whole loop ({@link dev.tuneloop.examples.Demo})
 * on a bundled synthetic dataset ({@link dev.tuneloop.examples.SigmaSightDataset}). Not a published API.
 *
 * <p>Nothing in this package accepts or returns {@code null} unless it is annotated
 * {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package dev.tuneloop.examples;

import org.jspecify.annotations.NullMarked;
