package dev.tuneloop.store;

/** The in-memory store on the shared interaction-store contract. */
class InMemoryInteractionStoreTest extends InteractionStoreContract {
    @Override
    @SuppressWarnings("unchecked")
    protected InMemoryStore newStore() {
        return InMemoryStore.create();
    }
}
