package dev.tuneloop.store;

import static dev.tuneloop.testsupport.Fixtures.NOW;
import static dev.tuneloop.testsupport.Fixtures.approved;
import static dev.tuneloop.testsupport.Fixtures.firstRevision;
import static dev.tuneloop.testsupport.Fixtures.interaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.curate.BlindCase;
import dev.tuneloop.curate.BlindDecision;
import dev.tuneloop.curate.BlindReview;
import dev.tuneloop.curate.BlindReviewStore;
import dev.tuneloop.curate.Category;
import dev.tuneloop.curate.QualityScore;
import dev.tuneloop.curate.Review;
import dev.tuneloop.curate.Settlement;
import dev.tuneloop.curate.Suggestion;
import dev.tuneloop.curate.SuggestionStore;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.errors.ConflictException;
import dev.tuneloop.errors.NotFoundException;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link BlindReviewStore} and {@link SuggestionStore} must meet. A store implementation extends
 * this class and returns a fresh, empty {@link Store} from {@link #newStore()}.
 */
public abstract class BlindReviewStoreContract {

    /** For subclasses: one per store implementation. */
    protected BlindReviewStoreContract() {}

    /**
     * A fresh, empty store; called once before every test.
     *
     * @return the store under test
     */
    protected abstract Store newStore();

    private Store store;
    private BlindReviewStore blind;

    @BeforeEach
    void setUpStore() {
        store = newStore();
        blind = store.blindReviews();
    }

    private List<Interaction> record(int n, String user) {
        List<Interaction> batch = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            batch.add(interaction(user, NOW.minus(Duration.ofHours(1)).plusSeconds(k))
                    .build());
        }
        store.interactions().append(batch, List.of());
        return batch;
    }

    private static BlindDecision approval(InteractionId id, String reviewer, String category, int q, Instant at) {
        return BlindDecision.approval(
                id, new Review(reviewer, "better answer by " + reviewer, category, q, "notes"), at);
    }

    @Test
    void storesTwoDecisionsByDifferentReviewersExactly() {
        InteractionId id = record(1, "u").get(0).id();
        Instant t1 = NOW.plusNanos(1_234_567); // truncated to the microsecond
        BlindCase first = blind.add(approval(id, "alice", "sec_10q", 8, t1));
        assertThat(first.isComplete()).isFalse();
        assertThat(first.decisions()).hasSize(1);
        assertThat(first.decisions().get(0).reviewedAt()).isEqualTo(NOW.plusNanos(1_234_000));
        BlindCase second = blind.add(BlindDecision.rejection(id, "bob", "wrong filing", NOW.plusSeconds(5)));
        assertThat(second.isComplete()).isTrue();
        assertThat(second.disagrees()).isTrue();
        BlindDecision a = second.decisions().get(0);
        assertThat(a.reviewer()).isEqualTo("alice");
        assertThat(a.approved()).isTrue();
        assertThat(a.category()).isEqualTo(Category.SEC_10Q);
        assertThat(a.quality()).isEqualTo(QualityScore.of(8));
        assertThat(a.improvedResponse()).isEqualTo("better answer by alice");
        assertThat(a.note()).isEqualTo("notes");
        BlindDecision b = second.decisions().get(1);
        assertThat(b.reviewer()).isEqualTo("bob");
        assertThat(b.approved()).isFalse();
        assertThat(b.category()).isNull();
        assertThat(b.note()).isEqualTo("wrong filing");
        assertThat(blind.find(id)).contains(second);
        assertThat(blind.open()).containsExactly(second);
    }

    @Test
    void refusesASecondDecisionBySameReviewerAndAThird() {
        InteractionId id = record(1, "u").get(0).id();
        blind.add(approval(id, "alice", "sec_10q", 8, NOW));
        assertThatThrownBy(() -> blind.add(approval(id, "alice", "sec_10k", 3, NOW.plusSeconds(1))))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("'alice' already reviewed interaction " + id);
        blind.add(approval(id, "bob", "sec_10q", 6, NOW.plusSeconds(2)));
        assertThatThrownBy(() -> blind.add(approval(id, "carol", "sec_10q", 6, NOW.plusSeconds(3))))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("already has both blind reviews");
        assertThat(blind.find(id).orElseThrow().decisions())
                .extracting(BlindDecision::reviewer)
                .containsExactly("alice", "bob");
    }

    @Test
    void refusesUnknownAndReviewedInteractions() {
        InteractionId unknown = InteractionId.next();
        assertThatThrownBy(() -> blind.add(approval(unknown, "alice", "sec_10q", 8, NOW)))
                .isInstanceOf(NotFoundException.class);
        Interaction i = record(1, "u").get(0);
        TrainingExample e = approved(i, NOW);
        store.examples().insert(e, firstRevision(e));
        assertThatThrownBy(() -> blind.add(approval(i.id(), "alice", "sec_10q", 8, NOW)))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("already been reviewed");
        assertThat(blind.open()).isEmpty();
    }

    @Test
    void openListsOnlyUnreviewedCasesOldestFirstAndScanListsAll() {
        List<Interaction> is = record(3, "u");
        blind.add(approval(is.get(2).id(), "alice", "sec_10q", 8, NOW));
        blind.add(approval(is.get(0).id(), "alice", "sec_10q", 8, NOW.plusSeconds(1)));
        blind.add(approval(is.get(1).id(), "bob", "sec_10q", 8, NOW.plusSeconds(2)));
        TrainingExample e = approved(is.get(0), NOW);
        store.examples().insert(e, firstRevision(e));
        assertThat(blind.open())
                .extracting(BlindCase::interactionId)
                .containsExactly(is.get(2).id(), is.get(1).id());
        List<BlindCase> all = new ArrayList<>();
        blind.scan(all::add);
        assertThat(all)
                .extracting(BlindCase::interactionId)
                .containsExactly(is.get(2).id(), is.get(0).id(), is.get(1).id());
    }

    @Test
    void settlesOnceAndOnlyWithBothDecisionsKeepingBoth() {
        InteractionId id = record(1, "u").get(0).id();
        Settlement s = new Settlement(id, "carol", true, "alice is right", NOW.plusSeconds(10));
        assertThatThrownBy(() -> blind.settle(s)).isInstanceOf(NotFoundException.class);
        blind.add(approval(id, "alice", "sec_10q", 8, NOW));
        assertThatThrownBy(() -> blind.settle(s))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("1 blind review of 2");
        blind.add(approval(id, "bob", "sec_10k", 4, NOW.plusSeconds(1)));
        BlindCase settled = blind.settle(s);
        assertThat(settled.settlement()).isEqualTo(s);
        assertThat(settled.decisions()).extracting(BlindDecision::reviewer).containsExactly("alice", "bob");
        assertThatThrownBy(() -> blind.settle(new Settlement(id, "dave", false, "no", NOW.plusSeconds(11))))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("already settled by 'carol'");
        assertThat(blind.find(id).orElseThrow()).isEqualTo(settled);
    }

    @Test
    void agreementReportIsBuiltFromTheStoredDecisions() {
        List<Interaction> is = record(2, "u");
        blind.add(approval(is.get(0).id(), "alice", "sec_10q", 8, NOW));
        blind.add(approval(is.get(0).id(), "bob", "sec_10q", 7, NOW.plusSeconds(1)));
        blind.add(approval(is.get(1).id(), "bob", "sec_10q", 9, NOW.plusSeconds(2)));
        blind.add(BlindDecision.rejection(is.get(1).id(), "alice", "off topic", NOW.plusSeconds(3)));
        assertThat(blind.blindReviews()).extracting(BlindReview::reviewer).hasSize(4);
        var report = blind.agreementReport();
        assertThat(report.pairs()).hasSize(1);
        assertThat(report.pairs().get(0).items()).isEqualTo(2);
        // labels: (sec_10q, sec_10q), ((rejected), sec_10q) for alice vs bob: p_o 1/2, p_e 1/2 * 1 = 1/2 -> 0
        assertThat(report.pairs().get(0).categoryKappa()).isEqualTo(0.0);
        assertThat(report.pairs().get(0).qualityMeanAbsoluteDifference()).isEqualTo(1.0);
        assertThat(report.disagreements())
                .extracting(d -> d.interactionId())
                .containsExactly(is.get(1).id());
    }

    @Test
    void concurrentAddersNeverStoreMoreThanTwo() throws Exception {
        List<Interaction> is = record(20, "u");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicInteger stored = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                String me = "reviewer-" + r;
                done.add(pool.submit(() -> {
                    start.await();
                    for (Interaction i : is) {
                        try {
                            blind.add(approval(i.id(), me, "sec_10q", 7, NOW));
                            stored.incrementAndGet();
                        } catch (ConflictException e) {
                            refused.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(stored.get()).isEqualTo(40);
        assertThat(refused.get()).isEqualTo(40);
        for (Interaction i : is) {
            List<BlindDecision> ds = blind.find(i.id()).orElseThrow().decisions();
            assertThat(ds).hasSize(2);
            assertThat(ds.get(0).reviewer()).isNotEqualTo(ds.get(1).reviewer());
        }
    }

    @Test
    void erasingAUserRemovesTheirBlindReviewsAndSuggestions() {
        InteractionId mine = record(1, "erased-user").get(0).id();
        InteractionId other = record(1, "kept-user").get(0).id();
        for (InteractionId id : List.of(mine, other)) {
            blind.add(approval(id, "alice", "sec_10q", 8, NOW));
            blind.add(approval(id, "bob", "sec_10k", 8, NOW));
            blind.settle(new Settlement(id, "carol", true, "reason", NOW));
            store.suggestions().save(suggestion(id, "k1", NOW));
        }
        store.eraseUser("erased-user");
        assertThat(blind.find(mine)).isEmpty();
        assertThat(store.suggestions().find(mine)).isEmpty();
        assertThat(blind.find(other)).isPresent();
        assertThat(store.suggestions().find(other)).isPresent();
        List<BlindCase> all = new ArrayList<>();
        blind.scan(all::add);
        assertThat(all).extracting(BlindCase::interactionId).containsExactly(other);
    }

    // ---------------------------------------------------------------- suggestions

    private static Suggestion suggestion(InteractionId id, String key, Instant at) {
        return new Suggestion(
                id, key, "judge-model", Category.SEC_10Q, QualityScore.of(6), "cites the filing", "improved", at);
    }

    @Test
    void suggestionsRoundTripAndTheLatestReplaces() {
        List<Interaction> is = record(2, "u");
        SuggestionStore s = store.suggestions();
        assertThat(s.find(is.get(0).id())).isEmpty();
        Suggestion first = suggestion(is.get(0).id(), "k1", NOW.plusNanos(1_000_999));
        s.save(first);
        Suggestion found = s.find(is.get(0).id()).orElseThrow();
        assertThat(found.cacheKey()).isEqualTo("k1");
        assertThat(found.createdAt()).isEqualTo(NOW.plusNanos(1_000_000));
        assertThat(found.reason()).isEqualTo("cites the filing");
        assertThat(found.improvedResponse()).isEqualTo("improved");
        Suggestion replaced = new Suggestion(
                is.get(0).id(),
                "k2",
                "other-model",
                Category.SEC_10K,
                QualityScore.of(3),
                "vague",
                "new",
                NOW.plusSeconds(2));
        s.save(replaced);
        s.save(suggestion(is.get(1).id(), "k3", NOW.plusSeconds(1)));
        assertThat(s.find(is.get(0).id())).contains(replaced);
        List<Suggestion> all = new ArrayList<>();
        s.scan(all::add);
        assertThat(all).extracting(Suggestion::cacheKey).containsExactly("k3", "k2");
    }

    @Test
    void aSuggestionForAnUnknownInteractionIsRefused() {
        InteractionId unknown = InteractionId.next();
        assertThatThrownBy(() -> store.suggestions().save(suggestion(unknown, "k", NOW)))
                .isInstanceOf(NotFoundException.class);
    }
}
