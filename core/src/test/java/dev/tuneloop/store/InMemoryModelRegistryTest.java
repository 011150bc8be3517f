package dev.tuneloop.store;

/** Runs the shared registry contract on the in-memory store. */
class InMemoryModelRegistryTest extends ModelRegistryContract {
    @Override
    protected Store newStore() {
        return Store.inMemory();
    }
}
