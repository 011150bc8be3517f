package dev.tuneloop.kafka;

import dev.tuneloop.curate.ClaimStore;
import dev.tuneloop.curate.ExampleStore;
import dev.tuneloop.errors.RetriableException;
import dev.tuneloop.record.CandidateQuery;
import dev.tuneloop.record.FeedbackEvent;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.InteractionStore;
import dev.tuneloop.record.RecordedInteraction;
import dev.tuneloop.record.ScanQuery;
import dev.tuneloop.store.ErasureReport;
import dev.tuneloop.store.Store;
import dev.tuneloop.tune.JobStore;
import dev.tuneloop.tune.ModelRegistry;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A real store with switchable faults, for the bridge's tests: "down" (every call fails as an unavailable database
 * does, with a {@link RetriableException}) and "crash after the Nth append" (the append commits, then the calling
 * thread dies with a {@link SimulatedCrash} before it can commit offsets, as a killed process would).
 */
final class FaultyStore implements Store {
    /** The bridge's thread dying after the store committed. Not an exception the bridge may catch. */
    static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;

        SimulatedCrash() {
            super("simulated crash after the store committed");
        }
    }

    private final Store delegate;
    private final Interactions interactions = new Interactions();
    volatile boolean down;
    final AtomicInteger crashAfterAppends = new AtomicInteger(-1);
    final AtomicLong appends = new AtomicLong();
    final AtomicLong failures = new AtomicLong();

    FaultyStore(Store delegate) {
        this.delegate = delegate;
    }

    private void check() {
        if (down) {
            failures.incrementAndGet();
            throw new RetriableException("store is down (simulated)");
        }
    }

    @Override
    public InteractionStore interactions() {
        return interactions;
    }

    @Override
    public ExampleStore examples() {
        return delegate.examples();
    }

    @Override
    public JobStore jobs() {
        return delegate.jobs();
    }

    @Override
    public ModelRegistry registry() {
        return delegate.registry();
    }

    @Override
    public ClaimStore claims() {
        return delegate.claims();
    }

    @Override
    public ErasureReport eraseUser(String userId) {
        check();
        return delegate.eraseUser(userId);
    }

    @Override
    public String toString() {
        return "FaultyStore[" + delegate + "]";
    }

    private final class Interactions implements InteractionStore {
        @Override
        public void append(List<Interaction> is, List<FeedbackEvent> es) {
            check();
            delegate.interactions().append(is, es);
            appends.incrementAndGet();
            if (crashAfterAppends.get() > 0 && crashAfterAppends.decrementAndGet() == 0) {
                throw new SimulatedCrash();
            }
        }

        @Override
        public Optional<RecordedInteraction> find(InteractionId id) {
            return delegate.interactions().find(id);
        }

        @Override
        public List<RecordedInteraction> candidates(CandidateQuery query) {
            return delegate.interactions().candidates(query);
        }

        @Override
        public void scan(ScanQuery query, Consumer<RecordedInteraction> sink) {
            check();
            delegate.interactions().scan(query, sink);
        }
    }
}
