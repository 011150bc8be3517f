package dev.tuneloop.store;

/** The in-memory store on the shared interaction-store contract. */
class InMemoryInteractionStoreTest extends InteractionStoreContract {
    @Override
    protected Store newStore() {
        return Store.inMemory();
    }
}
