package dev.tuneloop.route;

import dev.tuneloop.errors.Checks;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

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
     * @param userId the user; null or empty for anonymous traffic
     * @return the model to call; the kill switch's model while it is on
     * @throws dev.tuneloop.errors.ValidationException when {@code userId} is null or empty and the plan has no
     *     anonymous arm
     */
    String modelFor(@Nullable String userId);

    /**
     * The model id for this user's request and the endpoint that serves it, for hosts that call several providers
     * (e.g. the base model on OpenAI, the fine-tuned one on Together AI or a vLLM server). Same decision as
     * {@link #modelFor(String)}, which it mirrors: no lock, no allocation (when no exposure is sampled).
     *
     * @param userId the user; null or empty for anonymous traffic
     * @return the arm's model and endpoint; while the kill switch is on, its model at the endpoint of the first arm
     *     serving that model (the host's default client when no arm does)
     * @throws dev.tuneloop.errors.ValidationException when {@code userId} is null or empty and the plan has no
     *     anonymous arm
     */
    ModelEndpoint endpointFor(@Nullable String userId);

    /**
     * Where this user goes (arm, model, bucket), for callers that log it.
     *
     * @param userId the user; null or empty for anonymous traffic
     * @return the assignment
     * @throws dev.tuneloop.errors.ValidationException when {@code userId} is null or empty and the plan has no
     *     anonymous arm
     */
    Assignment assign(@Nullable String userId);

    /**
     * The plan in force.
     *
     * @return the plan requests use now
     */
    RoutingPlan plan();

    /**
     * Replaces the plan in force; requests that start afterwards use {@code plan}.
     *
     * @param plan the new plan
     * @throws NullPointerException when {@code plan} is null
     */
    void update(RoutingPlan plan);

    /**
     * Replaces the plan in force with {@code change} applied to it, atomically: when another thread replaces the plan
     * in the meantime, {@code change} is applied again to the newer plan, so no concurrent change is lost (use this,
     * not {@code update(f(plan()))}, when several callers, such as an admin console and a guardrail, change one
     * router). {@code change} may run more than once and must have no side effects.
     *
     * @param change makes the new plan from the one in force
     * @return the plan now in force
     * @throws NullPointerException when {@code change} is null or returns null
     * @throws dev.tuneloop.errors.ValidationException when {@code change} throws it; the plan is then unchanged
     */
    default RoutingPlan change(UnaryOperator<RoutingPlan> change) {
        Objects.requireNonNull(change, "change");
        synchronized (this) {
            RoutingPlan next = Objects.requireNonNull(change.apply(plan()), "the changed plan");
            update(next);
            return next;
        }
    }

    /**
     * Exposure delivery counters.
     *
     * @return the counters since the router was built; all zero without a listener
     */
    RouterStats stats();

    /**
     * Turns the kill switch on: from now on every request gets {@code fallbackModel}. Arms and salt are kept, so
     * {@code update(plan().withoutKillSwitch())} restores every user's arm.
     *
     * @param fallbackModel the model every request gets
     * @throws dev.tuneloop.errors.ValidationException when {@code fallbackModel} is null, blank or too long
     */
    default void killSwitch(String fallbackModel) {
        update(plan().withKillSwitch(fallbackModel));
    }

    /** Stops exposure delivery after delivering what is queued (waiting at most a few seconds). Idempotent. */
    @Override
    void close();

    /**
     * A router without exposure listener.
     *
     * @param plan the plan in force at first
     * @return the router
     */
    static AbRouter create(RoutingPlan plan) {
        return builder(plan).build();
    }

    /**
     * A builder starting from {@code plan}.
     *
     * @param plan the plan in force at first
     * @return a new builder
     * @throws NullPointerException when {@code plan} is null
     */
    static Builder builder(RoutingPlan plan) {
        return new Builder(plan);
    }

    /** Settings of an {@link AbRouter}. Not thread-safe; immutable results. */
    final class Builder {
        /** Default share of assignments handed to the exposure listener: {@value} (all of them). */
        public static final double DEFAULT_EXPOSURE_SAMPLE_RATE = 1.0;
        /** Default capacity of the exposure delivery queue: {@value}. */
        public static final int DEFAULT_EXPOSURE_QUEUE_CAPACITY = 8_192;
        /** Default time {@link AbRouter#close()} waits for queued exposures: 5 seconds. */
        public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);

        final RoutingPlan plan;

        @Nullable
        ExposureListener listener;

        double sampleRate = DEFAULT_EXPOSURE_SAMPLE_RATE;
        int queueCapacity = DEFAULT_EXPOSURE_QUEUE_CAPACITY;
        Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
        Clock clock = Clock.systemUTC();

        private Builder(RoutingPlan plan) {
            this.plan = Objects.requireNonNull(plan, "plan");
        }

        /**
         * Receives sampled assignments on a delivery thread; default none.
         *
         * @param exposureListener the listener
         * @return this builder
         */
        public Builder exposureListener(ExposureListener exposureListener) {
            this.listener = Objects.requireNonNull(exposureListener, "exposureListener");
            return this;
        }

        /**
         * Share of assignments handed to the listener; default {@link #DEFAULT_EXPOSURE_SAMPLE_RATE} (all).
         *
         * @param rate the share, in [0, 1]
         * @return this builder
         */
        public Builder exposureSampleRate(double rate) {
            this.sampleRate = rate;
            return this;
        }

        /**
         * Bound of the delivery queue; exposures beyond it are dropped and counted. Default
         * {@link #DEFAULT_EXPOSURE_QUEUE_CAPACITY}.
         *
         * @param capacity the bound, &gt; 0
         * @return this builder
         */
        public Builder exposureQueueCapacity(int capacity) {
            this.queueCapacity = capacity;
            return this;
        }

        /**
         * How long {@link AbRouter#close()} waits for queued exposures; default {@link #DEFAULT_CLOSE_TIMEOUT}.
         *
         * @param timeout the time, &ge; 0
         * @return this builder
         */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = Objects.requireNonNull(timeout, "closeTimeout");
            return this;
        }

        /**
         * The clock that stamps exposures; default system UTC.
         *
         * @param c the clock
         * @return this builder
         */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /**
         * Builds the router; with a listener this starts one daemon delivery thread.
         *
         * @return the router
         * @throws dev.tuneloop.errors.ValidationException listing every invalid setting
         */
        public AbRouter build() {
            Checks.start()
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
