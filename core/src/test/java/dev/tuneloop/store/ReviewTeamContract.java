package dev.tuneloop.store;

import static dev.tuneloop.testsupport.Fixtures.NOW;
import static dev.tuneloop.testsupport.Fixtures.event;
import static dev.tuneloop.testsupport.Fixtures.interaction;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tuneloop.curate.BlindCase;
import dev.tuneloop.curate.BlindDecision;
import dev.tuneloop.curate.Candidate;
import dev.tuneloop.curate.CurationOptions;
import dev.tuneloop.curate.CurationPolicy;
import dev.tuneloop.curate.Curator;
import dev.tuneloop.curate.ExampleQuery;
import dev.tuneloop.curate.Review;
import dev.tuneloop.curate.ReviewQueue;
import dev.tuneloop.errors.ConflictException;
import dev.tuneloop.record.FeedbackEvent;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.Rating;
import dev.tuneloop.testing.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * A team of reviewers on one store, each on its own thread through its own {@link ReviewQueue} (as app instances
 * would be): claiming batches, approving, rejecting, giving work back, one of them walking away so that their claims
 * must expire. Whatever the interleaving: no candidate is handed to two reviewers at once, none is promoted twice,
 * none is lost, and every one is reviewed exactly once. Every store implementation extends this class.
 */
public abstract class ReviewTeamContract {
    private static final Duration LEASE = Duration.ofMinutes(30);

    /** For subclasses: one per store implementation. */
    protected ReviewTeamContract() {}

    /**
     * A fresh, empty store; called once per run.
     *
     * @return the store under test
     */
    protected abstract Store newStore();

    /**
     * The store reviewer {@code index} works on: {@code shared} by default; a subclass may give each reviewer its own
     * store object over the same database, as separate app instances would have.
     *
     * @param shared the run's store
     * @param index  the reviewer's number, from 0
     * @return the store that reviewer uses
     */
    protected Store storeFor(Store shared, int index) {
        return shared;
    }

    /**
     * What one run measured.
     *
     * @param candidates           how many candidates were recorded
     * @param reviewed             successful reviews (a blind-share candidate counts twice)
     * @param doubleHandOuts       candidates handed to two reviewers at once
     * @param conflictsOnOwnClaims reviews refused on the reviewer's own claim
     * @param examples             stored examples
     * @param blindCandidates      candidates in the blind double-review share
     * @param settled              blind disagreements settled at the end
     * @param millis               wall time
     */
    protected record Outcome(
            int candidates,
            int reviewed,
            int doubleHandOuts,
            int conflictsOnOwnClaims,
            int examples,
            int blindCandidates,
            int settled,
            long millis) {}

    @Test
    void eightReviewersOnSixtyCandidates() throws Exception {
        Outcome o = run(8, 60, 42L);
        assertClean(o, 60);
    }

    @Property(tries = 4)
    void anyTeamReviewsEveryCandidateOnce(
            @ForAll @IntRange(min = 2, max = 6) int reviewers,
            @ForAll @IntRange(min = 1, max = 40) int candidates,
            @ForAll long seed)
            throws Exception {
        assertClean(run(reviewers, candidates, seed), candidates);
    }

    @Test
    void eightReviewersOnSixtyCandidatesWithBlindDoubleReview() throws Exception {
        Outcome o = run(8, 60, 42L, BLIND_SHARE);
        assertThat(o.blindCandidates()).as("candidates in the blind share").isPositive();
        assertClean(o, 60);
    }

    @Property(tries = 4)
    void anyTeamReviewsEveryCandidateOnceOrTwiceBlind(
            @ForAll @IntRange(min = 2, max = 6) int reviewers,
            @ForAll @IntRange(min = 1, max = 40) int candidates,
            @ForAll long seed)
            throws Exception {
        assertClean(run(reviewers, candidates, seed, BLIND_SHARE), candidates);
    }

    /** The blind share of the blind runs: large enough that every run of a few dozen candidates has some. */
    protected static final double BLIND_SHARE = 0.3;

    /**
     * The checks of every run.
     *
     * @param o          the outcome
     * @param candidates how many candidates the run recorded
     */
    protected static void assertClean(Outcome o, int candidates) {
        assertThat(o.doubleHandOuts())
                .as("candidates handed to two reviewers at once")
                .isZero();
        assertThat(o.conflictsOnOwnClaims())
                .as("reviews refused on the reviewer's own claim")
                .isZero();
        assertThat(o.reviewed())
                .as("successful reviews: once each, twice in the blind share")
                .isEqualTo(candidates + o.blindCandidates());
        assertThat(o.examples()).as("stored examples").isEqualTo(candidates);
    }

    /**
     * Runs a team: a walker claims a few candidates and leaves; {@code reviewers} threads review everything else;
     * the clock passes the lease; the team reviews what the walker held.
     *
     * @param reviewers  how many reviewer threads
     * @param candidates how many candidates
     * @param seed       drives each reviewer's choices
     * @return the counts
     * @throws Exception when a reviewer thread fails
     */
    protected Outcome run(int reviewers, int candidates, long seed) throws Exception {
        return run(reviewers, candidates, seed, 0);
    }

    /**
     * Runs a team as {@link #run(int, int, long)}, with a blind double-review share: each candidate in it is reviewed
     * by two different reviewers; a lead settles the disagreements at the end.
     *
     * @param reviewers  how many reviewer threads
     * @param candidates how many candidates
     * @param seed       drives each reviewer's choices
     * @param blindShare 0 (off) to 1
     * @return the counts
     * @throws Exception when a reviewer thread fails
     */
    protected Outcome run(int reviewers, int candidates, long seed, double blindShare) throws Exception {
        Store store = newStore();
        TestClock clock = TestClock.at(NOW);
        Curator curator = Curator.create(
                store.interactions(),
                store.examples(),
                CurationOptions.builder().clock(clock).build());
        List<Interaction> batch = new ArrayList<>();
        List<FeedbackEvent> events = new ArrayList<>();
        for (int k = 0; k < candidates; k++) {
            Interaction i = interaction(
                            "user-" + (k % 7), NOW.minus(Duration.ofHours(2)).plusSeconds(k))
                    .build();
            batch.add(i);
            events.add(event(i.id(), i.createdAt().plusSeconds(1), Rating.up()));
        }
        store.interactions().append(batch, events);
        Set<InteractionId> all = new HashSet<>();
        batch.forEach(i -> all.add(i.id()));

        List<Store> stores = new ArrayList<>();
        for (int r = 0; r < reviewers; r++) {
            stores.add(storeFor(store, r));
        }
        Team team = new Team(stores, clock, reviewers, seed, blindShare);
        long started = System.nanoTime();
        ReviewQueue walker = team.queue(0);
        List<Candidate> abandoned = walker.claim("walker", Math.max(1, candidates / 5));
        team.round();
        Set<InteractionId> disagreeing = new HashSet<>();
        walker.disagreements().forEach(c -> disagreeing.add(c.interactionId()));
        assertThat(curator.candidates(CurationPolicy.seedDefault()))
                .extracting(Candidate::interactionId)
                .filteredOn(id -> !disagreeing.contains(id))
                .as("after the first round only the walker's candidates (and disagreements to settle) are left")
                .containsExactlyInAnyOrderElementsOf(
                        abandoned.stream().map(Candidate::interactionId).toList());
        clock.advance(LEASE.plusSeconds(1));
        team.round();
        int settled = 0;
        for (BlindCase c : walker.disagreements()) {
            assertThat(c.disagrees()).as("an open complete case disagrees").isTrue();
            walker.settle(c.interactionId(), new Review("lead", null, "sec_10q", 5, null), "the lead's call");
            settled++;
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        int blindCandidates = 0;
        for (InteractionId id : all) {
            Optional<BlindCase> c = store.blindReviews().find(id);
            if (walker.inBlindShare(id)) {
                blindCandidates++;
                List<BlindDecision> ds = c.orElseThrow().decisions();
                assertThat(ds).as("blind decisions on " + id).hasSize(2);
                assertThat(ds.get(0).reviewer()).isNotEqualTo(ds.get(1).reviewer());
                assertThat(c.get().settlement() != null).isEqualTo(c.get().disagrees());
            } else {
                assertThat(c).as("no blind decision outside the share").isEmpty();
            }
        }

        Map<InteractionId, Integer> perSource = new HashMap<>();
        store.examples().scan(ExampleQuery.all(), e -> perSource.merge(e.sourceInteractionId(), 1, Integer::sum));
        assertThat(perSource.keySet()).containsExactlyInAnyOrderElementsOf(all);
        assertThat(perSource.values()).allMatch(n -> n == 1);
        assertThat(curator.candidates(CurationPolicy.seedDefault())).isEmpty();
        return new Outcome(
                candidates,
                team.reviewed.get(),
                team.doubleHandOuts.get(),
                team.conflictsOnOwnClaims.get(),
                perSource.size(),
                blindCandidates,
                settled,
                millis);
    }

    /** Reviewer threads sharing one store; counts what went wrong. */
    private static final class Team {
        final List<Store> stores;
        final TestClock clock;
        final int size;
        final long seed;
        final double blindShare;
        final Map<InteractionId, String> holding = new ConcurrentHashMap<>();
        final AtomicInteger reviewed = new AtomicInteger();
        final AtomicInteger doubleHandOuts = new AtomicInteger();
        final AtomicInteger conflictsOnOwnClaims = new AtomicInteger();
        int rounds;

        Team(List<Store> stores, TestClock clock, int size, long seed, double blindShare) {
            this.blindShare = blindShare;
            this.stores = stores;
            this.clock = clock;
            this.size = size;
            this.seed = seed;
        }

        ReviewQueue queue(int index) {
            Store store = stores.get(index);
            Curator curator = Curator.create(
                    store.interactions(),
                    store.examples(),
                    CurationOptions.builder().clock(clock).build());
            ReviewQueue.Builder b =
                    ReviewQueue.builder(curator, store.claims()).lease(LEASE).clock(clock);
            if (blindShare > 0) {
                b.blindDoubleReview(store.blindReviews(), blindShare);
            }
            return b.build();
        }

        /** Every reviewer works until no candidate is left that nobody holds. */
        void round() throws Exception {
            rounds++;
            ExecutorService pool = Executors.newFixedThreadPool(size);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> done = new ArrayList<>();
                for (int r = 0; r < size; r++) {
                    String name = "reviewer-" + r;
                    Random rnd = new Random(seed * 31 + r * 17L + rounds);
                    ReviewQueue queue = queue(r);
                    done.add(pool.submit(() -> {
                        start.await();
                        work(name, queue, rnd);
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : done) {
                    f.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
        }

        private void work(String me, ReviewQueue queue, Random rnd) {
            while (true) {
                List<Candidate> batch = queue.claim(me, 1 + rnd.nextInt(4));
                if (batch.isEmpty()) {
                    if (unheldLeft(queue)) {
                        try {
                            Thread.sleep(1); // others still hold work that may come back
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                        continue;
                    }
                    return;
                }
                for (Candidate c : batch) {
                    if (holding.putIfAbsent(c.interactionId(), me) != null) {
                        doubleHandOuts.incrementAndGet();
                    }
                }
                for (Candidate c : batch) {
                    InteractionId id = c.interactionId();
                    int roll = rnd.nextInt(10);
                    holding.remove(id, me); // still claimed in the store until the call below ends it
                    try {
                        if (roll < 6) {
                            String category = rnd.nextInt(5) == 0 ? "sec_10k" : "sec_10q";
                            queue.submit(id, new Review(me, null, category, 1 + rnd.nextInt(10), null));
                            reviewed.incrementAndGet();
                        } else if (roll < 8) {
                            queue.submitRejection(id, "not useful", me);
                            reviewed.incrementAndGet();
                        } else {
                            queue.release(me, id); // give it back: someone (maybe me) reviews it later
                        }
                    } catch (ConflictException e) {
                        conflictsOnOwnClaims.incrementAndGet();
                        System.out.println("CONFLICT " + me + ": " + e.getMessage());
                    }
                }
            }
        }

        /**
         * Whether work is left for the team: a candidate that is neither held by the walker (who comes back only after
         * the lease) nor a disagreement (which waits for the lead). Work another reviewer holds counts: they may give
         * it back, and a blind candidate comes back after its first review needing someone else.
         */
        private boolean unheldLeft(ReviewQueue queue) {
            Set<InteractionId> held = new HashSet<>();
            queue.claims().stream()
                    .filter(c -> c.reviewer().equals("walker"))
                    .forEach(c -> held.add(c.interactionId()));
            queue.disagreements().forEach(c -> held.add(c.interactionId()));
            Store store = stores.get(0);
            Curator curator = Curator.create(
                    store.interactions(),
                    store.examples(),
                    CurationOptions.builder().clock(clock).build());
            return curator.candidates(CurationPolicy.seedDefault()).stream()
                    .anyMatch(c -> !held.contains(c.interactionId()));
        }
    }
}
