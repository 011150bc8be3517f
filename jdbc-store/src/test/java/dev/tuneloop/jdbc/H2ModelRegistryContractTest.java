package dev.tuneloop.jdbc;

import dev.tuneloop.store.ModelRegistry;
import dev.tuneloop.store.ModelRegistryContract;

/** The shared model-registry contract on H2. */
class H2ModelRegistryContractTest extends ModelRegistryContract {
    @Override
    protected ModelRegistry newRegistry() {
        return JdbcStore.create(TestDatabases.freshH2());
    }
}
