package dev.tuneloop.jdbc;

import dev.tuneloop.store.ModelRegistryContract;
import dev.tuneloop.store.Store;

/** The shared model-registry contract on H2. */
class H2ModelRegistryContractTest extends ModelRegistryContract {
    @Override
    protected Store newStore() {
        return JdbcStore.create(TestDatabases.freshH2());
    }
}
