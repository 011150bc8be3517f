package dev.tuneloop.store;

/** The in-memory store on the shared example-store contract. */
class InMemoryExampleStoreTest extends ExampleStoreContract {
    @Override
    protected Store newStore() {
        return Store.inMemory();
    }
}
