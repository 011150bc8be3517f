package dev.tuneloop.jdbc;

import dev.tuneloop.store.PreferencePairStoreContract;
import dev.tuneloop.store.Store;

/** The shared preference-pair contract on H2. */
class H2PreferencePairStoreContractTest extends PreferencePairStoreContract {
    @Override
    protected Store newStore() {
        return JdbcStore.create(TestDatabases.freshH2());
    }
}
