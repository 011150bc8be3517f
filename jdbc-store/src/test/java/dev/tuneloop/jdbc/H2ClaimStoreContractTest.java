package dev.tuneloop.jdbc;

import dev.tuneloop.store.ClaimStoreContract;
import dev.tuneloop.store.Store;

/** The shared claim-store contract on H2. */
class H2ClaimStoreContractTest extends ClaimStoreContract {
    @Override
    protected Store newStore() {
        return JdbcStore.create(TestDatabases.freshH2());
    }
}
