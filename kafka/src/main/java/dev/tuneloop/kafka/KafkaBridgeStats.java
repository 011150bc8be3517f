package dev.tuneloop.kafka;

import java.time.Duration;
import java.time.Instant;

/**
 * A snapshot of a {@link KafkaBridge}'s counters, for the host to poll (a metrics binder reads the same record).
 * Counts are of Kafka records unless named otherwise; replayed records count again, so after a crash
 * {@code interactionsAppended} may exceed the interactions stored (the store skips what it already has).
 *
 * @param at when the snapshot was taken (the bridge's clock)
 * @param running whether the bridge's thread is consuming
 * @param recordsConsumed data records polled (interactions and feedback events, good or not)
 * @param interactionsAppended interactions handed to the store in committed batches
 * @param eventsAppended feedback events handed to the store in committed batches
 * @param deadLettered records sent to the dead-letter topic (undecodable, unknown schema version, or refused by the
 *     store as invalid)
 * @param erasuresApplied user erasures applied to the store (again after each restart, within the window)
 * @param erasedDropped data records not stored because their user was erased within the window
 * @param batchesCommitted batches whose offsets were committed after the store committed them
 * @param storeFailures store calls that failed and were retried (the store was down or refused for a retriable
 *     reason)
 * @param commitFailures offset commits that failed (their records are delivered again; the store skips them)
 * @param lag data records on the assigned partitions not yet in the store: the end offsets minus the consumer's
 *     positions, plus the batch in hand; {@code -1} until first measured
 * @param lagMeasuredAt when {@code lag} was measured; {@link Instant#EPOCH} until then
 */
public record KafkaBridgeStats(
        Instant at,
        boolean running,
        long recordsConsumed,
        long interactionsAppended,
        long eventsAppended,
        long deadLettered,
        long erasuresApplied,
        long erasedDropped,
        long batchesCommitted,
        long storeFailures,
        long commitFailures,
        long lag,
        Instant lagMeasuredAt) {

    /**
     * Throughput between two snapshots: items handed to the store per second.
     *
     * @param earlier an earlier snapshot of the same bridge
     * @return (interactions + events appended) per second of {@code at - earlier.at}; 0 when no time passed
     */
    public double appendedPerSecondSince(KafkaBridgeStats earlier) {
        long nanos = Duration.between(earlier.at, at).toNanos();
        if (nanos <= 0) {
            return 0;
        }
        long items = interactionsAppended + eventsAppended - earlier.interactionsAppended - earlier.eventsAppended;
        return items * 1e9 / nanos;
    }
}
