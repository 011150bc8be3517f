package dev.tuneloop.record;

import dev.tuneloop.errors.Checks;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Settings of an asynchronous {@link InteractionRecorder}: the queue, the batches, retries, close and logging, and
 * the clock that stamps feedback events.
 *
 * <p>Made with {@link #builder()} (every setting starts at its {@code DEFAULT_*}, the clock at system UTC) or
 * {@link #toBuilder()}; immutable and thread-safe. {@link Builder#build()} checks every setting and reports all
 * problems at once, e.g. {@code "maxBatchSize must be > 0, but was -1"}.
 *
 * <pre>{@code
 * RecorderOptions options = RecorderOptions.builder()
 *         .maxQueueSize(65_536)
 *         .overflowPolicy(OverflowPolicy.BLOCK)
 *         .build();
 * }</pre>
 */
public final class RecorderOptions {

    /** Default of {@link #maxQueueSize()}. */
    public static final int DEFAULT_MAX_QUEUE_SIZE = 16_384;

    /** Default of {@link #maxBatchSize()}. */
    public static final int DEFAULT_MAX_BATCH_SIZE = 512;

    /** Default of {@link #maxDelay()}. */
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofMillis(200);

    /** Default of {@link #overflowPolicy()}: the caller never waits. */
    public static final OverflowPolicy DEFAULT_OVERFLOW_POLICY = OverflowPolicy.DROP_NEWEST;

    /** Default of {@link #blockTimeout()}. */
    public static final Duration DEFAULT_BLOCK_TIMEOUT = Duration.ofMillis(5);

    /** Default of {@link #initialBackoff()}. */
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(100);

    /**
     * Default of {@link #maxBackoff()}: 5 s, so that the backlog of an outage is written at most ~5 s after the store
     * is back (a 30 s cap made the queue hold 30 s more of traffic).
     */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);

    /** Default of {@link #closeTimeout()}. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    /** Default of {@link #dropWarningInterval()}. */
    public static final Duration DEFAULT_DROP_WARNING_INTERVAL = Duration.ofMinutes(1);

    private static final RecorderOptions DEFAULTS = builder().build();

    private final int maxQueueSize;
    private final int maxBatchSize;
    private final Duration maxDelay;
    private final OverflowPolicy overflowPolicy;
    private final Duration blockTimeout;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration closeTimeout;
    private final Duration dropWarningInterval;
    private final Clock clock;
    private final Limits limits;

    private RecorderOptions(Builder b) {
        Checks c = Checks.start()
                .require(b.maxQueueSize > 0, "maxQueueSize must be > 0, but was " + b.maxQueueSize)
                .require(b.maxBatchSize > 0, "maxBatchSize must be > 0, but was " + b.maxBatchSize)
                .require(
                        b.maxBatchSize <= b.maxQueueSize || b.maxQueueSize <= 0,
                        "maxBatchSize must be <= maxQueueSize (" + b.maxQueueSize + "), but was " + b.maxBatchSize);
        positive(c, "maxDelay", b.maxDelay);
        c.require(b.overflowPolicy != null, "overflowPolicy is required, but was null");
        nonNegative(c, "blockTimeout", b.blockTimeout);
        positive(c, "initialBackoff", b.initialBackoff);
        positive(c, "maxBackoff", b.maxBackoff);
        if (b.initialBackoff != null && b.maxBackoff != null) {
            c.require(
                    b.maxBackoff.compareTo(b.initialBackoff) >= 0,
                    "maxBackoff must be >= initialBackoff (" + b.initialBackoff + "), but was " + b.maxBackoff);
        }
        nonNegative(c, "closeTimeout", b.closeTimeout);
        nonNegative(c, "dropWarningInterval", b.dropWarningInterval);
        c.require(b.clock != null, "clock is required, but was null");
        c.require(b.limits != null, "limits is required, but was null");
        c.orThrow();
        this.maxQueueSize = b.maxQueueSize;
        this.maxBatchSize = b.maxBatchSize;
        this.maxDelay = b.maxDelay;
        this.overflowPolicy = b.overflowPolicy;
        this.blockTimeout = b.blockTimeout;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.closeTimeout = b.closeTimeout;
        this.dropWarningInterval = b.dropWarningInterval;
        this.clock = b.clock;
        this.limits = b.limits;
    }

    private static void positive(Checks c, String name, @Nullable Duration d) {
        c.require(d != null && !d.isNegative() && !d.isZero(), name + " must be > 0, but was " + d);
    }

    private static void nonNegative(Checks c, String name, @Nullable Duration d) {
        c.require(d != null && !d.isNegative(), name + " must be >= 0, but was " + d);
    }

    /**
     * Every setting at its default, with the system UTC clock.
     *
     * @return the shared default options
     */
    public static RecorderOptions defaults() {
        return DEFAULTS;
    }

    /**
     * A builder with every setting at its {@code DEFAULT_*} and the system UTC clock.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder that starts from these options.
     *
     * @return a new builder with every setting of this instance
     */
    public Builder toBuilder() {
        return new Builder()
                .maxQueueSize(maxQueueSize)
                .maxBatchSize(maxBatchSize)
                .maxDelay(maxDelay)
                .overflowPolicy(overflowPolicy)
                .blockTimeout(blockTimeout)
                .initialBackoff(initialBackoff)
                .maxBackoff(maxBackoff)
                .closeTimeout(closeTimeout)
                .dropWarningInterval(dropWarningInterval)
                .clock(clock)
                .limits(limits);
    }

    /**
     * How many items (interactions and feedback events) may wait to be written; beyond it the
     * {@link #overflowPolicy()} applies.
     *
     * @return at least 1
     */
    public int maxQueueSize() {
        return maxQueueSize;
    }

    /**
     * How many items are written in one store call; a full batch wakes the worker at once (size trigger).
     *
     * @return at least 1, at most {@link #maxQueueSize()}
     */
    public int maxBatchSize() {
        return maxBatchSize;
    }

    /**
     * The longest an item waits before the worker writes what it has (time trigger).
     *
     * @return a positive duration
     */
    public Duration maxDelay() {
        return maxDelay;
    }

    /**
     * What happens to an item when the queue is full: dropped at once, or after waiting up to
     * {@link #blockTimeout()}.
     *
     * @return the policy
     */
    public OverflowPolicy overflowPolicy() {
        return overflowPolicy;
    }

    /**
     * How long {@link OverflowPolicy#BLOCK} waits for room before it drops the item.
     *
     * @return a duration {@code >= 0}
     */
    public Duration blockTimeout() {
        return blockTimeout;
    }

    /**
     * The first retry delay after a store failure; each further retry doubles it, up to {@link #maxBackoff()}.
     *
     * @return a positive duration
     */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /**
     * The cap of the exponential retry delay; each delay is jittered down to as little as half.
     *
     * @return a positive duration, at least {@link #initialBackoff()}
     */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /**
     * How long {@code close()} waits for the queue to drain; what is still unwritten then is counted as dropped.
     *
     * @return a duration {@code >= 0}
     */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /**
     * The shortest time between two warnings about dropped items, and between two warnings about retries of a failing
     * write (the first failure of each batch is always logged), so an outage does not flood the log.
     *
     * @return a duration {@code >= 0}
     */
    public Duration dropWarningInterval() {
        return dropWarningInterval;
    }

    /**
     * The clock that stamps feedback events.
     *
     * @return the clock
     */
    public Clock clock() {
        return clock;
    }

    /**
     * The limits edits and follow-up messages are checked against when recorded ({@link Limits#maxTextBytes()}, the
     * same limit interactions are built with).
     *
     * @return the limits
     */
    public Limits limits() {
        return limits;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof RecorderOptions r
                && maxQueueSize == r.maxQueueSize
                && maxBatchSize == r.maxBatchSize
                && maxDelay.equals(r.maxDelay)
                && overflowPolicy == r.overflowPolicy
                && blockTimeout.equals(r.blockTimeout)
                && initialBackoff.equals(r.initialBackoff)
                && maxBackoff.equals(r.maxBackoff)
                && closeTimeout.equals(r.closeTimeout)
                && dropWarningInterval.equals(r.dropWarningInterval)
                && clock.equals(r.clock)
                && limits.equals(r.limits);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
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

    @Override
    public String toString() {
        return "RecorderOptions[maxQueueSize=" + maxQueueSize + ", maxBatchSize=" + maxBatchSize + ", maxDelay="
                + maxDelay + ", overflowPolicy=" + overflowPolicy + ", blockTimeout=" + blockTimeout
                + ", initialBackoff=" + initialBackoff + ", maxBackoff=" + maxBackoff + ", closeTimeout="
                + closeTimeout + ", dropWarningInterval=" + dropWarningInterval + ", clock=" + clock + ", limits="
                + limits + "]";
    }

    /**
     * Builds {@link RecorderOptions}; every setting starts at its {@code DEFAULT_*}. Setters other than
     * {@link #clock(Clock)} accept any value, null included; {@link #build()} checks them all and reports every
     * problem at once. Not thread-safe; a builder can build several times.
     */
    public static final class Builder {
        private int maxQueueSize = DEFAULT_MAX_QUEUE_SIZE;
        private int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;
        private Duration maxDelay = DEFAULT_MAX_DELAY;
        private OverflowPolicy overflowPolicy = DEFAULT_OVERFLOW_POLICY;
        private Duration blockTimeout = DEFAULT_BLOCK_TIMEOUT;
        private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
        private Duration dropWarningInterval = DEFAULT_DROP_WARNING_INTERVAL;
        private Clock clock = Clock.systemUTC();
        private Limits limits = Limits.DEFAULT;

        private Builder() {}

        /**
         * How many items may wait to be written (default {@link #DEFAULT_MAX_QUEUE_SIZE}).
         *
         * @param v {@code > 0}
         * @return this builder
         */
        public Builder maxQueueSize(int v) {
            this.maxQueueSize = v;
            return this;
        }

        /**
         * How many items are written in one store call (default {@link #DEFAULT_MAX_BATCH_SIZE}).
         *
         * @param v {@code > 0}, at most the queue size
         * @return this builder
         */
        public Builder maxBatchSize(int v) {
            this.maxBatchSize = v;
            return this;
        }

        /**
         * The longest an item waits before the worker writes (default {@link #DEFAULT_MAX_DELAY}).
         *
         * @param v {@code > 0}
         * @return this builder
         */
        public Builder maxDelay(Duration v) {
            this.maxDelay = v;
            return this;
        }

        /**
         * What happens to an item when the queue is full (default {@link #DEFAULT_OVERFLOW_POLICY}).
         *
         * @param v the policy
         * @return this builder
         */
        public Builder overflowPolicy(OverflowPolicy v) {
            this.overflowPolicy = v;
            return this;
        }

        /**
         * How long {@link OverflowPolicy#BLOCK} waits for room (default {@link #DEFAULT_BLOCK_TIMEOUT}).
         *
         * @param v {@code >= 0}
         * @return this builder
         */
        public Builder blockTimeout(Duration v) {
            this.blockTimeout = v;
            return this;
        }

        /**
         * The first retry delay after a store failure (default {@link #DEFAULT_INITIAL_BACKOFF}).
         *
         * @param v {@code > 0}
         * @return this builder
         */
        public Builder initialBackoff(Duration v) {
            this.initialBackoff = v;
            return this;
        }

        /**
         * The cap of the retry delay (default {@link #DEFAULT_MAX_BACKOFF}).
         *
         * @param v {@code > 0}, at least the initial backoff
         * @return this builder
         */
        public Builder maxBackoff(Duration v) {
            this.maxBackoff = v;
            return this;
        }

        /**
         * How long {@code close()} waits for the queue to drain (default {@link #DEFAULT_CLOSE_TIMEOUT}).
         *
         * @param v {@code >= 0}
         * @return this builder
         */
        public Builder closeTimeout(Duration v) {
            this.closeTimeout = v;
            return this;
        }

        /**
         * The shortest time between two drop warnings (default {@link #DEFAULT_DROP_WARNING_INTERVAL}).
         *
         * @param v {@code >= 0}
         * @return this builder
         */
        public Builder dropWarningInterval(Duration v) {
            this.dropWarningInterval = v;
            return this;
        }

        /**
         * The clock that stamps feedback events (default: system UTC).
         *
         * @param v the clock
         * @return this builder
         * @throws NullPointerException when {@code v} is null
         */
        public Builder clock(Clock v) {
            this.clock = Objects.requireNonNull(v, "clock");
            return this;
        }

        /**
         * The limits feedback texts are checked against (default {@link Limits#DEFAULT}): an edit or a follow-up
         * message over {@link Limits#maxTextBytes()} is refused with a {@link dev.tuneloop.errors.ValidationException}.
         *
         * @param v the limits
         * @return this builder
         */
        public Builder limits(Limits v) {
            this.limits = Objects.requireNonNull(v, "limits");
            return this;
        }

        /**
         * Checks every setting and builds the options.
         *
         * @return new options
         * @throws dev.tuneloop.errors.ValidationException listing every invalid setting
         */
        public RecorderOptions build() {
            return new RecorderOptions(this);
        }
    }
}
