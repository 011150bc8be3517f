package dev.tuneloop.jdbc;

import dev.tuneloop.store.ExampleStoreContract;

/** The shared example-store contract on H2. */
class H2ExampleStoreContractTest extends ExampleStoreContract {
    @Override
    @SuppressWarnings("unchecked")
    protected JdbcStore newStore() {
        return JdbcStore.create(TestDatabases.freshH2());
    }
}
