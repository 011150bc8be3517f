package dev.tuneloop.curate;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Where the preference pairs reviewers mark are kept (the {@code preference_pairs} table of the JDBC store), reached
 * through {@code store.preferencePairs()}. Pairs are made by {@link PairMarker}, which checks the prompt and the
 * answers; the store checks only what it alone can see at write time: the example and the rejected interaction exist,
 * and a rejected interaction is paired with an example at most once. Erasing a user removes every pair that copies
 * the user's text (as the example's user or as the rejected interaction's).
 *
 * <p>Contract, checked for every implementation by {@code PreferencePairStoreContract} in core's test-jar: what is
 * added is found again exactly (times truncated to the microsecond); pairs are listed oldest first (mark time, then
 * id). Thread-safe.
 */
public interface PreferencePairStore {

    /**
     * Stores a new pair.
     *
     * @param pair the pair
     * @throws dev.tuneloop.errors.NotFoundException when the example or the rejected interaction does not exist (never
     *     made, or its user was erased)
     * @throws dev.tuneloop.errors.ConflictException when a pair with this id, or of this example with this rejected
     *     interaction, already exists
     */
    void add(PreferencePair pair);

    /**
     * The pair with this id.
     *
     * @param id the pair's id
     * @return the pair; empty when none (never added, removed, or erased)
     */
    Optional<PreferencePair> find(UUID id);

    /**
     * The pairs marked on one example, oldest first.
     *
     * @param exampleId the example
     * @return its pairs; empty when none
     */
    List<PreferencePair> forExample(ExampleId exampleId);

    /**
     * Removes a pair (a reviewer taking a mark back).
     *
     * @param id the pair's id
     * @return true when it was removed, false when there was no such pair
     */
    boolean remove(UUID id);

    /**
     * Streams every pair to {@code sink}, oldest first.
     *
     * @param sink called once per pair, outside any lock
     */
    void scan(Consumer<PreferencePair> sink);
}
