package dev.tuneloop.jdbc;

import dev.tuneloop.store.ReviewTeamContract;
import dev.tuneloop.store.Store;

/** A team of concurrent reviewers on H2. */
class H2ReviewTeamTest extends ReviewTeamContract {
    @Override
    protected Store newStore() {
        return JdbcStore.create(TestDatabases.freshH2());
    }
}
