/**
 * Documented fakes for host tests (and Tuneloop's own): {@link dev.tuneloop.testing.FakeFineTuneClient} (a scriptable
 * fine-tuning provider), {@link dev.tuneloop.testing.ScriptedChatModel} (a chat model that answers from a script),
 * {@link dev.tuneloop.testing.ManualScheduler} (a poll scheduler in virtual time) and
 * {@link dev.tuneloop.testing.TestClock} (a clock the test moves). They are real, thread-safe implementations of the
 * SPIs, with no network and no sleeping, and they record what they were asked so tests can assert on it.
 *
 * <p>May depend on every core package below the facade ({@code dev.tuneloop.tune}, {@code dev.tuneloop.model},
 * {@code dev.tuneloop.record}, {@code dev.tuneloop.errors}); nothing in core's main code depends on it.
 */
@NullMarked
package dev.tuneloop.testing;

import org.jspecify.annotations.NullMarked;
