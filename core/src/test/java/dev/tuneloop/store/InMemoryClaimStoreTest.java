package dev.tuneloop.store;

/** The in-memory store on the shared claim-store contract. */
class InMemoryClaimStoreTest extends ClaimStoreContract {
    @Override
    protected Store newStore() {
        return Store.inMemory();
    }
}
