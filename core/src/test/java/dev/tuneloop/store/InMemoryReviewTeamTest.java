package dev.tuneloop.store;

/** The in-memory store under a team of concurrent reviewers. */
class InMemoryReviewTeamTest extends ReviewTeamContract {
    @Override
    protected Store newStore() {
        return Store.inMemory();
    }
}
