package dev.tuneloop.store;

/** The in-memory store on the shared preference-pair contract. */
class InMemoryPreferencePairStoreTest extends PreferencePairStoreContract {
    @Override
    protected Store newStore() {
        return Store.inMemory();
    }
}
