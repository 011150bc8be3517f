package dev.tuneloop.record;

/**
 * A snapshot of an {@link InteractionRecorder}'s counters. Counts are of items: an interaction or a feedback event.
 *
 * @param enqueued      items accepted by {@code log/rate/edit/followUp}
 * @param persisted     items the store acknowledged
 * @param dropped       items lost: refused because the queue was full or the recorder closed, or still unwritten when
 *                      {@code close()} ran out of time
 * @param rejected      items the store refused as invalid (never retried; each logged with its id)
 * @param failedBatches store calls that failed (each retried)
 * @param retries       retry attempts made
 * @param queueDepth    items waiting now
 */
public record RecorderStats(
        long enqueued, long persisted, long dropped, long rejected, long failedBatches, long retries, int queueDepth) {}
