package dev.tuneloop.jdbc;

import dev.tuneloop.store.BlindReviewStoreContract;
import dev.tuneloop.store.Store;

/** The shared blind-review and suggestion contract on Postgres. */
class PostgresBlindReviewStoreContractTest extends BlindReviewStoreContract {
    @Override
    protected Store newStore() {
        return JdbcStore.create(TestDatabases.freshPostgresSchema());
    }
}
