package dev.tuneloop.curate;

import static dev.tuneloop.curate.DiffOp.Kind.DELETE;
import static dev.tuneloop.curate.DiffOp.Kind.EQUAL;
import static dev.tuneloop.curate.DiffOp.Kind.INSERT;
import static dev.tuneloop.curate.Fixtures.NOW;
import static dev.tuneloop.curate.Fixtures.record;
import static dev.tuneloop.curate.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.errors.ConflictException;
import dev.tuneloop.errors.NotFoundException;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.Rating;
import dev.tuneloop.record.Role;
import dev.tuneloop.store.Store;
import dev.tuneloop.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CuratorTest {
    private final Store store = Store.inMemory();
    private final TestClock clock = TestClock.at(NOW);
    private final Curator curator = Curator.create(
            store.interactions(),
            store.examples(),
            CurationOptions.builder().clock(clock).taxonomy(Taxonomy.SEED).build());

    private static Review good(String reviewer) {
        return Review.by(reviewer).category(Category.SEC_10Q).quality(8).build();
    }

    @Test
    void candidateCarriesWhatAReviewerNeeds() {
        Interaction i = Interaction.builder()
                .createdAt(NOW.minusSeconds(600))
                .userId("u1")
                .sessionId("s1")
                .systemPrompt("You are a financial analyst assistant.")
                .addPriorTurn(Role.USER, "Hi")
                .addPriorTurn(Role.ASSISTANT, "Hello")
                .userMessage("What was NVDA revenue in Q3?")
                .addRetrievedDocument("doc-1", "NVDA 10-Q", "Revenue $35,082M")
                .assistantResponse("NVIDIA reported revenue of $35.1B.")
                .modelUsed("gpt-4o-mini")
                .putMetadata("feature", "chat")
                .build();
        store.interactions()
                .append(
                        List.of(i),
                        List.of(
                                dev.tuneloop.record.FeedbackEvent.of(i.id(), NOW.minusSeconds(500), Rating.up()),
                                dev.tuneloop.record.FeedbackEvent.of(
                                        i.id(),
                                        NOW.minusSeconds(400),
                                        dev.tuneloop.record.Edit.of("NVIDIA reported revenue of $35.08B.")),
                                dev.tuneloop.record.FeedbackEvent.of(
                                        i.id(),
                                        NOW.minusSeconds(300),
                                        dev.tuneloop.record.Edit.of("NVIDIA reported Q3 FY2025 revenue of $35.08B."))));

        Candidate c = curator.candidates(CurationPolicy.seedDefault()).get(0);

        assertThat(c.interactionId()).isEqualTo(i.id());
        assertThat(c.userId()).isEqualTo("u1");
        assertThat(c.question()).isEqualTo("What was NVDA revenue in Q3?");
        assertThat(c.systemPrompt()).isEqualTo("You are a financial analyst assistant.");
        assertThat(c.priorTurns()).hasSize(2);
        assertThat(c.retrievedContext()).extracting(d -> d.id()).containsExactly("doc-1");
        assertThat(c.originalResponse()).isEqualTo("NVIDIA reported revenue of $35.1B.");
        assertThat(c.editedResponse()).as("the latest edit").isEqualTo("NVIDIA reported Q3 FY2025 revenue of $35.08B.");
        assertThat(c.diff())
                .containsExactly(
                        new DiffOp(EQUAL, "NVIDIA reported "),
                        new DiffOp(INSERT, "Q3 FY2025 "),
                        new DiffOp(EQUAL, "revenue of "),
                        new DiffOp(DELETE, "$35.1B."),
                        new DiffOp(INSERT, "$35.08B."));
        assertThat(c.rating()).isEqualTo(Rating.Value.UP);
        assertThat(c.modelUsed()).isEqualTo("gpt-4o-mini");
        assertThat(c.metadata()).isEqualTo(Map.of("feature", "chat"));
        assertThat(c.createdAt()).isEqualTo(NOW.minusSeconds(600));
        assertThat(c.feedbackAt()).isEqualTo(NOW.minusSeconds(300));
        assertThat(c.toString()).doesNotContain("NVIDIA", "NVDA");
        assertThat(curator.candidate(i.id())).contains(c);
        curator.reject(i.id(), "no", "ann");
        assertThat(curator.candidate(i.id())).as("by id, whatever the policy").contains(c);
        assertThat(curator.candidate(InteractionId.next())).isEmpty();
    }

    @Test
    void approveMakesVersionOneLinkedToItsSourceWithARevision() {
        InteractionId id = record(store, spec().edit("An edited answer."));
        clock.advance(Duration.ofMinutes(5));

        TrainingExample e = curator.approve(
                id,
                Review.by("ann")
                        .category("sec_10q")
                        .quality(9)
                        .improvedResponse("The best answer.")
                        .notes("fixed the figure")
                        .build());

        assertThat(e.sourceInteractionId()).isEqualTo(id);
        assertThat(e.status()).isEqualTo(ExampleStatus.APPROVED);
        assertThat(e.version()).isEqualTo(1);
        assertThat(e.category()).isEqualTo(Category.SEC_10Q);
        assertThat(e.quality()).isEqualTo(QualityScore.of(9));
        assertThat(e.reviewer()).isEqualTo("ann");
        assertThat(e.userEditedResponse()).isEqualTo("An edited answer.");
        assertThat(e.trainingResponse()).isEqualTo("The best answer.");
        assertThat(e.createdAt()).isEqualTo(clock.instant());
        assertThat(store.examples().find(e.id())).contains(e);
        assertThat(curator.history(e.id())).singleElement().satisfies(r -> {
            assertThat(r.version()).isEqualTo(1);
            assertThat(r.reviewer()).isEqualTo("ann");
            assertThat(r.at()).isEqualTo(clock.instant());
            assertThat(r.changedFields())
                    .containsExactly("status", "split", "category", "quality", "improvedResponse", "notes");
        });
        assertThat(curator.candidates(CurationPolicy.seedDefault())).isEmpty();
    }

    @Test
    void rejectedInteractionsNeverComeBack() {
        InteractionId id = record(store, spec());
        TrainingExample e = curator.reject(id, "generic answer", "bob");

        assertThat(e.status()).isEqualTo(ExampleStatus.REJECTED);
        assertThat(e.rejectReason()).isEqualTo("generic answer");
        assertThat(e.isExportable()).isFalse();
        assertThat(curator.candidates(CurationPolicy.seedDefault())).isEmpty();
        assertThatThrownBy(() -> curator.approve(id, good("ann")))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining(id.toString())
                .hasMessageContaining("REJECTED");
        assertThatThrownBy(() -> curator.reject(id, " ", "bob"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("reason must not be empty or blank");
    }

    @Test
    void reReviewKeepsHistoryOfWhoChangedWhatAndWhen() {
        InteractionId id = record(store, spec());
        TrainingExample v1 = curator.approve(id, good("ann"));
        clock.advance(Duration.ofDays(1));
        TrainingExample v2 = curator.reReview(
                v1.id(), Review.by("bob").quality(10).notes("exemplary").build());
        clock.advance(Duration.ofDays(1));
        TrainingExample v3 = curator.reReview(
                v1.id(),
                Review.by("cid").category("sec_10k").improvedResponse("Better.").build(),
                2);
        clock.advance(Duration.ofDays(1));
        TrainingExample v4 = curator.reReview(v1.id(), Review.by("dee").build());

        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.quality().value()).isEqualTo(10);
        assertThat(v2.category()).isEqualTo(Category.SEC_10Q);
        assertThat(v3.category()).isEqualTo(Category.SEC_10K);
        assertThat(v3.quality().value()).as("kept").isEqualTo(10);
        assertThat(v3.notes()).as("kept").isEqualTo("exemplary");
        assertThat(v4.reviewedAt()).isEqualTo(clock.instant());
        assertThat(v4.createdAt()).isEqualTo(v1.createdAt());
        assertThat(v4.split()).as("frozen").isEqualTo(v1.split());
        assertThat(store.examples().find(v1.id())).contains(v4);
        assertThat(curator.history(v1.id()))
                .extracting(
                        ExampleRevision::version,
                        ExampleRevision::reviewer,
                        ExampleRevision::changedFields,
                        ExampleRevision::at)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                1, "ann", List.of("status", "split", "category", "quality"), NOW),
                        org.assertj.core.groups.Tuple.tuple(
                                2, "bob", List.of("quality", "notes"), NOW.plus(Duration.ofDays(1))),
                        org.assertj.core.groups.Tuple.tuple(
                                3, "cid", List.of("improvedResponse", "category"), NOW.plus(Duration.ofDays(2))),
                        org.assertj.core.groups.Tuple.tuple(
                                4, "dee", List.of("reviewedAt"), NOW.plus(Duration.ofDays(3))));
    }

    @Test
    void staleExpectedVersionIsAConflictAndChangesNothing() {
        TrainingExample v1 = curator.approve(record(store, spec()), good("ann"));
        curator.reReview(v1.id(), Review.by("bob").quality(9).build(), 1);
        Snapshot before = snapshot();

        assertThatThrownBy(() ->
                        curator.reReview(v1.id(), Review.by("cid").quality(3).build(), 1))
                .isInstanceOf(ConflictException.class)
                .hasMessage("example " + v1.id() + " is at version 2, but the re-review expected version 1");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void badInputNamesTheProblemAndChangesNothing() {
        InteractionId id = record(store, spec());
        InteractionId other = record(store, spec().user("u2"));
        TrainingExample approved = curator.approve(other, good("ann"));
        InteractionId unknown = InteractionId.next();
        Snapshot before = snapshot();

        assertThatThrownBy(() -> curator.approve(unknown, good("ann")))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("interaction " + unknown);
        assertThatThrownBy(() -> curator.approve(other, good("bob")))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("interaction " + other)
                .hasMessageContaining(approved.id().toString());
        assertThatThrownBy(() -> curator.approve(
                        id, Review.by("ann").category("sec_10q").quality(11).build()))
                .isInstanceOf(ValidationException.class)
                .hasMessage("quality must be between 1 and 10, but was 11");
        assertThatThrownBy(() -> curator.approve(
                        id, Review.by("ann").category("sec_10q").quality(0).build()))
                .isInstanceOf(ValidationException.class)
                .hasMessage("quality must be between 1 and 10, but was 0");
        assertThatThrownBy(() -> curator.approve(
                        id, Review.by("ann").category("").quality(7).build()))
                .isInstanceOf(ValidationException.class)
                .hasMessage("category must not be empty");
        assertThatThrownBy(() -> curator.approve(
                        id, Review.by("ann").category("crypto").quality(7).build()))
                .isInstanceOf(ValidationException.class)
                .hasMessage("category 'crypto' is not in the taxonomy; allowed: sec_10k, sec_10q, sec_8k, "
                        + "gaap_reconciliation, sbc_breakdown, analyst_estimates, financial_metrics, comparison");
        assertThatThrownBy(() -> curator.approve(id, Review.by("ann").build()))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).problems())
                        .containsExactly(
                                "category is required to approve interaction " + id + ", but was null",
                                "quality is required to approve interaction " + id + ", but was null"));
        assertThatThrownBy(() -> curator.approve(
                        id,
                        Review.by(" ")
                                .category("x y")
                                .quality(12)
                                .improvedResponse(" ")
                                .build()))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).problems()).hasSize(4));
        assertThatThrownBy(() -> curator.reReview(
                        approved.id(), Review.by("bob").category("crypto").build()))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("allowed: sec_10k");
        ExampleId missing = ExampleId.next(NOW.toEpochMilli());
        assertThatThrownBy(() ->
                        curator.reReview(missing, Review.by("bob").quality(5).build()))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("example " + missing + " does not exist");

        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void anErasedUsersInteractionCannotBeReviewed() {
        InteractionId id = record(store, spec().user("gone"));
        TrainingExample other = curator.approve(record(store, spec().user("gone")), good("ann"));
        store.eraseUser("gone");
        Snapshot before = snapshot();

        assertThatThrownBy(() -> curator.approve(id, good("ann")))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("interaction " + id)
                .hasMessageContaining("erased");
        assertThatThrownBy(() -> curator.reject(id, "no", "ann")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> curator.reReview(other.id(), good("ann"))).isInstanceOf(NotFoundException.class);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void concurrentReviewersPromoteAnInteractionExactlyOnce() throws Exception {
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 20; round++) {
                InteractionId id = record(store, spec());
                CountDownLatch start = new CountDownLatch(1);
                AtomicInteger conflicts = new AtomicInteger();
                List<Future<TrainingExample>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    String reviewer = "reviewer-" + t;
                    boolean rejects = t % 4 == 3;
                    Callable<TrainingExample> review = () -> {
                        start.await();
                        try {
                            return rejects ? curator.reject(id, "dup", reviewer) : curator.approve(id, good(reviewer));
                        } catch (ConflictException e) {
                            assertThat(e).hasMessageContaining("interaction " + id);
                            conflicts.incrementAndGet();
                            return null;
                        }
                    };
                    results.add(pool.submit(review));
                }
                start.countDown();
                List<TrainingExample> winners = new ArrayList<>();
                for (Future<TrainingExample> f : results) {
                    TrainingExample e = f.get(30, TimeUnit.SECONDS);
                    if (e != null) {
                        winners.add(e);
                    }
                }
                assertThat(winners).hasSize(1);
                assertThat(conflicts).hasValue(threads - 1);
                assertThat(store.examples().findBySource(id)).contains(winners.get(0));
                assertThat(store.examples().history(winners.get(0).id())).hasSize(1);
            }
            List<TrainingExample> all = new ArrayList<>();
            store.examples().scan(ExampleQuery.all(), all::add);
            assertThat(all).hasSize(20);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void categoryCapCountsApprovedExamplesAndCandidatesAlreadyKept() {
        // the classifier guesses from the question; the cap is 2 per category
        for (int i = 0; i < 3; i++) {
            record(store, spec().question("10-K question " + i).at(NOW.minusSeconds(100 + i)));
            record(store, spec().question("8-K question " + i).at(NOW.minusSeconds(200 + i)));
        }
        InteractionId unknown = record(store, spec().question("something else").at(NOW.minusSeconds(300)));
        InteractionId approvedTenK =
                record(store, spec().question("10-K approved").at(NOW.minusSeconds(400)));
        curator.approve(
                approvedTenK,
                Review.by("ann").category(Category.SEC_10K).quality(8).build());
        CurationPolicy policy = CurationPolicy.builder()
                .categoryCap(2, r -> {
                    String q = r.interaction().userMessage();
                    return q.startsWith("10-K")
                            ? Optional.of(Category.SEC_10K)
                            : q.startsWith("8-K") ? Optional.of(Category.SEC_8K) : Optional.empty();
                })
                .build();

        List<String> questions =
                curator.candidates(policy).stream().map(Candidate::question).toList();

        assertThat(questions).containsExactly("10-K question 0", "8-K question 0", "8-K question 1", "something else");
        assertThat(curator.candidates(policy.toBuilder().limit(2).build()))
                .extracting(Candidate::question)
                .containsExactly("10-K question 0", "8-K question 0");
        assertThat(curator.candidates(CurationPolicy.seedDefault()))
                .hasSize(7)
                .extracting(Candidate::interactionId)
                .contains(unknown);
    }

    @Test
    void windowFollowsTheClock() {
        InteractionId id = record(store, spec().at(NOW.minus(Duration.ofDays(6))));
        assertThat(curator.candidates(CurationPolicy.seedDefault()))
                .extracting(Candidate::interactionId)
                .containsExactly(id);
        clock.advance(Duration.ofDays(2));
        assertThat(curator.candidates(CurationPolicy.seedDefault())).isEmpty();
        assertThat(curator.candidates(
                        CurationPolicy.builder().window(Duration.ofDays(30)).build()))
                .hasSize(1);
    }

    /** Everything the curator can change, for "nothing changed" checks. */
    private record Snapshot(
            List<TrainingExample> examples,
            List<List<ExampleRevision>> histories,
            List<InteractionId> candidates,
            Instant at) {}

    private Snapshot snapshot() {
        List<TrainingExample> all = new ArrayList<>();
        store.examples().scan(ExampleQuery.all(), all::add);
        List<List<ExampleRevision>> histories =
                all.stream().map(e -> store.examples().history(e.id())).toList();
        List<InteractionId> candidates = curator.candidates(CurationPolicy.seedDefault()).stream()
                .map(Candidate::interactionId)
                .toList();
        return new Snapshot(all, histories, candidates, clock.instant());
    }
}
