package dev.tuneloop.record;

import java.util.List;

/**
 * The write side of interaction storage: where the recorder hands interactions and feedback events. It is all an
 * {@link InteractionRecorder} needs, so a sink need not be a database: the JDBC and in-memory stores are sinks, and so
 * is a message log that a consumer later feeds into a store.
 *
 * <p>Contract, checked for every store by the shared contract suite:
 * <ul>
 *   <li>{@link #append} is idempotent on interaction id and event id: re-delivering a batch never duplicates, and a
 *       re-delivered interaction never replaces the stored one.
 *   <li>Feedback events may arrive before their interaction.
 *   <li>Implementations are thread-safe.
 * </ul>
 *
 * <p>Failures are thrown as {@link dev.tuneloop.errors.TuneloopException}s: a
 * {@link dev.tuneloop.errors.RetriableException} when the destination is unavailable (the recorder retries the batch),
 * a {@link dev.tuneloop.errors.ValidationException} when an item is unacceptable (the recorder splits the batch to
 * find it and counts it as rejected).
 */
@FunctionalInterface
public interface InteractionSink {

    /**
     * Appends interactions and feedback events, all or nothing where the destination supports transactions.
     *
     * @param interactions new interactions; ones already appended (same id) are skipped
     * @param events feedback events; ones already appended (same event id) are skipped
     */
    void append(List<Interaction> interactions, List<FeedbackEvent> events);
}
