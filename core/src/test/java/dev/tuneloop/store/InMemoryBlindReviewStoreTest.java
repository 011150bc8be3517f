package dev.tuneloop.store;

/** The in-memory store on the shared blind-review and suggestion contract. */
class InMemoryBlindReviewStoreTest extends BlindReviewStoreContract {
    @Override
    protected Store newStore() {
        return Store.inMemory();
    }
}
