package dev.tuneloop.store;

import dev.tuneloop.record.FeedbackEvent;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.RecordedInteraction;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Where interactions and their feedback events are kept (the seed's {@code interaction_logs}).
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
 * Failures are thrown as {@link dev.tuneloop.TuneloopException}s: {@link dev.tuneloop.RetriableException} when the
 * backing store is unavailable, so the recorder retries.
 */
public interface InteractionStore {

    /**
     * Appends interactions and feedback events, all or nothing where the store supports transactions.
     *
     * @param interactions new interactions; ones already stored are skipped
     * @param events       feedback events; ones already stored (same event id) are skipped
     */
    void append(List<Interaction> interactions, List<FeedbackEvent> events);

    /** The interaction with its derived feedback, if stored. */
    Optional<RecordedInteraction> find(InteractionId id);

    /** Curation candidates, in the order {@link CandidateQuery} documents. */
    List<RecordedInteraction> candidates(CandidateQuery query);

    /** Streams matching interactions to {@code sink}, in created-at order then id order, without holding them all. */
    void scan(ScanQuery query, Consumer<RecordedInteraction> sink);

    /**
     * Erases every interaction, feedback event and derived training example of {@code userId}, in one transaction where
     * the store supports them.
     *
     * @return how many interactions were erased
     */
    int eraseUser(String userId);

    /** How many interactions match. */
    default long count(ScanQuery query) {
        AtomicLong n = new AtomicLong();
        scan(query, r -> n.incrementAndGet());
        return n.get();
    }

    /** A new, empty, thread-safe in-memory store (interactions and examples); see {@link InMemoryStore}. */
    static InMemoryStore inMemory() {
        return InMemoryStore.create();
    }
}
