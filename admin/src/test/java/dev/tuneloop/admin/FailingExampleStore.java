package dev.tuneloop.admin;

import dev.tuneloop.curate.ExampleId;
import dev.tuneloop.curate.ExampleQuery;
import dev.tuneloop.curate.ExampleRevision;
import dev.tuneloop.curate.ExampleStore;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.record.InteractionId;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** An example store whose reads fail with the given exception (a store that is down, or in a bad state). */
final class FailingExampleStore implements ExampleStore {
    private final Supplier<RuntimeException> failure;

    FailingExampleStore(Supplier<RuntimeException> failure) {
        this.failure = failure;
    }

    @Override
    public void save(TrainingExample example, ExampleRevision revision) {
        throw failure.get();
    }

    @Override
    public Optional<TrainingExample> find(ExampleId id) {
        throw failure.get();
    }

    @Override
    public Optional<TrainingExample> findBySource(InteractionId sourceInteractionId) {
        throw failure.get();
    }

    @Override
    public void scan(ExampleQuery query, Consumer<TrainingExample> sink) {
        throw failure.get();
    }

    @Override
    public List<ExampleRevision> history(ExampleId id) {
        throw failure.get();
    }
}
