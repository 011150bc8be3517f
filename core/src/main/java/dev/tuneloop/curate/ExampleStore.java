package dev.tuneloop.curate;

import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.record.InteractionId;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where reviewed examples are kept (the seed's {@code training_examples}), with their history.
 *
 * <p>Contract, checked for every implementation by the shared contract suite: an interaction has at most one
 * example, even when two reviewers insert at the same moment (the second gets a
 * {@link dev.tuneloop.errors.ConflictException}); updates are optimistic on {@link TrainingExample#version()}; every
 * insert and update appends a {@link ExampleRevision}. Thread-safe.
 */
public interface ExampleStore {

    /**
     * Stores {@code example} and appends {@code revision}, atomically, optimistic on the version: version 1 is a newly
     * reviewed example (its first revision), a higher version replaces the stored example whose version is one less.
     * This one method is what implementations write; {@link #insert} and {@link #update} say which case the caller
     * means.
     *
     * @param example the example in its new state
     * @param revision the revision describing the change
     * @throws dev.tuneloop.errors.ConflictException for version 1 when the source interaction already has an example;
     *     for a higher version when the stored version is not {@code example.version() - 1} or the source interaction
     *     differs; nothing is changed
     * @throws dev.tuneloop.errors.NotFoundException for a version above 1 when the example does not exist
     */
    void save(TrainingExample example, ExampleRevision revision);

    /**
     * Stores a newly reviewed example (version 1) and its first revision, atomically.
     *
     * @param example the new example, at version 1
     * @param revision its first revision
     * @throws dev.tuneloop.errors.ValidationException when the example's version is not 1
     * @throws dev.tuneloop.errors.ConflictException when the source interaction already has an example; nothing is
     *     changed
     */
    default void insert(TrainingExample example, ExampleRevision revision) {
        if (example.version() != 1) {
            throw new ValidationException(
                    "a new example's version must be 1, but example " + example.id() + " has " + example.version());
        }
        save(example, revision);
    }

    /**
     * Replaces a stored example with {@code example}, whose version must be the stored version + 1, and appends
     * {@code revision}, atomically. The source interaction cannot change.
     *
     * @param example the new state of a stored example, at a version above 1
     * @param revision the revision describing the change
     * @throws dev.tuneloop.errors.ValidationException when the example's version is not above 1
     * @throws dev.tuneloop.errors.NotFoundException when the example does not exist
     * @throws dev.tuneloop.errors.ConflictException when the stored version is not {@code example.version() - 1}, or
     *     the source interaction differs; nothing is changed
     */
    default void update(TrainingExample example, ExampleRevision revision) {
        if (example.version() <= 1) {
            throw new ValidationException("an updated example's version must be above 1, but example " + example.id()
                    + " has " + example.version());
        }
        save(example, revision);
    }

    /**
     * The example with this id.
     *
     * @param id the example's id
     * @return the stored example; empty when there is none
     */
    Optional<TrainingExample> find(ExampleId id);

    /**
     * The example made from an interaction.
     *
     * @param sourceInteractionId the interaction
     * @return its example (approved or rejected); empty when it was not reviewed
     */
    Optional<TrainingExample> findBySource(InteractionId sourceInteractionId);

    /**
     * Streams matching examples to {@code sink} in example-id order, without the caller holding them all.
     *
     * @param query which examples, and at most how many
     * @param sink  receives each example, in order
     */
    void scan(ExampleQuery query, Consumer<TrainingExample> sink);

    /**
     * The example's history.
     *
     * @param id the example's id
     * @return its revisions, oldest first; empty when it does not exist
     */
    List<ExampleRevision> history(ExampleId id);
}
