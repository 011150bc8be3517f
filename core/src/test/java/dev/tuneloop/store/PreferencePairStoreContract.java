package dev.tuneloop.store;

import static dev.tuneloop.testsupport.Fixtures.NOW;
import static dev.tuneloop.testsupport.Fixtures.approved;
import static dev.tuneloop.testsupport.Fixtures.firstRevision;
import static dev.tuneloop.testsupport.Fixtures.interaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.curate.ExampleId;
import dev.tuneloop.curate.PairMarker;
import dev.tuneloop.curate.PreferencePair;
import dev.tuneloop.curate.PreferencePairStore;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.errors.ConflictException;
import dev.tuneloop.errors.NotFoundException;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.testing.TestClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link PreferencePairStore} must meet, with {@link PairMarker} over it and the erasure of the
 * pairs by {@link Store#eraseUser}. A store implementation extends this class and returns a fresh, empty {@link Store}
 * from {@link #newStore()}.
 */
public abstract class PreferencePairStoreContract {

    /** For subclasses: one per store implementation. */
    protected PreferencePairStoreContract() {}

    /**
     * A fresh, empty store; called once before every test.
     *
     * @return the store under test
     */
    protected abstract Store newStore();

    private Store store;
    private PreferencePairStore pairs;

    @BeforeEach
    void setUpStore() {
        store = newStore();
        pairs = store.preferencePairs();
    }

    private Interaction record(String user, String answer, int second) {
        Interaction i = interaction(user, NOW.minusSeconds(3600 - second))
                .assistantResponse(answer)
                .build();
        store.interactions().append(List.of(i), List.of());
        return i;
    }

    private TrainingExample approve(Interaction i) {
        TrainingExample e = approved(i, NOW);
        store.examples().insert(e, firstRevision(e));
        return e;
    }

    private static PreferencePair pair(TrainingExample e, Interaction worse, Instant at) {
        return new PreferencePair(
                PreferencePair.nextId(at.toEpochMilli()),
                e.id(),
                e.userId(),
                worse.id(),
                worse.userId(),
                e.trainingResponse(),
                worse.assistantResponse(),
                "alice",
                "cites the wrong quarter",
                at);
    }

    @Test
    void storesAPairExactlyAndFindsItByIdExampleAndScan() {
        TrainingExample e = approve(record("u1", "SBC was $1.4B in Q3 FY2025.", 0));
        Interaction worse = record("u2", "SBC was about a billion.", 1);
        PreferencePair p = pair(e, worse, NOW.plusNanos(1_234_567));
        pairs.add(p);
        PreferencePair found = pairs.find(p.id()).orElseThrow();
        assertThat(found).isEqualTo(p);
        assertThat(found.markedAt()).isEqualTo(NOW.plusNanos(1_234_000));
        assertThat(found.chosen()).isEqualTo("SBC was $1.4B in Q3 FY2025.");
        assertThat(found.rejected()).isEqualTo("SBC was about a billion.");
        assertThat(found.userId()).isEqualTo("u1");
        assertThat(found.rejectedUserId()).isEqualTo("u2");
        assertThat(found.note()).isEqualTo("cites the wrong quarter");
        assertThat(pairs.forExample(e.id())).containsExactly(p);
        assertThat(pairs.forExample(new ExampleId(UUID.randomUUID()))).isEmpty();
        List<PreferencePair> all = new ArrayList<>();
        pairs.scan(all::add);
        assertThat(all).containsExactly(p);
        assertThat(pairs.find(UUID.randomUUID())).isEmpty();
    }

    @Test
    void keepsANullNoteAndHostileText() {
        TrainingExample e = approve(record("u1", "line one\nline \"two\" \u00e9\u4e2d\ud83d\ude00 ' ; --", 0));
        Interaction worse = record("u1", "\t tabs and \\ backslashes \u0001", 1);
        PreferencePair p = new PreferencePair(
                PreferencePair.nextId(NOW.toEpochMilli()),
                e.id(),
                e.userId(),
                worse.id(),
                worse.userId(),
                e.trainingResponse(),
                worse.assistantResponse(),
                "bob",
                null,
                NOW);
        pairs.add(p);
        assertThat(pairs.find(p.id())).contains(p);
    }

    @Test
    void listsPairsOldestFirst() {
        TrainingExample e = approve(record("u1", "gold", 0));
        Interaction a = record("u2", "worse a", 1);
        Interaction b = record("u3", "worse b", 2);
        Interaction c = record("u4", "worse c", 3);
        PreferencePair late = pair(e, a, NOW.plusSeconds(20));
        PreferencePair early = pair(e, b, NOW.plusSeconds(5));
        PreferencePair middle = pair(e, c, NOW.plusSeconds(10));
        pairs.add(late);
        pairs.add(early);
        pairs.add(middle);
        assertThat(pairs.forExample(e.id())).containsExactly(early, middle, late);
        List<PreferencePair> all = new ArrayList<>();
        pairs.scan(all::add);
        assertThat(all).containsExactly(early, middle, late);
    }

    @Test
    void refusesAnUnknownExampleOrInteractionAndASecondPairOfTheSameTwo() {
        TrainingExample e = approve(record("u1", "gold", 0));
        Interaction worse = record("u2", "worse", 1);
        Interaction notStored = interaction("u3", NOW).build();
        assertThatThrownBy(() -> pairs.add(pair(e, notStored, NOW)))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("interaction " + notStored.id());
        TrainingExample notApproved = approved(record("u4", "other", 2), NOW);
        assertThatThrownBy(() -> pairs.add(pair(notApproved, worse, NOW)))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("example " + notApproved.id());
        PreferencePair first = pair(e, worse, NOW);
        pairs.add(first);
        assertThatThrownBy(() -> pairs.add(pair(e, worse, NOW.plusSeconds(1))))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("already paired");
        assertThatThrownBy(() -> pairs.add(first)).isInstanceOf(ConflictException.class);
        List<PreferencePair> all = new ArrayList<>();
        pairs.scan(all::add);
        assertThat(all).containsExactly(first);
    }

    @Test
    void removesAPair() {
        TrainingExample e = approve(record("u1", "gold", 0));
        PreferencePair p = pair(e, record("u2", "worse", 1), NOW);
        pairs.add(p);
        assertThat(pairs.remove(p.id())).isTrue();
        assertThat(pairs.remove(p.id())).isFalse();
        assertThat(pairs.find(p.id())).isEmpty();
        assertThat(pairs.forExample(e.id())).isEmpty();
    }

    @Test
    void erasingEitherUserRemovesThePairAndCountsIt() {
        TrainingExample kept = approve(record("keep", "gold kept", 0));
        TrainingExample gone = approve(record("gone", "gold gone", 1));
        Interaction worseByGone = record("gone", "worse by gone", 2);
        Interaction worseByKeep = record("keep", "worse by keep", 3);
        Interaction worseByOther = record("other", "worse by other", 4);
        PreferencePair rejectedIsGone = pair(kept, worseByGone, NOW);
        PreferencePair exampleIsGone = pair(gone, worseByKeep, NOW.plusSeconds(1));
        PreferencePair untouched = pair(kept, worseByOther, NOW.plusSeconds(2));
        pairs.add(rejectedIsGone);
        pairs.add(exampleIsGone);
        pairs.add(untouched);

        ErasureReport report = store.eraseUser("gone");

        assertThat(report.preferencePairs()).isEqualTo(2);
        assertThat(pairs.find(rejectedIsGone.id())).isEmpty();
        assertThat(pairs.find(exampleIsGone.id())).isEmpty();
        List<PreferencePair> all = new ArrayList<>();
        pairs.scan(all::add);
        assertThat(all).containsExactly(untouched);
        assertThat(store.eraseUser("gone").preferencePairs()).isZero();
    }

    @Test
    void theMarkerStoresWhatItCheckedAndTheStoreRefusesAMarkTwice() {
        TestClock clock = TestClock.at(NOW);
        PairMarker marker = PairMarker.create(store.interactions(), store.examples(), pairs, clock);
        TrainingExample e = approve(record("u1", "gold answer", 0));
        Interaction worse = record("u2", "worse answer", 1);
        PreferencePair p = marker.mark(e.id(), worse.id(), "alice", null);
        assertThat(p.chosen()).isEqualTo("gold answer");
        assertThat(p.rejected()).isEqualTo("worse answer");
        assertThat(p.markedBy()).isEqualTo("alice");
        assertThat(p.markedAt()).isEqualTo(NOW);
        assertThat(marker.pairs(e.id())).containsExactly(p);
        InteractionId again = worse.id();
        assertThatThrownBy(() -> marker.mark(e.id(), again, "bob", null)).isInstanceOf(ConflictException.class);
        assertThat(marker.unmark(p.id())).isTrue();
        assertThat(marker.pairs(e.id())).isEmpty();
    }
}
