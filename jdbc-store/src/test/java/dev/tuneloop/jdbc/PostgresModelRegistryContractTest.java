package dev.tuneloop.jdbc;

import dev.tuneloop.store.ModelRegistryContract;
import dev.tuneloop.store.Store;

/** The shared model-registry contract on Postgres. */
class PostgresModelRegistryContractTest extends ModelRegistryContract {
    @Override
    protected Store newStore() {
        return JdbcStore.create(TestDatabases.freshPostgresSchema());
    }
}
