package dev.tuneloop.record;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A snapshot of an {@link InteractionRecorder}'s counters. Counts are of items: an interaction or a feedback event.
 *
 * @param enqueued       items accepted by {@code log/rate/edit/followUp}
 * @param persisted      items the store acknowledged
 * @param dropped        items lost: refused because the queue was full or the recorder closed, or still unwritten
 *                       when {@code close()} ran out of time
 * @param rejected       items refused as invalid and never stored: a logged {@link Interaction.Builder} that broke a
 *                       rule when the worker built it, or an item the store refused as invalid (never retried)
 * @param failedBatches  store calls that failed (each retried)
 * @param retries        retry attempts made
 * @param queueDepth     items waiting now
 * @param rejectedByRule {@code rejected} broken down by rule: the key names the field and the rule without the value
 *                       (e.g. {@code "assistantResponse must not be empty or blank"},
 *                       {@code "assistantResponse must be at most 1048576 UTF-8 bytes"}); an item that broke several
 *                       rules counts under each; sorted by key; never null
 */
public record RecorderStats(
        long enqueued,
        long persisted,
        long dropped,
        long rejected,
        long failedBatches,
        long retries,
        int queueDepth,
        Map<String, Long> rejectedByRule) {

    /**
     * A snapshot; copies the breakdown.
     *
     * @param enqueued       items accepted
     * @param persisted      items the store acknowledged
     * @param dropped        items lost
     * @param rejected       items refused as invalid
     * @param failedBatches  store calls that failed
     * @param retries        retry attempts made
     * @param queueDepth     items waiting now
     * @param rejectedByRule the rejected items by rule; null for none
     */
    public RecorderStats {
        rejectedByRule = rejectedByRule == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(rejectedByRule));
    }

    /**
     * A snapshot without a breakdown of the rejected items.
     *
     * @param enqueued      items accepted
     * @param persisted     items the store acknowledged
     * @param dropped       items lost
     * @param rejected      items refused as invalid
     * @param failedBatches store calls that failed
     * @param retries       retry attempts made
     * @param queueDepth    items waiting now
     */
    public RecorderStats(
            long enqueued,
            long persisted,
            long dropped,
            long rejected,
            long failedBatches,
            long retries,
            int queueDepth) {
        this(enqueued, persisted, dropped, rejected, failedBatches, retries, queueDepth, Map.of());
    }
}
