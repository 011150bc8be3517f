package dev.tuneloop.record;

import dev.tuneloop.internal.Checks;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of an asynchronous {@link InteractionRecorder}. Immutable; made with {@link #builder()}.
 *
 * @param maxQueueSize        items that may wait to be written; beyond it the {@code overflowPolicy} applies
 * @param maxBatchSize        items written in one store call (size trigger)
 * @param maxDelay            longest an item waits before the worker writes what it has (time trigger)
 * @param overflowPolicy      drop the newest item, or block the caller for at most {@code blockTimeout}
 * @param blockTimeout        how long {@link OverflowPolicy#BLOCK} waits for room
 * @param initialBackoff      first retry delay after a store failure
 * @param maxBackoff          cap of the exponential retry delay (each delay is jittered down to half); after an
 *                            outage the first write waits for the current backoff slot, so the queue must hold
 *                            about rate × (longest outage + maxBackoff) items (see the README's recording section)
 * @param closeTimeout        how long {@code close()} waits for the queue to drain
 * @param dropWarningInterval at most one drop warning is logged per interval
 * @param clock               stamps feedback events
 * @param limits              the text limit edits and follow-up messages are checked against when recorded
 *                            ({@link Limits#maxTextBytes()}; the same limit interactions are built with)
 */
public record RecorderOptions(
        int maxQueueSize,
        int maxBatchSize,
        Duration maxDelay,
        OverflowPolicy overflowPolicy,
        Duration blockTimeout,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration closeTimeout,
        Duration dropWarningInterval,
        Clock clock,
        Limits limits) {

    public static final int DEFAULT_MAX_QUEUE_SIZE = 16_384;
    public static final int DEFAULT_MAX_BATCH_SIZE = 512;
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofMillis(200);
    public static final Duration DEFAULT_BLOCK_TIMEOUT = Duration.ofMillis(5);
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(100);
    /**
     * The default cap of the retry delay: 5 s, so that the backlog of an outage is written at most ~5 s after the
     * store is back (a 30 s cap made the queue hold 30 s more of traffic).
     */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);

    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_DROP_WARNING_INTERVAL = Duration.ofMinutes(1);

    public RecorderOptions {
        Checks c = Checks.start()
                .require(maxQueueSize > 0, "maxQueueSize must be > 0, but was " + maxQueueSize)
                .require(maxBatchSize > 0, "maxBatchSize must be > 0, but was " + maxBatchSize)
                .require(
                        maxBatchSize <= maxQueueSize || maxQueueSize <= 0,
                        "maxBatchSize must be <= maxQueueSize (" + maxQueueSize + "), but was " + maxBatchSize);
        positive(c, "maxDelay", maxDelay);
        c.require(overflowPolicy != null, "overflowPolicy is required, but was null");
        nonNegative(c, "blockTimeout", blockTimeout);
        positive(c, "initialBackoff", initialBackoff);
        positive(c, "maxBackoff", maxBackoff);
        if (initialBackoff != null && maxBackoff != null) {
            c.require(
                    maxBackoff.compareTo(initialBackoff) >= 0,
                    "maxBackoff must be >= initialBackoff (" + initialBackoff + "), but was " + maxBackoff);
        }
        nonNegative(c, "closeTimeout", closeTimeout);
        nonNegative(c, "dropWarningInterval", dropWarningInterval);
        c.require(clock != null, "clock is required, but was null");
        c.require(limits != null, "limits is required, but was null");
        c.orThrow();
    }

    private static void positive(Checks c, String name, Duration d) {
        c.require(d != null && !d.isNegative() && !d.isZero(), name + " must be > 0, but was " + d);
    }

    private static void nonNegative(Checks c, String name, Duration d) {
        c.require(d != null && !d.isNegative(), name + " must be >= 0, but was " + d);
    }

    /** The defaults. */
    public static RecorderOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link RecorderOptions}; every setting starts at its {@code DEFAULT_*}. */
    public static final class Builder {
        private int maxQueueSize = DEFAULT_MAX_QUEUE_SIZE;
        private int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;
        private Duration maxDelay = DEFAULT_MAX_DELAY;
        private OverflowPolicy overflowPolicy = OverflowPolicy.DROP_NEWEST;
        private Duration blockTimeout = DEFAULT_BLOCK_TIMEOUT;
        private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
        private Duration dropWarningInterval = DEFAULT_DROP_WARNING_INTERVAL;
        private Clock clock = Clock.systemUTC();
        private Limits limits = Limits.DEFAULT;

        private Builder() {}

        public Builder maxQueueSize(int v) {
            this.maxQueueSize = v;
            return this;
        }

        public Builder maxBatchSize(int v) {
            this.maxBatchSize = v;
            return this;
        }

        public Builder maxDelay(Duration v) {
            this.maxDelay = v;
            return this;
        }

        public Builder overflowPolicy(OverflowPolicy v) {
            this.overflowPolicy = v;
            return this;
        }

        public Builder blockTimeout(Duration v) {
            this.blockTimeout = v;
            return this;
        }

        public Builder initialBackoff(Duration v) {
            this.initialBackoff = v;
            return this;
        }

        public Builder maxBackoff(Duration v) {
            this.maxBackoff = v;
            return this;
        }

        public Builder closeTimeout(Duration v) {
            this.closeTimeout = v;
            return this;
        }

        public Builder dropWarningInterval(Duration v) {
            this.dropWarningInterval = v;
            return this;
        }

        public Builder clock(Clock v) {
            this.clock = Objects.requireNonNull(v, "clock");
            return this;
        }

        /**
         * The limits feedback texts are checked against (default {@link Limits#DEFAULT}): an edit or a follow-up
         * message over {@link Limits#maxTextBytes()} is refused with a {@link dev.tuneloop.ValidationException}.
         */
        public Builder limits(Limits v) {
            this.limits = Objects.requireNonNull(v, "limits");
            return this;
        }

        /** @throws dev.tuneloop.ValidationException listing every invalid setting */
        public RecorderOptions build() {
            return new RecorderOptions(
                    maxQueueSize,
                    maxBatchSize,
                    maxDelay,
                    overflowPolicy,
                    blockTimeout,
                    initialBackoff,
                    maxBackoff,
                    closeTimeout,
                    dropWarningInterval,
                    clock,
                    limits);
        }
    }
}
