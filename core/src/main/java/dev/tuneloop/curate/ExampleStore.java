package dev.tuneloop.curate;

import dev.tuneloop.errors.ConflictException;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.record.InteractionId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
     * Stores several new examples (version 1 each) with their first revisions, all or none: an importer relies on this
     * so that a file is never half-imported. {@code revisions.get(i)} belongs to {@code examples.get(i)}.
     *
     * <p>The built-in stores (in memory, JDBC) do this atomically, under one lock or in one transaction. This default
     * inserts one example at a time and is <em>not</em> atomic: an implementation that can do better overrides it.
     *
     * @param examples the new examples, each at version 1, with distinct ids and source interactions
     * @param revisions their first revisions, in the same order
     * @throws dev.tuneloop.errors.ValidationException when the lists differ in size or an example's version is not 1
     * @throws dev.tuneloop.errors.ConflictException when an example's id or source interaction is already stored or
     *     appears twice; nothing is changed (by the built-in stores)
     */
    default void insertAll(List<TrainingExample> examples, List<ExampleRevision> revisions) {
        checkBatch(examples, revisions);
        for (int i = 0; i < examples.size(); i++) {
            insert(examples.get(i), revisions.get(i));
        }
    }

    /**
     * Checks a batch for {@link #insertAll}: same sizes, every example at version 1, no id or source interaction twice.
     * For implementations of {@link #insertAll}.
     *
     * @param examples the new examples
     * @param revisions their first revisions
     * @throws dev.tuneloop.errors.ValidationException when the sizes differ or a version is not 1
     * @throws dev.tuneloop.errors.ConflictException when an id or a source interaction appears twice
     */
    static void checkBatch(List<TrainingExample> examples, List<ExampleRevision> revisions) {
        if (examples.size() != revisions.size()) {
            throw new ValidationException("insertAll needs one revision per example, but got " + examples.size()
                    + " examples and " + revisions.size() + " revisions");
        }
        Set<ExampleId> ids = new HashSet<>();
        Set<InteractionId> sources = new HashSet<>();
        for (TrainingExample e : examples) {
            if (e.version() != 1) {
                throw new ValidationException(
                        "a new example's version must be 1, but example " + e.id() + " has " + e.version());
            }
            if (!ids.add(e.id())) {
                throw new ConflictException("example " + e.id() + " appears twice in the batch");
            }
            if (!sources.add(e.sourceInteractionId())) {
                throw new ConflictException("interaction " + e.sourceInteractionId() + " appears twice in the batch");
            }
        }
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
