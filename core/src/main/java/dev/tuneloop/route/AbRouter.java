package dev.tuneloop.route;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Picks the model for each request from a {@link RoutingPlan}, by the specified hash ({@link RoutingHash}): the same
 * user gets the same model on every instance, across restarts and in other runtimes.
 *
 * <p>{@link #modelFor(String)} is made for the request path: it takes no lock and allocates nothing (when no exposure
 * is sampled). The plan can be replaced at any time with {@link #update(RoutingPlan)}; a request sees either the old
 * or the new plan, never a mix. Thread-safe.
 *
 * <p>A null or empty user id is anonymous traffic: it gets the plan's {@link RoutingPlan#anonymousArm()} when one is
 * set, and otherwise a {@link dev.tuneloop.errors.ValidationException}.
 *
 * <p>Built by {@link #create(RoutingPlan)} or {@link #builder(RoutingPlan)}; {@link #close()} stops exposure delivery
 * (a no-op without a listener).
 */
public interface AbRouter extends AutoCloseable {

    /**
     * The model id for this user's request.
     *
     * @throws dev.tuneloop.errors.ValidationException when {@code userId} is null or empty and the plan has no anonymous arm
     */
    String modelFor(String userId);

    /**
     * Where this user goes (arm, model, bucket), for callers that log it.
     *
     * @throws dev.tuneloop.errors.ValidationException when {@code userId} is null or empty and the plan has no anonymous arm
     */
    Assignment assign(String userId);

    /** The plan in force. */
    RoutingPlan plan();

    /**
     * Replaces the plan in force; requests that start afterwards use {@code plan}.
     *
     * @throws NullPointerException when {@code plan} is null
     */
    void update(RoutingPlan plan);

    /** Exposure delivery counters. */
    RouterStats stats();

    /** Turns the kill switch on: from now on every request gets {@code fallbackModel}. */
    default void killSwitch(String fallbackModel) {
        update(plan().withKillSwitch(fallbackModel));
    }

    /** Stops exposure delivery after delivering what is queued (waiting at most a few seconds). Idempotent. */
    @Override
    void close();

    /** A router without exposure listener. */
    static AbRouter create(RoutingPlan plan) {
        return builder(plan).build();
    }

    /** A builder starting from {@code plan}. */
    static Builder builder(RoutingPlan plan) {
        return new Builder(plan);
    }

    /** Settings of an {@link AbRouter}. Not thread-safe; immutable results. */
    final class Builder {
        /** Default share of assignments handed to the exposure listener: all of them. */
        public static final double DEFAULT_EXPOSURE_SAMPLE_RATE = 1.0;
        /** Default capacity of the exposure delivery queue. */
        public static final int DEFAULT_EXPOSURE_QUEUE_CAPACITY = 8_192;
        /** Default time {@link AbRouter#close()} waits for queued exposures. */
        public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);

        final RoutingPlan plan;
        ExposureListener listener;
        double sampleRate = DEFAULT_EXPOSURE_SAMPLE_RATE;
        int queueCapacity = DEFAULT_EXPOSURE_QUEUE_CAPACITY;
        Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
        Clock clock = Clock.systemUTC();

        private Builder(RoutingPlan plan) {
            this.plan = Objects.requireNonNull(plan, "plan");
        }

        /** Receives sampled assignments on a delivery thread; default none. */
        public Builder exposureListener(ExposureListener exposureListener) {
            this.listener = Objects.requireNonNull(exposureListener, "exposureListener");
            return this;
        }

        /** Share of assignments, in [0, 1], handed to the listener; default 1 (all). */
        public Builder exposureSampleRate(double rate) {
            this.sampleRate = rate;
            return this;
        }

        /** Bound of the delivery queue; exposures beyond it are dropped and counted. Default 8 192. */
        public Builder exposureQueueCapacity(int capacity) {
            this.queueCapacity = capacity;
            return this;
        }

        /** How long {@link AbRouter#close()} waits for queued exposures; default 5 s. */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = Objects.requireNonNull(timeout, "closeTimeout");
            return this;
        }

        /** The clock that stamps exposures; default system UTC. */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /**
         * Builds the router; with a listener this starts one daemon delivery thread.
         *
         * @throws dev.tuneloop.errors.ValidationException listing every invalid setting
         */
        public AbRouter build() {
            dev.tuneloop.internal.Checks.start()
                    .require(
                            sampleRate >= 0 && sampleRate <= 1,
                            "exposureSampleRate must be between 0 and 1, but was " + sampleRate)
                    .require(queueCapacity > 0, "exposureQueueCapacity must be > 0, but was " + queueCapacity)
                    .require(!closeTimeout.isNegative(), "closeTimeout must be >= 0, but was " + closeTimeout)
                    .orThrow();
            return new HashAbRouter(this);
        }
    }
}
