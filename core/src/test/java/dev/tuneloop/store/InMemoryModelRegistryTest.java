package dev.tuneloop.store;

/** Runs the shared registry contract on the in-memory registry. */
class InMemoryModelRegistryTest extends ModelRegistryContract {
    @Override
    protected ModelRegistry newRegistry() {
        return ModelRegistry.inMemory();
    }
}
