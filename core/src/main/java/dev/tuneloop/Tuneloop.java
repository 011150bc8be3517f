package dev.tuneloop;

import dev.tuneloop.internal.Checks;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.record.Limits;
import dev.tuneloop.record.RecorderOptions;
import dev.tuneloop.store.ExampleStore;
import dev.tuneloop.store.InteractionStore;

import java.time.Clock;
import java.util.Objects;

/**
 * The entry point: wires a store, a clock and options, and hands out the parts of the loop.
 *
 * <pre>{@code
 * Tuneloop tuneloop = Tuneloop.builder().store(InteractionStore.inMemory()).build();
 * InteractionRecorder recorder = tuneloop.recorder();
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} closes the recorder it made (draining its queue).
 */
public final class Tuneloop implements AutoCloseable {
    private final InteractionStore interactions;
    private final ExampleStore examples;
    private final Clock clock;
    private final Limits limits;
    private final InteractionRecorder recorder;

    private Tuneloop(Builder b) {
        this.interactions = b.interactions;
        this.examples = b.examples;
        this.clock = b.clock;
        this.limits = b.limits;
        RecorderOptions options = b.recorderOptions != null ? b.recorderOptions
                : RecorderOptions.builder().clock(clock).build();
        this.recorder = b.synchronous ? InteractionRecorder.sync(interactions, clock)
                : InteractionRecorder.async(interactions, options);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The recorder (asynchronous unless {@link Builder#synchronousRecorder()} was asked for). */
    public InteractionRecorder recorder() {
        return recorder;
    }

    /** A builder for interactions with this instance's clock and limits. */
    public Interaction.Builder interaction() {
        return Interaction.builder().clock(clock).limits(limits);
    }

    public InteractionStore interactionStore() {
        return interactions;
    }

    public ExampleStore exampleStore() {
        return examples;
    }

    public Clock clock() {
        return clock;
    }

    /** Closes the recorder, writing what it has queued within its close timeout. */
    @Override
    public void close() {
        recorder.close();
    }

    /** Builds a {@link Tuneloop}. A store is required. */
    public static final class Builder {
        private InteractionStore interactions;
        private ExampleStore examples;
        private Clock clock = Clock.systemUTC();
        private Limits limits = Limits.DEFAULT;
        private RecorderOptions recorderOptions;
        private boolean synchronous;

        private Builder() {
        }

        /** One store that keeps both interactions and examples (the in-memory store, the JDBC store). */
        public <S extends InteractionStore & ExampleStore> Builder store(S store) {
            Objects.requireNonNull(store, "store");
            this.interactions = store;
            this.examples = store;
            return this;
        }

        /** The clock every time-dependent rule reads (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Size limits for interactions built through {@link Tuneloop#interaction()}. */
        public Builder limits(Limits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** Options of the asynchronous recorder (default {@link RecorderOptions#defaults()} with this clock). */
        public Builder recorderOptions(RecorderOptions options) {
            this.recorderOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /** Use a write-through recorder instead of the asynchronous one. */
        public Builder synchronousRecorder() {
            this.synchronous = true;
            return this;
        }

        /** @throws ValidationException when no store was given */
        public Tuneloop build() {
            Checks.start().require(interactions != null, "store is required, but was not set").orThrow();
            return new Tuneloop(this);
        }
    }
}
