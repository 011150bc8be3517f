package dev.tuneloop.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The seed's key metrics at one moment.
 *
 * @param measuredAt when they were measured; never null
 * @param metrics    one per {@link FlywheelMetric.Kind}, in its order; copied
 */
public record FlywheelReport(Instant measuredAt, List<FlywheelMetric> metrics) {

    /**
     * Copies the metrics.
     *
     * @param measuredAt when they were measured; never null
     * @param metrics    one per {@link FlywheelMetric.Kind}, in its order; copied
     * @throws NullPointerException when {@code measuredAt}, the list or a metric is null
     */
    public FlywheelReport {
        Objects.requireNonNull(measuredAt, "measuredAt");
        metrics = List.copyOf(metrics);
    }

    /**
     * The metric of a kind.
     *
     * @param kind which metric
     * @return the metric
     * @throws IllegalArgumentException when the report lacks it
     */
    public FlywheelMetric get(FlywheelMetric.Kind kind) {
        for (FlywheelMetric m : metrics) {
            if (m.kind() == kind) {
                return m;
            }
        }
        throw new IllegalArgumentException("the report has no metric " + kind);
    }

    /**
     * Whether every metric with data meets its target.
     *
     * @return true when every metric is MET or NO_DATA
     */
    public boolean allMet() {
        return metrics.stream()
                .allMatch(m -> m.status() == FlywheelMetric.Status.MET || m.status() == FlywheelMetric.Status.NO_DATA);
    }
}
