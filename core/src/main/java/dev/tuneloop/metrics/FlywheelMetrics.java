package dev.tuneloop.metrics;

import dev.tuneloop.curate.ExampleStore;
import dev.tuneloop.internal.Checks;
import dev.tuneloop.record.InteractionStore;
import dev.tuneloop.tune.ModelRegistry;
import dev.tuneloop.tune.ModelVersion;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Measures the seed's "Key Metrics to Track": training examples, curation rate, feedback coverage, eval accuracy of
 * the deployed model and days since the last training, each against its target ({@link FlywheelMetric.Kind}).
 *
 * <p>Interactions are counted in a window of creation time (default: all); the curation rate counts approved examples
 * whose source interaction was created in the same window, so numerator and denominator cover the same traffic.
 * Eval accuracy and the last training time come from a {@link ModelRegistry} ({@link Builder#registry}) or are given
 * directly; without them those metrics are {@link FlywheelMetric.Status#NO_DATA}. Each {@link #measure()} reads the stores afresh. Thread-safe.
 */
public interface FlywheelMetrics {

    /** Measures every metric now. */
    FlywheelReport measure();

    /** A builder over the two stores (often the same object, e.g. {@code InMemoryStore} or the JDBC store). */
    static Builder builder(InteractionStore interactions, ExampleStore examples) {
        return new Builder(interactions, examples);
    }

    /** Settings of {@link FlywheelMetrics}. Not thread-safe. */
    final class Builder {
        /** Default target of approved examples for the first model. */
        public static final int DEFAULT_MIN_TRAINING_EXAMPLES = 100;
        /** Default age, in days, after which a model counts as stale (monthly training). */
        public static final int DEFAULT_MAX_DAYS_SINCE_TRAINING = 31;

        final InteractionStore interactions;
        final ExampleStore examples;
        Clock clock = Clock.systemUTC();
        Instant windowFrom;
        Instant windowUntil;
        Double evalAccuracy;
        Instant lastTrainingAt;

        private Builder(InteractionStore interactions, ExampleStore examples) {
            this.interactions = Objects.requireNonNull(interactions, "interactions");
            this.examples = Objects.requireNonNull(examples, "examples");
        }

        /** The clock for "now" (days since training); default system UTC. */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /** Count interactions created in {@code [from, until)}; null bounds are open. Default: all. */
        public Builder window(Instant from, Instant until) {
            this.windowFrom = from;
            this.windowUntil = until;
            return this;
        }

        /** The deployed model's accuracy on the eval set, in [0, 1]; default unknown. */
        public Builder evalAccuracy(double accuracy) {
            this.evalAccuracy = accuracy;
            return this;
        }

        /** When the last training started; default unknown. */
        public Builder lastTrainingAt(Instant at) {
            this.lastTrainingAt = Objects.requireNonNull(at, "lastTrainingAt");
            return this;
        }

        /**
         * Takes the eval accuracy from the registry's deployed version ({@code candidateAccuracy} of its evaluation)
         * and the last training time from its newest version ({@code createdAt}). Read once, here; values the registry
         * lacks stay unknown.
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

        /** @throws dev.tuneloop.errors.ValidationException listing every invalid setting */
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
