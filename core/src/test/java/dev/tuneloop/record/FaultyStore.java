package dev.tuneloop.record;

import dev.tuneloop.errors.RetriableException;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.store.Store;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sink in front of an in-memory store that can be told to fail: the next N appends, every append until healed, or
 * any append holding a "poison" interaction. Counts how often each item was delivered in a successful append; what it
 * accepted is read back through {@link #interactions()}.
 */
final class FaultyStore implements InteractionSink {
    final Store delegate = Store.inMemory();
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
        delegate.interactions().append(interactions, events);
        Map<Object, Integer> local = new HashMap<>();
        interactions.forEach(i -> local.merge(i.id(), 1, Integer::sum));
        events.forEach(e -> local.merge(e.eventId(), 1, Integer::sum));
        local.forEach((k, v) -> deliveries.merge(k, v, Integer::sum));
    }

    /** The store behind the sink, to read back what was accepted. */
    InteractionStore interactions() {
        return delegate.interactions();
    }

    long eventDeliveries() {
        return deliveries.keySet().stream().filter(k -> k instanceof UUID).count();
    }
}
