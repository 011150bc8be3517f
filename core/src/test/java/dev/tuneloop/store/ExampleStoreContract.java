package dev.tuneloop.store;

import static dev.tuneloop.testsupport.Fixtures.NOW;
import static dev.tuneloop.testsupport.Fixtures.approved;
import static dev.tuneloop.testsupport.Fixtures.firstRevision;
import static dev.tuneloop.testsupport.Fixtures.interaction;
import static dev.tuneloop.testsupport.Fixtures.rejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.curate.Category;
import dev.tuneloop.curate.ExampleId;
import dev.tuneloop.curate.ExampleQuery;
import dev.tuneloop.curate.ExampleRevision;
import dev.tuneloop.curate.ExampleStatus;
import dev.tuneloop.curate.ExampleStore;
import dev.tuneloop.curate.QualityScore;
import dev.tuneloop.curate.Split;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.errors.ConflictException;
import dev.tuneloop.errors.NotFoundException;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.InteractionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ExampleStore} must meet. A store implementation extends this class and returns a fresh,
 * empty {@link Store} from {@link #newStore()}; its interaction store holds the examples' sources.
 */
public abstract class ExampleStoreContract {

    /** For subclasses: one per store implementation. */
    protected ExampleStoreContract() {}

    /**
     * A fresh, empty store; called once before every test.
     *
     * @return the store under test
     */
    protected abstract Store newStore();

    private InteractionStore interactions;
    private ExampleStore store;

    @BeforeEach
    void setUpStore() {
        Store s = newStore();
        interactions = s.interactions();
        store = s.examples();
    }

    /**
     * The example store of the current test's {@link #newStore()}, for a subclass's own tests.
     *
     * @return the example store under test
     */
    protected ExampleStore store() {
        return store;
    }

    private Interaction source() {
        Interaction i = interaction(NOW.minus(Duration.ofHours(1)));
        interactions.append(List.of(i), List.of());
        return i;
    }

    private TrainingExample insertApproved(Interaction i, Instant at) {
        TrainingExample e = approved(i, at);
        store.insert(e, firstRevision(e));
        return e;
    }

    @Test
    void insertedExampleRoundTrips() {
        Interaction i = source();
        TrainingExample e = insertApproved(i, NOW);
        assertThat(store.find(e.id())).contains(e);
        assertThat(store.findBySource(i.id())).contains(e);
        assertThat(store.find(ExampleId.next(1))).isEmpty();
        assertThat(store.findBySource(InteractionId.next())).isEmpty();
        assertThat(store.history(e.id())).containsExactly(firstRevision(e));
    }

    @Test
    void everyFieldRoundTripsIncludingNullsAndUnicode() {
        Interaction i = interaction("u-ü", NOW.minusSeconds(30))
                .systemPrompt(null)
                .addRetrievedDocument("d1", "src", "ctx 👍")
                .addPriorTurn(dev.tuneloop.record.Role.USER, "earlier question")
                .addPriorTurn(dev.tuneloop.record.Role.ASSISTANT, "earlier answer")
                .build();
        interactions.append(List.of(i), List.of());
        TrainingExample e = TrainingExample.builder(
                        ExampleId.next(NOW.toEpochMilli()), i.id(), ExampleStatus.APPROVED, Split.HOLDOUT)
                .userId(i.userId())
                .interactionCreatedAt(i.createdAt())
                .systemPrompt(null)
                .priorTurns(i.priorTurns())
                .userMessage(i.userMessage())
                .retrievedContext(i.retrievedContext())
                .originalResponse(i.assistantResponse())
                .userEditedResponse("user edit שלום")
                .improvedResponse("improved 漢字")
                .modelUsed(i.modelUsed())
                .category(Category.of("custom_cat"))
                .quality(QualityScore.of(10))
                .reviewer("rev")
                .notes("notes ✓")
                .rejectReason(null)
                .createdAt(NOW)
                .reviewedAt(NOW.plusSeconds(1))
                .version(1)
                .build();
        store.insert(e, firstRevision(e));
        assertThat(store.find(e.id())).contains(e);
    }

    @Test
    void importProvenanceRoundTripsAndSurvivesAnUpdate() {
        Interaction i = source();
        TrainingExample e = approved(i, NOW).toBuilder()
                .provenance(new dev.tuneloop.curate.ImportProvenance("expert ü", "golden, v2.csv", 4_000_000_000L))
                .build();
        store.insert(e, firstRevision(e));
        assertThat(store.find(e.id())).contains(e);
        assertThat(store.find(e.id()).orElseThrow().provenance().sourceLine()).isEqualTo(4_000_000_000L);
        TrainingExample next =
                e.toBuilder().quality(QualityScore.of(9)).version(2).build();
        store.update(next, new ExampleRevision(e.id(), 2, NOW.plusSeconds(1), "rev", List.of("quality"), null));
        assertThat(store.find(e.id()).orElseThrow().provenance()).isEqualTo(e.provenance());
        TrainingExample plain = insertApproved(source(), NOW);
        assertThat(store.find(plain.id()).orElseThrow().provenance()).isNull();
    }

    @Test
    void insertAllStoresEveryExampleOrNone() {
        List<TrainingExample> batch = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            batch.add(approved(source(), NOW.plusSeconds(k)));
        }
        store.insertAll(
                batch,
                batch.stream()
                        .map(dev.tuneloop.testsupport.Fixtures::firstRevision)
                        .toList());
        for (TrainingExample e : batch) {
            assertThat(store.find(e.id())).contains(e);
            assertThat(store.history(e.id())).containsExactly(firstRevision(e));
        }
        // a second batch whose last example's interaction was already reviewed: nothing of it is stored
        List<TrainingExample> second =
                List.of(approved(source(), NOW), approved(source(), NOW), rejected(interactionOf(batch.get(1)), NOW));
        assertThatThrownBy(() -> store.insertAll(
                        second,
                        second.stream()
                                .map(dev.tuneloop.testsupport.Fixtures::firstRevision)
                                .toList()))
                .isInstanceOf(ConflictException.class);
        for (TrainingExample e : second) {
            assertThat(store.find(e.id())).isEmpty();
            assertThat(store.history(e.id())).isEmpty();
        }
        assertThat(store.findBySource(batch.get(1).sourceInteractionId())).contains(batch.get(1));
        // the same interaction twice in one batch is refused before anything is written
        Interaction twice = source();
        List<TrainingExample> dup = List.of(approved(twice, NOW), rejected(twice, NOW));
        assertThatThrownBy(() -> store.insertAll(
                        dup,
                        dup.stream()
                                .map(dev.tuneloop.testsupport.Fixtures::firstRevision)
                                .toList()))
                .isInstanceOf(ConflictException.class);
        assertThat(store.findBySource(twice.id())).isEmpty();
        store.insertAll(List.of(), List.of());
    }

    private Interaction interactionOf(TrainingExample e) {
        return interactions.find(e.sourceInteractionId()).orElseThrow().interaction();
    }

    @Test
    void anInteractionIsReviewedAtMostOnce() {
        Interaction i = source();
        insertApproved(i, NOW);
        TrainingExample second = rejected(i, NOW.plusSeconds(1));
        assertThatThrownBy(() -> store.insert(second, firstRevision(second)))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining(i.id().toString());
        assertThat(store.find(second.id())).isEmpty();
        assertThat(store.history(second.id())).isEmpty();
    }

    @Test
    void concurrentPromotionsOfOneInteractionLetExactlyOneWin() throws Exception {
        Interaction i = source();
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            results.add(pool.submit(() -> {
                TrainingExample e = approved(i, NOW);
                start.await();
                try {
                    store.insert(e, firstRevision(e));
                    return true;
                } catch (ConflictException expected) {
                    return false;
                }
            }));
        }
        start.countDown();
        int wins = 0;
        for (Future<Boolean> f : results) {
            if (f.get(60, TimeUnit.SECONDS)) {
                wins++;
            }
        }
        pool.shutdown();
        assertThat(wins).isEqualTo(1);
        List<TrainingExample> all = new ArrayList<>();
        store.scan(ExampleQuery.all(), all::add);
        assertThat(all).hasSize(1);
    }

    @Test
    void updateIsOptimisticAndKeepsHistory() {
        Interaction i = source();
        TrainingExample v1 = insertApproved(i, NOW);
        TrainingExample v2 = withQuality(v1, 9, 2, NOW.plusSeconds(60));
        ExampleRevision r2 =
                new ExampleRevision(v1.id(), 2, NOW.plusSeconds(60), "reviewer-2", List.of("quality"), "better");
        store.update(v2, r2);
        assertThat(store.find(v1.id())).contains(v2);
        assertThat(store.history(v1.id())).containsExactly(firstRevision(v1), r2);

        TrainingExample stale = withQuality(v1, 3, 2, NOW.plusSeconds(61));
        assertThatThrownBy(() -> store.update(
                        stale, new ExampleRevision(v1.id(), 2, NOW.plusSeconds(61), "x", List.of("quality"), null)))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("version");
        assertThat(store.find(v1.id())).contains(v2);
        assertThat(store.history(v1.id())).hasSize(2);
    }

    @Test
    void updateOfUnknownExampleIsNotFound() {
        Interaction i = source();
        TrainingExample never = approved(i, NOW);
        TrainingExample v2 = withQuality(never, 9, 2, NOW);
        assertThatThrownBy(
                        () -> store.update(v2, new ExampleRevision(never.id(), 2, NOW, "x", List.of("quality"), null)))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining(never.id().toString());
    }

    @Test
    void scanFiltersAndOrdersById() {
        List<TrainingExample> inserted = new ArrayList<>();
        for (int k = 0; k < 6; k++) {
            Interaction i = source();
            TrainingExample e = approved(i, NOW.plusSeconds(k));
            Split split = k % 3 == 0 ? Split.HOLDOUT : Split.TRAIN;
            e = withSplit(e, split)
                    .userEditedResponse(null)
                    .improvedResponse(null)
                    .category(k % 2 == 0 ? Category.SEC_10K : Category.COMPARISON)
                    .quality(QualityScore.of(3 + k))
                    .reviewer("r")
                    .notes(null)
                    .rejectReason(null)
                    .createdAt(NOW.plusSeconds(k))
                    .reviewedAt(NOW.plusSeconds(k))
                    .version(1)
                    .build();
            store.insert(e, firstRevision(e));
            inserted.add(e);
        }
        Interaction r = source();
        TrainingExample rej = rejected(r, NOW.plusSeconds(100));
        store.insert(rej, firstRevision(rej));

        assertThat(ids(ExampleQuery.all())).hasSize(7).isSorted();
        assertThat(ids(ExampleQuery.approved())).hasSize(6);
        assertThat(ids(ExampleQuery.approved().withSplit(Split.HOLDOUT)))
                .containsExactly(inserted.get(0).id(), inserted.get(3).id());
        assertThat(ids(ExampleQuery.all().withMinQuality(6)))
                .containsExactly(
                        inserted.get(3).id(),
                        inserted.get(4).id(),
                        inserted.get(5).id());
        assertThat(ids(ExampleQuery.approved().withCategories(Set.of(Category.COMPARISON))))
                .containsExactly(
                        inserted.get(1).id(),
                        inserted.get(3).id(),
                        inserted.get(5).id());
        assertThat(ids(ExampleQuery.approved().withReviewedBetween(NOW.plusSeconds(2), NOW.plusSeconds(4))))
                .containsExactly(inserted.get(2).id(), inserted.get(3).id());
        assertThat(ids(ExampleQuery.all().withLimit(2)))
                .containsExactly(inserted.get(0).id(), inserted.get(1).id());
        assertThat(ids(new ExampleQuery(Set.of(ExampleStatus.REJECTED), null, 1, Set.of(), null, null, 10)))
                .containsExactly(rej.id());
    }

    private List<ExampleId> ids(ExampleQuery q) {
        List<ExampleId> out = new ArrayList<>();
        store.scan(q, e -> out.add(e.id()));
        return out;
    }

    private static TrainingExample withQuality(TrainingExample e, int quality, int version, Instant at) {
        return e.toBuilder()
                .quality(QualityScore.of(quality))
                .reviewedAt(at)
                .version(version)
                .build();
    }

    /** A builder holding every part of {@code e} but its split, which the builder cannot change. */
    private static TrainingExample.Builder withSplit(TrainingExample e, Split split) {
        return TrainingExample.builder(e.id(), e.sourceInteractionId(), e.status(), split)
                .userId(e.userId())
                .interactionCreatedAt(e.interactionCreatedAt())
                .systemPrompt(e.systemPrompt())
                .priorTurns(e.priorTurns())
                .userMessage(e.userMessage())
                .retrievedContext(e.retrievedContext())
                .originalResponse(e.originalResponse())
                .userEditedResponse(e.userEditedResponse())
                .improvedResponse(e.improvedResponse())
                .modelUsed(e.modelUsed())
                .category(e.category())
                .quality(e.quality())
                .reviewer(e.reviewer())
                .notes(e.notes())
                .rejectReason(e.rejectReason())
                .createdAt(e.createdAt())
                .reviewedAt(e.reviewedAt())
                .version(e.version());
    }

    // ---------------------------------------------------------------- curation cases

    @Test
    void manyThreadsPromotingOneSourceLetExactlyOneWinAndLeaveOneRevision() throws Exception {
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 5; round++) {
                Interaction i = source();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<TrainingExample>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    boolean reject = t % 2 == 1;
                    results.add(pool.submit(() -> {
                        TrainingExample e = reject ? rejected(i, NOW) : approved(i, NOW);
                        start.await();
                        try {
                            store.insert(e, firstRevision(e));
                            return e;
                        } catch (ConflictException expected) {
                            assertThat(expected).hasMessageContaining(i.id().toString());
                            return null;
                        }
                    }));
                }
                start.countDown();
                List<TrainingExample> winners = new ArrayList<>();
                for (Future<TrainingExample> f : results) {
                    TrainingExample e = f.get(60, TimeUnit.SECONDS);
                    if (e != null) {
                        winners.add(e);
                    }
                }
                assertThat(winners).hasSize(1);
                assertThat(store.findBySource(i.id())).contains(winners.get(0));
                assertThat(store.history(winners.get(0).id())).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(ids(ExampleQuery.all())).hasSize(5);
    }

    @Test
    void concurrentPromotionsOfDifferentSourcesAllSucceed() throws Exception {
        int threads = 8;
        List<Interaction> sources = new ArrayList<>();
        for (int t = 0; t < threads * 4; t++) {
            sources.add(source());
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<TrainingExample>> results = new ArrayList<>();
        try {
            for (Interaction i : sources) {
                results.add(pool.submit(() -> {
                    TrainingExample e = approved(i, NOW);
                    start.await();
                    store.insert(e, firstRevision(e));
                    return e;
                }));
            }
            start.countDown();
            for (Future<TrainingExample> f : results) {
                TrainingExample e = f.get(60, TimeUnit.SECONDS);
                assertThat(store.find(e.id())).contains(e);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(ids(ExampleQuery.approved())).hasSize(sources.size());
    }

    @Test
    void concurrentUpdatesFromOneVersionLetExactlyOneWin() throws Exception {
        TrainingExample v1 = insertApproved(source(), NOW);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<TrainingExample>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int quality = 1 + t;
                String reviewer = "reviewer-" + t;
                results.add(pool.submit(() -> {
                    TrainingExample v2 = withQuality(v1, quality, 2, NOW.plusSeconds(60));
                    start.await();
                    try {
                        store.update(
                                v2,
                                new ExampleRevision(
                                        v1.id(), 2, NOW.plusSeconds(60), reviewer, List.of("quality"), null));
                        return v2;
                    } catch (ConflictException expected) {
                        return null;
                    }
                }));
            }
            start.countDown();
            List<TrainingExample> winners = new ArrayList<>();
            for (Future<TrainingExample> f : results) {
                TrainingExample e = f.get(60, TimeUnit.SECONDS);
                if (e != null) {
                    winners.add(e);
                }
            }
            assertThat(winners).hasSize(1);
            assertThat(store.find(v1.id())).contains(winners.get(0));
            assertThat(store.history(v1.id()))
                    .extracting(ExampleRevision::version)
                    .containsExactly(1, 2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void historyKeepsEveryRevisionInOrder() {
        TrainingExample current = insertApproved(source(), NOW);
        List<ExampleRevision> expected = new ArrayList<>(List.of(firstRevision(current)));
        for (int v = 2; v <= 6; v++) {
            Instant at = NOW.plusSeconds(v * 10L);
            current = withQuality(current, v, v, at);
            ExampleRevision r = new ExampleRevision(
                    current.id(),
                    v,
                    at,
                    "reviewer-" + v,
                    v % 2 == 0 ? List.of("quality") : List.of("quality", "notes"),
                    v % 2 == 0 ? null : "note " + v);
            store.update(current, r);
            expected.add(r);
        }
        assertThat(store.history(current.id())).containsExactlyElementsOf(expected);
        assertThat(store.find(current.id())).contains(current);
        TrainingExample jump = withQuality(current, 9, 8, NOW.plusSeconds(100));
        assertThatThrownBy(() -> store.update(
                        jump, new ExampleRevision(jump.id(), 8, NOW.plusSeconds(100), "x", List.of("quality"), null)))
                .as("a version may not be skipped")
                .isInstanceOf(ConflictException.class);
        assertThat(store.history(current.id())).hasSize(6);
        assertThat(store.history(ExampleId.next(1))).isEmpty();
    }

    @Test
    void combinedScanFiltersMatchAPlainFilter() {
        List<TrainingExample> all = new ArrayList<>();
        Category[] categories = {Category.SEC_10K, Category.SEC_8K, Category.COMPARISON};
        for (int k = 0; k < 24; k++) {
            Interaction i = source();
            TrainingExample e;
            if (k % 5 == 4) {
                e = rejected(i, NOW.plusSeconds(k));
            } else {
                TrainingExample a = approved(i, NOW.plusSeconds(k));
                e = withSplit(a, k % 3 == 0 ? Split.HOLDOUT : Split.TRAIN)
                        .userEditedResponse(null)
                        .improvedResponse(null)
                        .category(categories[k % 3])
                        .quality(QualityScore.of(1 + k % 10))
                        .reviewer("r")
                        .notes(null)
                        .rejectReason(null)
                        .createdAt(NOW.plusSeconds(k))
                        .reviewedAt(NOW.plusSeconds(k))
                        .version(1)
                        .build();
            }
            store.insert(e, firstRevision(e));
            all.add(e);
        }
        List<ExampleQuery> queries = List.of(
                ExampleQuery.approved().withSplit(Split.TRAIN).withMinQuality(5),
                ExampleQuery.approved().withSplit(Split.HOLDOUT).withCategories(Set.of(Category.SEC_10K)),
                ExampleQuery.all()
                        .withCategories(Set.of(Category.SEC_8K, Category.COMPARISON))
                        .withMinQuality(3)
                        .withReviewedBetween(NOW.plusSeconds(3), NOW.plusSeconds(20)),
                ExampleQuery.all().withSplit(Split.TRAIN).withLimit(5),
                new ExampleQuery(
                        Set.of(ExampleStatus.REJECTED),
                        Split.TRAIN,
                        1,
                        Set.of(),
                        NOW.plusSeconds(5),
                        null,
                        Integer.MAX_VALUE));
        for (ExampleQuery q : queries) {
            List<ExampleId> expected = all.stream()
                    .filter(e -> reference(q, e))
                    .map(TrainingExample::id)
                    .sorted()
                    .limit(q.limit())
                    .toList();
            assertThat(ids(q)).as("%s", q).containsExactlyElementsOf(expected);
        }
    }

    /** {@link ExampleQuery}'s documented meaning as one plain filter. */
    private static boolean reference(ExampleQuery q, TrainingExample e) {
        return (q.statuses().isEmpty() || q.statuses().contains(e.status()))
                && (q.split() == null || q.split() == e.split())
                && (q.minQuality() == 1 || (e.quality() != null && e.quality().value() >= q.minQuality()))
                && (q.categories().isEmpty() || q.categories().contains(e.category()))
                && (q.reviewedFrom() == null || !e.reviewedAt().isBefore(q.reviewedFrom()))
                && (q.reviewedUntil() == null || e.reviewedAt().isBefore(q.reviewedUntil()));
    }
}
