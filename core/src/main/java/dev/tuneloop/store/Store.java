package dev.tuneloop.store;

import dev.tuneloop.curate.BlindReviewStore;
import dev.tuneloop.curate.ClaimStore;
import dev.tuneloop.curate.ExampleStore;
import dev.tuneloop.curate.PreferencePairStore;
import dev.tuneloop.curate.SuggestionStore;
import dev.tuneloop.record.InteractionStore;
import dev.tuneloop.tune.JobStore;
import dev.tuneloop.tune.ModelRegistry;

/**
 * Everything Tuneloop keeps, as one object: interactions and their feedback, reviewed examples, fine-tuning jobs and
 * model versions. The parts are separate interfaces because different steps of the loop need different parts (the
 * recorder only the {@link dev.tuneloop.record.InteractionSink} side of {@link #interactions()}); the aggregate exists
 * because the parts are not independent: the candidate query excludes interactions that already have an example,
 * and erasing a user touches all of them at once.
 *
 * <pre>{@code
 * Store store = Store.inMemory();                 // tests and single-process hosts
 * Store store = JdbcStore.create(dataSource);     // PostgreSQL or H2 (module tuneloop-jdbc-store)
 * Tuneloop tuneloop = Tuneloop.builder().store(store).build();
 * }</pre>
 *
 * <p>Every implementation passes the shared contract suites in core's test-jar ({@code InteractionStoreContract},
 * which also covers {@link #eraseUser}, {@code ExampleStoreContract} and {@code ModelRegistryContract}, which also
 * covers {@link #jobs()}). Implementations are thread-safe, and each accessor returns the same object on every call.
 */
public interface Store {

    /**
     * A new, empty store kept in memory: real and thread-safe, passing the same contract suites as the JDBC store, so
     * host applications use it in their tests in place of a database.
     *
     * @return a new store
     */
    static Store inMemory() {
        return InMemoryStore.create();
    }

    /**
     * Interactions and their feedback events (the seed's {@code interaction_logs}).
     *
     * @return the interaction store of this aggregate
     */
    InteractionStore interactions();

    /**
     * Reviewed examples and their revision history (the seed's {@code training_examples}).
     *
     * @return the example store of this aggregate
     */
    ExampleStore examples();

    /**
     * The last known state of every fine-tuning job.
     *
     * @return the job store of this aggregate
     */
    JobStore jobs();

    /**
     * Model versions with their lineage, evaluation and deployment (the seed's version table).
     *
     * @return the model registry of this aggregate
     */
    ModelRegistry registry();

    /**
     * Reviewers' leases on candidates, so that a team never reviews the same candidate twice (the
     * {@code review_claims} table of the JDBC store). Claims hold interaction ids and reviewer names only; a claim on
     * an interaction that was erased or reviewed holds nothing.
     *
     * @return the claim store of this aggregate
     */
    ClaimStore claims();

    /**
     * The decisions of the blind double review and the settlements of disagreements (the {@code blind_reviews} and
     * {@code blind_review_settlements} tables of the JDBC store).
     *
     * @return the blind-review store of this aggregate
     * @throws UnsupportedOperationException when this store keeps no blind reviews (the default, for stores written
     *     before blind double review existed; both stores of the project override it)
     */
    default BlindReviewStore blindReviews() {
        throw new UnsupportedOperationException(getClass().getName() + " keeps no blind reviews");
    }

    /**
     * Pre-review suggestions stored beside the candidates (the {@code review_suggestions} table of the JDBC store).
     *
     * @return the suggestion store of this aggregate
     * @throws UnsupportedOperationException when this store keeps no suggestions (the default, for stores written
     *     before pre-review existed; both stores of the project override it)
     */
    default SuggestionStore suggestions() {
        throw new UnsupportedOperationException(getClass().getName() + " keeps no pre-review suggestions");
    }

    /**
     * The preference pairs reviewers marked by hand (the {@code preference_pairs} table of the JDBC store), made with
     * {@link dev.tuneloop.curate.PairMarker}.
     *
     * @return the preference-pair store of this aggregate
     * @throws UnsupportedOperationException when this store keeps no marked pairs (the default, for stores written
     *     before marked pairs existed; both stores of the project override it)
     */
    default PreferencePairStore preferencePairs() {
        throw new UnsupportedOperationException(getClass().getName() + " keeps no marked preference pairs");
    }

    /**
     * Erases every stored text of {@code userId}: interactions, feedback events, reviewed examples and their
     * revisions, the marked preference pairs that copy the user's prompt or answer, and the user's held-out cases in the evaluation reports of model versions (redacted as
     * {@link dev.tuneloop.eval.EvaluationErasure} says; each such report is marked amended), in one transaction where
     * the store supports them. Model versions keep the ids of the user's examples in their lineage (ids are not
     * personal data).
     *
     * <p>The store holds only its own rows: training files written for launches and the copies uploaded to the
     * provider are erased by {@link Erasure}, which calls this method first.
     *
     * @param userId the host's user id, exactly as recorded
     * @return what was erased, counted per kind, with the ids of the erased examples; no files
     * @throws dev.tuneloop.errors.ValidationException when {@code userId} is blank
     */
    ErasureReport eraseUser(String userId);
}
