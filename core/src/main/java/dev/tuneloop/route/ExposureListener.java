package dev.tuneloop.route;

/**
 * Receives sampled assignments (exposure logging), e.g. to write them to an analytics table.
 *
 * <p>Called on the router's single delivery thread, never on the request thread: the router hands each sampled
 * exposure to a bounded queue and drops (and counts) it when the queue is full, so a slow listener never slows or
 * blocks a request. Exceptions thrown here are logged and counted in {@link RouterStats#exposuresFailed()}.
 */
@FunctionalInterface
public interface ExposureListener {

    /**
     * Handles one exposure.
     *
     * @param exposure the sampled assignment
     */
    void onExposure(Exposure exposure);
}
