/**
 * A {@link dev.tuneloop.tune.FineTuneClient} on Together AI's REST API: {@link dev.tuneloop.together.TogetherFineTuneClient}
 * with its Together-only settings in {@link dev.tuneloop.together.TogetherOptions}.
 */
@NullMarked
package dev.tuneloop.together;

import org.jspecify.annotations.NullMarked;
