package dev.tuneloop.record;

import dev.tuneloop.RetriableException;
import dev.tuneloop.ValidationException;
import dev.tuneloop.store.CandidateQuery;
import dev.tuneloop.store.InMemoryStore;
import dev.tuneloop.store.InteractionStore;
import dev.tuneloop.store.ScanQuery;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An in-memory store that can be told to fail: the next N appends, every append until healed, or any append holding a
 * "poison" interaction. Counts how often each item was delivered in a successful append.
 */
final class FaultyStore implements InteractionStore {
    final InMemoryStore delegate = InMemoryStore.create();
    final Map<Object, Integer> deliveries = new ConcurrentHashMap<>();
    final AtomicInteger failuresLeft = new AtomicInteger();
    final AtomicInteger calls = new AtomicInteger();
    volatile boolean down;
    volatile Set<InteractionId> poison = Set.of();

    @Override
    public synchronized void append(List<Interaction> interactions, List<FeedbackEvent> events) {
        calls.incrementAndGet();
        if (down || failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new RetriableException("store unavailable");
        }
        for (Interaction i : interactions) {
            if (poison.contains(i.id())) {
                throw new ValidationException("interaction " + i.id() + " is not acceptable");
            }
        }
        delegate.append(interactions, events);
        Map<Object, Integer> local = new HashMap<>();
        interactions.forEach(i -> local.merge(i.id(), 1, Integer::sum));
        events.forEach(e -> local.merge(e.eventId(), 1, Integer::sum));
        local.forEach((k, v) -> deliveries.merge(k, v, Integer::sum));
    }

    @Override
    public Optional<RecordedInteraction> find(InteractionId id) {
        return delegate.find(id);
    }

    @Override
    public List<RecordedInteraction> candidates(CandidateQuery query) {
        return delegate.candidates(query);
    }

    @Override
    public void scan(ScanQuery query, Consumer<RecordedInteraction> sink) {
        delegate.scan(query, sink);
    }

    @Override
    public int eraseUser(String userId) {
        return delegate.eraseUser(userId);
    }

    long eventDeliveries() {
        return deliveries.keySet().stream().filter(k -> k instanceof UUID).count();
    }
}
