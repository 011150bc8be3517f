package dev.tuneloop.jdbc;

import dev.tuneloop.store.InteractionStoreContract;
import dev.tuneloop.store.Store;

/** The shared interaction-store contract on H2. */
class H2InteractionStoreContractTest extends InteractionStoreContract {
    @Override
    protected Store newStore() {
        return JdbcStore.create(TestDatabases.freshH2());
    }
}
