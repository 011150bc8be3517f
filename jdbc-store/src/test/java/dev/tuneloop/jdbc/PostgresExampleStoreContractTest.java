package dev.tuneloop.jdbc;

import dev.tuneloop.store.ExampleStoreContract;
import dev.tuneloop.store.Store;

/** The shared example-store contract on Postgres. */
class PostgresExampleStoreContractTest extends ExampleStoreContract {
    @Override
    protected Store newStore() {
        return JdbcStore.create(TestDatabases.freshPostgresSchema());
    }
}
