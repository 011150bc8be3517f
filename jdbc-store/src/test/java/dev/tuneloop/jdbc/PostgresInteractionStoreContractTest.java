package dev.tuneloop.jdbc;

import dev.tuneloop.store.InteractionStoreContract;

/** The shared interaction-store contract on Postgres. */
class PostgresInteractionStoreContractTest extends InteractionStoreContract {
    @Override
    @SuppressWarnings("unchecked")
    protected JdbcStore newStore() {
        return JdbcStore.create(TestDatabases.freshPostgresSchema());
    }
}
