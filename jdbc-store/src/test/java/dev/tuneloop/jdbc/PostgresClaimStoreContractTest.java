package dev.tuneloop.jdbc;

import dev.tuneloop.store.ClaimStoreContract;
import dev.tuneloop.store.Store;

/** The shared claim-store contract on Postgres. */
class PostgresClaimStoreContractTest extends ClaimStoreContract {
    @Override
    protected Store newStore() {
        return JdbcStore.create(TestDatabases.freshPostgresSchema());
    }
}
