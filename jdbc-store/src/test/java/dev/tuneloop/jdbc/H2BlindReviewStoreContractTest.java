package dev.tuneloop.jdbc;

import dev.tuneloop.store.BlindReviewStoreContract;
import dev.tuneloop.store.Store;

/** The shared blind-review and suggestion contract on H2. */
class H2BlindReviewStoreContractTest extends BlindReviewStoreContract {
    @Override
    protected Store newStore() {
        return JdbcStore.create(TestDatabases.freshH2());
    }
}
