package dev.tuneloop.store;

import static dev.tuneloop.testsupport.Fixtures.NOW;
import static dev.tuneloop.testsupport.Fixtures.approved;
import static dev.tuneloop.testsupport.Fixtures.event;
import static dev.tuneloop.testsupport.Fixtures.firstRevision;
import static dev.tuneloop.testsupport.Fixtures.interaction;
import static dev.tuneloop.testsupport.Fixtures.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tuneloop.curate.ExampleStore;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.record.CandidateQuery;
import dev.tuneloop.record.Edit;
import dev.tuneloop.record.FeedbackEvent;
import dev.tuneloop.record.FollowUp;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.InteractionStore;
import dev.tuneloop.record.Rating;
import dev.tuneloop.record.RecordedInteraction;
import dev.tuneloop.record.Role;
import dev.tuneloop.record.ScanQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link InteractionStore} must meet. A store implementation extends this class and returns a fresh,
 * empty {@link Store} from {@link #newStore()}; its example store decides "already reviewed" for candidates.
 */
public abstract class InteractionStoreContract {

    /**
     * A fresh, empty store; called once before every test.
     *
     * @return the store under test
     */
    protected abstract Store newStore();

    private Store aggregate;
    private InteractionStore store;
    private ExampleStore examples;

    @BeforeEach
    void setUpStore() {
        aggregate = newStore();
        store = aggregate.interactions();
        examples = aggregate.examples();
    }

    protected InteractionStore store() {
        return store;
    }

    private static CandidateQuery seed() {
        return CandidateQuery.seedDefault(NOW);
    }

    private void append(Interaction... is) {
        store.append(List.of(is), List.of());
    }

    private void feedback(FeedbackEvent... es) {
        store.append(List.of(), List.of(es));
    }

    private RecordedInteraction get(InteractionId id) {
        return store.find(id).orElseThrow();
    }

    // ------------------------------------------------------------- idempotency and round trip

    @Test
    void appendedInteractionRoundTripsEveryField() {
        Interaction i = interaction("user-42", NOW.minusSeconds(60).plusNanos(123_456_000))
                .sessionId("session-7")
                .addRetrievedDocument("doc-1", "NVDA 10-Q Q3 FY2025", "Stock-based compensation: $1,400 million")
                .addRetrievedDocument("doc-2", null, "")
                .addPriorTurn(Role.USER, "Hi")
                .addPriorTurn(Role.ASSISTANT, "Hello! How can I help?")
                .latency(Duration.ofMillis(1234))
                .tokens(321, 123)
                .putMetadata("feature", "chat")
                .putMetadata("locale", "en-US")
                .build();
        append(i);
        RecordedInteraction r = get(i.id());
        assertThat(r.interaction()).isEqualTo(i);
        assertThat(r.feedback().hasFeedback()).isFalse();
        assertThat(r.feedback().feedbackRating()).isNull();
        assertThat(r.feedback().userEditedResponse()).isEmpty();
        assertThat(r.feedback().hadFollowUp()).isFalse();
    }

    @Test
    void toolCallingConversationsRoundTripExactly() {
        java.util.Random random = new java.util.Random(14);
        List<Interaction> all = new ArrayList<>();
        for (int k = 0; k < 150; k++) {
            all.add(dev.tuneloop.testsupport.Conversations.interaction(random, NOW.minusSeconds(k)));
        }
        store.append(all, List.of());
        for (Interaction i : all) {
            assertThat(get(i.id()).interaction()).isEqualTo(i);
        }
        assertThat(all).anyMatch(i -> i.steps().size() > 2 && !i.tools().isEmpty());
        assertThat(all).anyMatch(i -> i.userMessageParts().size() > 2);
        // the reviewed copy keeps the exchange too
        for (Interaction i : all.subList(0, 40)) {
            TrainingExample e = approved(i, NOW);
            examples.save(e, firstRevision(e));
            assertThat(examples.find(e.id()).orElseThrow()).isEqualTo(e);
        }
    }

    @Test
    void findUnknownIsEmpty() {
        assertThat(store.find(InteractionId.next())).isEmpty();
    }

    @Test
    void reDeliveredBatchNeverDuplicatesNorReplaces() {
        Interaction i = interaction(NOW.minusSeconds(10));
        FeedbackEvent up = event(i.id(), NOW.minusSeconds(5), Rating.up());
        store.append(List.of(i), List.of(up));
        Interaction sameIdOtherText =
                i.toBuilder().assistantResponse("a different answer").build();
        store.append(List.of(sameIdOtherText, i), List.of(up, up));
        assertThat(store.count(ScanQuery.all())).isEqualTo(1);
        RecordedInteraction r = get(i.id());
        assertThat(r.interaction().assistantResponse()).isEqualTo(i.assistantResponse());
        assertThat(r.feedback().feedbackRating()).isEqualTo(1);
        assertThat(r.feedback().lastFeedbackAt()).isEqualTo(up.at());
    }

    @Test
    void duplicateEventInsideOneBatchIsStoredOnce() {
        Interaction i = interaction(NOW.minusSeconds(10));
        FeedbackEvent f = event(i.id(), NOW.minusSeconds(5), FollowUp.of("and in Q4?"));
        store.append(List.of(i), List.of(f, f));
        assertThat(get(i.id()).feedback().followUps()).isEqualTo(1);
    }

    // ------------------------------------------------------------- feedback derivation

    @Test
    void latestRatingWins() {
        Interaction i = interaction(NOW.minusSeconds(100));
        append(i);
        feedback(event(i.id(), NOW.minusSeconds(50), Rating.up()));
        feedback(event(i.id(), NOW.minusSeconds(40), Rating.down("wrong quarter")));
        assertThat(get(i.id()).feedback().feedbackRating()).isEqualTo(-1);
        assertThat(get(i.id()).feedback().rating().comment()).isEqualTo("wrong quarter");
        // an older event delivered late does not win
        feedback(event(i.id(), NOW.minusSeconds(45), Rating.up()));
        assertThat(get(i.id()).feedback().feedbackRating()).isEqualTo(-1);
        feedback(event(i.id(), NOW.minusSeconds(30), Rating.up()));
        assertThat(get(i.id()).feedback().feedbackRating()).isEqualTo(1);
    }

    @Test
    void everyEditIsKeptInOrderAndTheOriginalIsNeverOverwritten() {
        Interaction i = interaction(NOW.minusSeconds(100));
        append(i);
        feedback(event(i.id(), NOW.minusSeconds(30), new dev.tuneloop.record.Edit("third", "ann")));
        feedback(
                event(i.id(), NOW.minusSeconds(50), Edit.of("first")),
                event(i.id(), NOW.minusSeconds(40), new Edit("second", "bob")));
        RecordedInteraction r = get(i.id());
        assertThat(r.feedback().edits()).extracting(e -> e.text()).containsExactly("first", "second", "third");
        assertThat(r.feedback().edits()).extracting(e -> e.editor()).containsExactly(null, "bob", "ann");
        assertThat(r.feedback().userEditedResponse()).contains("third");
        assertThat(r.interaction().assistantResponse()).isEqualTo(i.assistantResponse());
    }

    @Test
    void feedbackThatArrivesBeforeItsInteractionIsApplied() {
        Interaction i = interaction(NOW.minusSeconds(100));
        feedback(
                event(i.id(), NOW.minusSeconds(50), Edit.of("corrected")),
                event(i.id(), NOW.minusSeconds(49), FollowUp.of()));
        assertThat(store.find(i.id())).isEmpty();
        append(i);
        RecordedInteraction r = get(i.id());
        assertThat(r.feedback().userEditedResponse()).contains("corrected");
        assertThat(r.feedback().hadFollowUp()).isTrue();
        assertThat(r.feedback().firstFeedbackAt()).isEqualTo(NOW.minusSeconds(50));
        assertThat(r.feedback().lastFeedbackAt()).isEqualTo(NOW.minusSeconds(49));
    }

    @Test
    void eventsInTheSameMicrosecondApplyInEventIdOrder() {
        Interaction i = interaction(NOW.minusSeconds(100));
        append(i);
        Instant at = NOW.minusSeconds(10);
        FeedbackEvent a = event(i.id(), at, Rating.down());
        FeedbackEvent b = event(i.id(), at, Rating.up()); // made later: larger UUIDv7
        feedback(b, a);
        assertThat(get(i.id()).feedback().feedbackRating()).isEqualTo(1);
    }

    // ------------------------------------------------------------- the seed's candidate rule

    @Test
    void candidateRuleFollowsTheSeed() {
        Interaction up = interaction(NOW.minus(Duration.ofDays(1)));
        Interaction edited = interaction(NOW.minus(Duration.ofDays(2)));
        Interaction editedButDown = interaction(NOW.minus(Duration.ofDays(3)));
        Interaction upWithFollowUp = interaction(NOW.minus(Duration.ofDays(1)));
        Interaction down = interaction(NOW.minus(Duration.ofDays(1)));
        Interaction none = interaction(NOW.minus(Duration.ofDays(1)));
        Interaction tooOld = interaction(NOW.minus(Duration.ofDays(8)));
        Interaction exactlySevenDays = interaction(NOW.minus(Duration.ofDays(7)));
        Interaction promoted = interaction(NOW.minus(Duration.ofDays(1)));
        Interaction rejectedOne = interaction(NOW.minus(Duration.ofDays(1)));
        append(up, edited, editedButDown, upWithFollowUp, down, none, tooOld, exactlySevenDays, promoted, rejectedOne);
        Instant t = NOW.minusSeconds(60);
        feedback(
                event(up.id(), t, Rating.up()),
                event(edited.id(), t, Edit.of("better")),
                event(editedButDown.id(), t, Rating.down()),
                event(editedButDown.id(), t.plusSeconds(1), Edit.of("fixed")),
                event(upWithFollowUp.id(), t, Rating.up()),
                event(upWithFollowUp.id(), t.plusSeconds(1), FollowUp.of("what about Q4?")),
                event(down.id(), t, Rating.down()),
                event(tooOld.id(), t, Rating.up()),
                event(exactlySevenDays.id(), t, Rating.up()),
                event(promoted.id(), t, Rating.up()),
                event(rejectedOne.id(), t, Rating.up()));
        TrainingExample p = approved(promoted, NOW);
        examples.insert(p, firstRevision(p));
        TrainingExample r = rejected(rejectedOne, NOW);
        examples.insert(r, firstRevision(r));

        List<InteractionId> ids =
                store.candidates(seed()).stream().map(RecordedInteraction::id).toList();
        // edited first (newest first among them), then the rest newest first
        assertThat(ids).containsExactly(edited.id(), editedButDown.id(), up.id());
    }

    @Test
    void candidatesWithEqualCreatedAtAreOrderedByIdDescending() {
        Instant same = NOW.minus(Duration.ofHours(3));
        List<Interaction> list = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            list.add(interaction(same));
        }
        store.append(
                list,
                list.stream()
                        .map(i -> event(i.id(), NOW.minusSeconds(1), Rating.up()))
                        .toList());
        List<InteractionId> expected = list.stream()
                .map(Interaction::id)
                .sorted(java.util.Comparator.reverseOrder())
                .toList();
        assertThat(store.candidates(seed()).stream()
                        .map(RecordedInteraction::id)
                        .toList())
                .isEqualTo(expected);
        assertThat(store.candidates(seed()).stream()
                        .map(RecordedInteraction::id)
                        .toList())
                .isEqualTo(expected);
    }

    @Test
    void candidateQueryFiltersAndLimit() {
        Interaction a = interaction("alice", NOW.minus(Duration.ofHours(1)))
                .modelUsed("gpt-4o-mini")
                .putMetadata("feature", "chat")
                .build();
        Interaction b = interaction("bob", NOW.minus(Duration.ofHours(2)))
                .modelUsed("ft:gpt-4o-mini:org::abc")
                .putMetadata("feature", "chat")
                .build();
        Interaction c = interaction("carol", NOW.minus(Duration.ofHours(3)))
                .assistantResponse("short")
                .putMetadata("feature", "search")
                .build();
        append(a, b, c);
        feedback(event(a.id(), NOW, Rating.up()), event(b.id(), NOW, Rating.up()), event(c.id(), NOW, Rating.up()));
        assertThat(ids(seed().toBuilder().modelsUsed(Set.of("gpt-4o-mini")).build()))
                .containsExactly(a.id(), c.id());
        assertThat(ids(seed().toBuilder().metadataEquals("feature", "chat").build()))
                .containsExactly(a.id(), b.id());
        assertThat(ids(seed().toBuilder().minResponseChars(10).build())).containsExactly(a.id(), b.id());
        assertThat(ids(seed().toBuilder().excludeUserIds(Set.of("bob")).build()))
                .containsExactly(a.id(), c.id());
        assertThat(ids(seed().toBuilder().excludeIds(Set.of(a.id())).build())).containsExactly(b.id(), c.id());
        assertThat(ids(seed().toBuilder().limit(2).build())).containsExactly(a.id(), b.id());
        assertThat(ids(seed().toBuilder()
                        .createdBefore(NOW.minus(Duration.ofMinutes(90)))
                        .build()))
                .containsExactly(b.id(), c.id());
        assertThat(ids(seed().toBuilder()
                        .requireUpOrEdited(false)
                        .excludeFollowUps(false)
                        .build()))
                .hasSize(3);
    }

    private List<InteractionId> ids(CandidateQuery q) {
        return store.candidates(q).stream().map(RecordedInteraction::id).toList();
    }

    // ------------------------------------------------------------- scan and count

    @Test
    void scanIsOrderedAndFiltered() {
        Interaction old = interaction("u1", NOW.minus(Duration.ofDays(3))).build();
        Interaction mid =
                interaction("u2", NOW.minus(Duration.ofDays(2))).modelUsed("m2").build();
        Interaction recent = interaction("u1", NOW.minus(Duration.ofDays(1))).build();
        append(recent, old, mid);
        List<InteractionId> all = new ArrayList<>();
        store.scan(ScanQuery.all(), r -> all.add(r.id()));
        assertThat(all).containsExactly(old.id(), mid.id(), recent.id());
        assertThat(store.count(ScanQuery.between(NOW.minus(Duration.ofDays(2)), NOW)))
                .isEqualTo(2);
        assertThat(store.count(ScanQuery.all().withModelUsed("m2"))).isEqualTo(1);
        assertThat(store.count(ScanQuery.all().withUserId("u1"))).isEqualTo(2);
    }

    // ------------------------------------------------------------- Unicode

    @Test
    void anyValidUnicodeRoundTripsExactly() {
        String tricky = "emoji 👍🏽 family 👨‍👩‍👧, RTL שלום עליכם مرحبا, combining e\u0301 a\u030A, "
                + "quotes ' \" ; -- /* */ \\ backslash, CJK 漢字, line\u2028sep, tab\tend";
        Interaction i = interaction("user-ü-👍", NOW.minusSeconds(5))
                .userMessage(tricky)
                .assistantResponse(tricky)
                .systemPrompt(tricky)
                .putMetadata("k-ü", tricky)
                .build();
        append(i);
        feedback(event(i.id(), NOW, dev.tuneloop.record.Edit.of(tricky + " edited")));
        RecordedInteraction r = get(i.id());
        assertThat(r.interaction()).isEqualTo(i);
        assertThat(r.feedback().userEditedResponse()).contains(tricky + " edited");
    }

    // ------------------------------------------------------------- erasure

    @Test
    void eraseUserRemovesInteractionsFeedbackAndExamples() {
        Interaction mine = interaction("erase-me", NOW.minusSeconds(50)).build();
        Interaction mine2 = interaction("erase-me", NOW.minusSeconds(40)).build();
        Interaction other = interaction("keep-me", NOW.minusSeconds(30)).build();
        append(mine, mine2, other);
        feedback(event(mine.id(), NOW, Rating.up()), event(other.id(), NOW, Rating.up()));
        TrainingExample e = approved(mine, NOW);
        examples.insert(e, firstRevision(e));

        assertThat(aggregate.eraseUser("erase-me"))
                .isEqualTo(ErasureReport.builder()
                        .interactions(2)
                        .feedbackEvents(1)
                        .examples(1)
                        .revisions(1)
                        .exampleIds(java.util.List.of(e.id()))
                        .build());

        assertThat(store.find(mine.id())).isEmpty();
        assertThat(store.find(mine2.id())).isEmpty();
        assertThat(examples.find(e.id())).isEmpty();
        assertThat(examples.findBySource(mine.id())).isEmpty();
        assertThat(examples.history(e.id())).isEmpty();
        assertThat(get(other.id()).feedback().feedbackRating()).isEqualTo(1);
        assertThat(store.count(ScanQuery.all())).isEqualTo(1);
        assertThat(aggregate.eraseUser("erase-me")).isEqualTo(ErasureReport.NONE);
    }

    // ------------------------------------------------------------- concurrency

    @Test
    void concurrentAppendsFromManyThreadsLoseNothing() throws Exception {
        int threads = 8;
        int perThread = 60;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<InteractionId>>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                start.await();
                List<InteractionId> mine = new ArrayList<>();
                for (int k = 0; k < perThread; k += 3) {
                    List<Interaction> batch = new ArrayList<>();
                    List<FeedbackEvent> events = new ArrayList<>();
                    for (int j = 0; j < 3; j++) {
                        Interaction i = interaction("t" + thread, NOW.minusSeconds(1000 - k - j))
                                .build();
                        batch.add(i);
                        events.add(event(i.id(), NOW, Rating.up()));
                        mine.add(i.id());
                    }
                    store.append(batch, events);
                }
                return mine;
            }));
        }
        start.countDown();
        List<InteractionId> all = new ArrayList<>();
        for (Future<List<InteractionId>> f : futures) {
            all.addAll(f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertThat(store.count(ScanQuery.all())).isEqualTo((long) threads * perThread);
        for (InteractionId id : all) {
            assertThat(get(id).feedback().feedbackRating()).isEqualTo(1);
        }
    }

    @Test
    void seedColumnsOfRecordedInteraction() {
        Interaction i = interaction(NOW.minusSeconds(100));
        append(i);
        feedback(
                event(i.id(), NOW.minusSeconds(3), Rating.down()),
                event(i.id(), NOW.minusSeconds(2), Edit.of("gold")),
                event(i.id(), NOW.minusSeconds(1), FollowUp.of()));
        RecordedInteraction r = get(i.id());
        assertThat(Map.of(
                        "feedback_rating",
                        r.feedback().feedbackRating(),
                        "user_edited_response",
                        r.feedback().userEditedResponse().orElseThrow(),
                        "had_followup",
                        r.feedback().hadFollowUp()))
                .containsEntry("feedback_rating", -1)
                .containsEntry("user_edited_response", "gold")
                .containsEntry("had_followup", true);
    }
}
