package dev.tuneloop.metrics;

import dev.tuneloop.curate.ExampleStore;
import dev.tuneloop.errors.Checks;
import dev.tuneloop.record.InteractionStore;
import dev.tuneloop.tune.ModelRegistry;
import dev.tuneloop.tune.ModelVersion;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Measures the seed's "Key Metrics to Track": training examples, curation rate, feedback coverage, eval accuracy of
 * the deployed model and days since the last training, each against its target ({@link FlywheelMetric.Kind}).
 *
 * <p>Interactions are counted in a window of creation time (default: all); the curation rate counts approved examples
 * whose source interaction was created in the same window, so numerator and denominator cover the same traffic.
 * Eval accuracy and the last training time come from a {@link ModelRegistry} ({@link Builder#registry}) or are given
 * directly; without them those metrics are {@link FlywheelMetric.Status#NO_DATA}. Each {@link #measure()} reads the
 * stores afresh. Thread-safe.
 */
public interface FlywheelMetrics {

    /**
     * Measures every metric now.
     *
     * @return one metric per {@link FlywheelMetric.Kind}, in its order
     */
    FlywheelReport measure();

    /**
     * A builder over the two stores (often parts of one {@code dev.tuneloop.store.Store}).
     *
     * @param interactions the recorded interactions
     * @param examples     the curated examples
     * @return a new builder
     * @throws NullPointerException when a store is null
     */
    static Builder builder(InteractionStore interactions, ExampleStore examples) {
        return new Builder(interactions, examples);
    }

    /** Settings of {@link FlywheelMetrics}. Not thread-safe. */
    final class Builder {
        /** Default target of approved examples for the first model: {@value}. */
        public static final int DEFAULT_MIN_TRAINING_EXAMPLES = 100;
        /** Default age, in days, after which a model counts as stale (monthly training): {@value}. */
        public static final int DEFAULT_MAX_DAYS_SINCE_TRAINING = 31;

        final InteractionStore interactions;
        final ExampleStore examples;
        Clock clock = Clock.systemUTC();

        @Nullable
        Instant windowFrom;

        @Nullable
        Instant windowUntil;

        @Nullable
        Double evalAccuracy;

        @Nullable
        Instant lastTrainingAt;

        private Builder(InteractionStore interactions, ExampleStore examples) {
            this.interactions = Objects.requireNonNull(interactions, "interactions");
            this.examples = Objects.requireNonNull(examples, "examples");
        }

        /**
         * The clock for "now" (days since training); default system UTC.
         *
         * @param c the clock
         * @return this builder
         */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /**
         * Count interactions created in {@code [from, until)}. Default: all.
         *
         * @param from  the first instant counted; null for no lower bound
         * @param until the first instant not counted; null for no upper bound
         * @return this builder
         */
        public Builder window(@Nullable Instant from, @Nullable Instant until) {
            this.windowFrom = from;
            this.windowUntil = until;
            return this;
        }

        /**
         * The deployed model's accuracy on the eval set; default unknown.
         *
         * @param accuracy the accuracy, in [0, 1]
         * @return this builder
         */
        public Builder evalAccuracy(double accuracy) {
            this.evalAccuracy = accuracy;
            return this;
        }

        /**
         * When the last training started; default unknown.
         *
         * @param at the start of the last training
         * @return this builder
         */
        public Builder lastTrainingAt(Instant at) {
            this.lastTrainingAt = Objects.requireNonNull(at, "lastTrainingAt");
            return this;
        }

        /**
         * Takes the eval accuracy from the registry's deployed version ({@code candidateAccuracy} of its evaluation)
         * and the last training time from its newest version ({@code createdAt}). Read once, here; values the registry
         * lacks stay unknown (or as set before).
         *
         * @param registry the model registry
         * @return this builder
         */
        public Builder registry(ModelRegistry registry) {
            Objects.requireNonNull(registry, "registry");
            registry.deployed().flatMap(ModelVersion::evaluated).ifPresent(e -> evalAccuracy = e.candidateAccuracy());
            List<ModelVersion> versions = registry.versions();
            if (!versions.isEmpty()) {
                lastTrainingAt = versions.get(versions.size() - 1).createdAt();
            }
            return this;
        }

        /**
         * Builds the metrics.
         *
         * @return the metrics
         * @throws dev.tuneloop.errors.ValidationException listing every invalid setting
         */
        public FlywheelMetrics build() {
            Checks.start()
                    .require(
                            evalAccuracy == null || (evalAccuracy >= 0 && evalAccuracy <= 1),
                            "evalAccuracy must be in [0, 1], but was " + evalAccuracy)
                    .require(
                            windowFrom == null || windowUntil == null || windowUntil.isAfter(windowFrom),
                            "window until must be after from, but was " + windowUntil + " <= " + windowFrom)
                    .orThrow();
            return new StoreFlywheelMetrics(this);
        }
    }
}
