package dev.tuneloop.jdbc;

import dev.tuneloop.store.ExampleStoreContract;
import dev.tuneloop.store.Store;

/** The shared example-store contract on H2. */
class H2ExampleStoreContractTest extends ExampleStoreContract {
    @Override
    protected Store newStore() {
        return JdbcStore.create(TestDatabases.freshH2());
    }
}
