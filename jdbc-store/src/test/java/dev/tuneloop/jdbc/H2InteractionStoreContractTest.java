package dev.tuneloop.jdbc;

import dev.tuneloop.store.InteractionStoreContract;

/** The shared interaction-store contract on H2. */
class H2InteractionStoreContractTest extends InteractionStoreContract {
    @Override
    @SuppressWarnings("unchecked")
    protected JdbcStore newStore() {
        return JdbcStore.create(TestDatabases.freshH2());
    }
}
