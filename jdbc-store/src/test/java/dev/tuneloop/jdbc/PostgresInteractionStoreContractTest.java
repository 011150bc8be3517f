package dev.tuneloop.jdbc;

import dev.tuneloop.store.InteractionStoreContract;
import dev.tuneloop.store.Store;

/** The shared interaction-store contract on Postgres. */
class PostgresInteractionStoreContractTest extends InteractionStoreContract {
    @Override
    protected Store newStore() {
        return JdbcStore.create(TestDatabases.freshPostgresSchema());
    }
}
