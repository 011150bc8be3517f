package dev.tuneloop.jdbc;

import dev.tuneloop.store.ExampleStoreContract;

/** The shared example-store contract on Postgres. */
class PostgresExampleStoreContractTest extends ExampleStoreContract {
    @Override
    @SuppressWarnings("unchecked")
    protected JdbcStore newStore() {
        return JdbcStore.create(TestDatabases.freshPostgresSchema());
    }
}
