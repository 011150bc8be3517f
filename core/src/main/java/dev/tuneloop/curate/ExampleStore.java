package dev.tuneloop.curate;

import dev.tuneloop.record.InteractionId;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where reviewed examples are kept (the seed's {@code training_examples}), with their history.
 *
 * <p>Contract, checked for every implementation by the shared contract suite: an interaction has at most one
 * example, even when two reviewers insert at the same moment (the second gets a
 * {@link dev.tuneloop.errors.ConflictException}); updates are optimistic on {@link TrainingExample#version()}; every insert
 * and update appends a {@link ExampleRevision}. Thread-safe.
 */
public interface ExampleStore {

    /**
     * Stores a newly reviewed example (version 1) and its first revision.
     *
     * @throws dev.tuneloop.errors.ConflictException when the source interaction already has an example; nothing is changed
     */
    void insert(TrainingExample example, ExampleRevision revision);

    /**
     * Replaces a stored example with {@code example}, whose version must be the stored version + 1, and appends
     * {@code revision}.
     *
     * @throws dev.tuneloop.errors.NotFoundException when the example does not exist
     * @throws dev.tuneloop.errors.ConflictException when the stored version is not {@code example.version() - 1}
     */
    void update(TrainingExample example, ExampleRevision revision);

    /** The example with this id, if stored. */
    Optional<TrainingExample> find(ExampleId id);

    /** The example made from this interaction, if any. */
    Optional<TrainingExample> findBySource(InteractionId sourceInteractionId);

    /** Streams matching examples to {@code sink} in example-id order, without holding them all. */
    void scan(ExampleQuery query, Consumer<TrainingExample> sink);

    /** The example's revisions, oldest first; empty when it does not exist. */
    List<ExampleRevision> history(ExampleId id);
}
