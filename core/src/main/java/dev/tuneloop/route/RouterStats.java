package dev.tuneloop.route;

/**
 * Counters of a router's exposure delivery, since it was built. All zero when it has no {@link ExposureListener}. A
 * snapshot: the counters are read one after the other, not atomically together.
 *
 * @param exposuresSampled   assignments picked by the sample rate
 * @param exposuresDelivered exposures the listener handled without throwing
 * @param exposuresDropped   exposures dropped because the delivery queue was full (or the router was closed)
 * @param exposuresFailed    exposures whose listener call threw
 * @param queueDepth         exposures waiting for delivery now
 */
public record RouterStats(
        long exposuresSampled, long exposuresDelivered, long exposuresDropped, long exposuresFailed, int queueDepth) {}
