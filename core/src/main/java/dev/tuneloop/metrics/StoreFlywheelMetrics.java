package dev.tuneloop.metrics;

import dev.tuneloop.curate.ExampleQuery;
import dev.tuneloop.curate.ExampleStore;
import dev.tuneloop.record.InteractionStore;
import dev.tuneloop.record.ScanQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The {@link FlywheelMetrics}: one scan of the window's interactions and one of the approved examples. */
final class StoreFlywheelMetrics implements FlywheelMetrics {
    private final InteractionStore interactions;
    private final ExampleStore examples;
    private final Clock clock;
    /** The window's bounds; null for an open bound. */
    private final @Nullable Instant from;

    private final @Nullable Instant until;
    /** Null when unknown: the metric is NO_DATA. */
    private final @Nullable Double evalAccuracy;
    /** Null when unknown: the metric is NO_DATA. */
    private final @Nullable Instant lastTrainingAt;

    StoreFlywheelMetrics(FlywheelMetrics.Builder b) {
        this.interactions = b.interactions;
        this.examples = b.examples;
        this.clock = b.clock;
        this.from = b.windowFrom;
        this.until = b.windowUntil;
        this.evalAccuracy = b.evalAccuracy;
        this.lastTrainingAt = b.lastTrainingAt;
    }

    @Override
    public FlywheelReport measure() {
        Instant now = clock.instant();
        long[] window = new long[2]; // interactions, with feedback
        interactions.scan(new ScanQuery(from, until, null, null), r -> {
            window[0]++;
            window[1] += r.feedback().hasFeedback() ? 1 : 0;
        });
        long[] approved = new long[2]; // all, from the window's interactions
        examples.scan(ExampleQuery.approved(), e -> {
            approved[0]++;
            Instant at = e.interactionCreatedAt();
            if ((from == null || !at.isBefore(from)) && (until == null || at.isBefore(until))) {
                approved[1]++;
            }
        });

        FlywheelMetric trainingExamples = new FlywheelMetric(
                FlywheelMetric.Kind.TRAINING_EXAMPLES,
                approved[0],
                approved[0] >= FlywheelMetrics.Builder.DEFAULT_MIN_TRAINING_EXAMPLES
                        ? FlywheelMetric.Status.MET
                        : FlywheelMetric.Status.BELOW_TARGET);
        FlywheelMetric curation = window[0] == 0
                ? new FlywheelMetric(FlywheelMetric.Kind.CURATION_RATE, Double.NaN, FlywheelMetric.Status.NO_DATA)
                : range(FlywheelMetric.Kind.CURATION_RATE, (double) approved[1] / window[0], 0.10, 0.20);
        FlywheelMetric coverage = window[0] == 0
                ? new FlywheelMetric(FlywheelMetric.Kind.FEEDBACK_COVERAGE, Double.NaN, FlywheelMetric.Status.NO_DATA)
                : above(FlywheelMetric.Kind.FEEDBACK_COVERAGE, (double) window[1] / window[0], 0.30);
        FlywheelMetric accuracy = evalAccuracy == null
                ? new FlywheelMetric(FlywheelMetric.Kind.EVAL_ACCURACY, Double.NaN, FlywheelMetric.Status.NO_DATA)
                : above(FlywheelMetric.Kind.EVAL_ACCURACY, evalAccuracy, 0.85);
        FlywheelMetric age;
        if (lastTrainingAt == null) {
            age = new FlywheelMetric(
                    FlywheelMetric.Kind.DAYS_SINCE_TRAINING, Double.NaN, FlywheelMetric.Status.NO_DATA);
        } else {
            double days = Duration.between(lastTrainingAt, now).toSeconds() / 86_400.0;
            age = new FlywheelMetric(
                    FlywheelMetric.Kind.DAYS_SINCE_TRAINING,
                    days,
                    days <= FlywheelMetrics.Builder.DEFAULT_MAX_DAYS_SINCE_TRAINING
                            ? FlywheelMetric.Status.MET
                            : FlywheelMetric.Status.ABOVE_TARGET);
        }
        return new FlywheelReport(now, List.of(trainingExamples, curation, coverage, accuracy, age));
    }

    private static FlywheelMetric range(FlywheelMetric.Kind kind, double v, double low, double high) {
        FlywheelMetric.Status s = v < low
                ? FlywheelMetric.Status.BELOW_TARGET
                : v > high ? FlywheelMetric.Status.ABOVE_TARGET : FlywheelMetric.Status.MET;
        return new FlywheelMetric(kind, v, s);
    }

    /** MET when strictly above {@code threshold} (the seed's targets read "&gt;30%", "&gt;85%"). */
    private static FlywheelMetric above(FlywheelMetric.Kind kind, double v, double threshold) {
        return new FlywheelMetric(
                kind, v, v > threshold ? FlywheelMetric.Status.MET : FlywheelMetric.Status.BELOW_TARGET);
    }
}
