package dev.tuneloop.jdbc;

import dev.tuneloop.store.PreferencePairStoreContract;
import dev.tuneloop.store.Store;

/** The shared preference-pair contract on Postgres. */
class PostgresPreferencePairStoreContractTest extends PreferencePairStoreContract {
    @Override
    protected Store newStore() {
        return JdbcStore.create(TestDatabases.freshPostgresSchema());
    }
}
