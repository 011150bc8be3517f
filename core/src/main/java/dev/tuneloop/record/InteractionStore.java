package dev.tuneloop.record;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Where interactions and their feedback events are kept (the seed's {@code interaction_logs}): the
 * {@link InteractionSink} the recorder writes to, and the reads curation and metrics need. A store is one part of a
 * {@code dev.tuneloop.store.Store}, which also holds the reviewed examples; "already reviewed" in
 * {@link CandidateQuery#excludeReviewed()} refers to that store's examples.
 *
 * <p>Contract, checked for every implementation by the shared contract suite:
 * <ul>
 *   <li>{@link #append} is idempotent on interaction id and event id: re-delivering a batch never duplicates, and a
 *       re-delivered interaction never replaces the stored one.</li>
 *   <li>Feedback events may arrive before their interaction; they are kept and apply once it arrives.</li>
 *   <li>Feedback state is derived from events ({@link dev.tuneloop.record.FeedbackState#derive}).</li>
 *   <li>Texts round-trip exactly; timestamps to the microsecond.</li>
 *   <li>Implementations are thread-safe.</li>
 * </ul>
 * Failures are thrown as {@link dev.tuneloop.errors.TuneloopException}s: {@link dev.tuneloop.errors.RetriableException} when the
 * backing store is unavailable, so the recorder retries.
 */
public interface InteractionStore extends InteractionSink {

    /**
     * The interaction with its derived feedback, if stored.
     *
     * @param id the interaction's id
     * @return the interaction and its feedback state, or empty when it is not stored
     */
    Optional<RecordedInteraction> find(InteractionId id);

    /**
     * Curation candidates, in the order {@link CandidateQuery} documents.
     *
     * @param query which interactions are candidates
     * @return the candidates, at most {@link CandidateQuery#limit()}
     */
    List<RecordedInteraction> candidates(CandidateQuery query);

    /**
     * Streams matching interactions to {@code sink}, in created-at order then id order, without holding them all.
     *
     * @param query which interactions
     * @param sink called once per interaction, on the caller's thread
     */
    void scan(ScanQuery query, Consumer<RecordedInteraction> sink);

    /**
     * How many interactions match. The default scans them; stores override it with a count query.
     *
     * @param query which interactions
     * @return the number of matching interactions
     */
    default long count(ScanQuery query) {
        AtomicLong n = new AtomicLong();
        scan(query, r -> n.incrementAndGet());
        return n.get();
    }
}
