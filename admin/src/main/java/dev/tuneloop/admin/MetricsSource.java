package dev.tuneloop.admin;

import java.util.List;

/**
 * What {@code GET /admin/metrics} serves: the flywheel's key metrics (the seed's "Key Metrics to Track"). Usually
 * the metrics module. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface MetricsSource {

    /** The metrics as they stand now, in display order; never null. */
    List<Metric> snapshot();
}
