package dev.tuneloop.curate;

import static dev.tuneloop.curate.Fixtures.NOW;
import static dev.tuneloop.curate.Fixtures.record;
import static dev.tuneloop.curate.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.errors.ConflictException;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.store.Store;
import dev.tuneloop.testing.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReviewQueueTest {
    private final Store store = Store.inMemory();
    private final TestClock clock = TestClock.at(NOW);
    private final Curator curator = Curator.create(
            store.interactions(),
            store.examples(),
            CurationOptions.builder().clock(clock).build());

    private ReviewQueue queue(ReviewAssignment assignment) {
        return ReviewQueue.builder(curator, store.claims())
                .assignment(assignment)
                .lease(Duration.ofMinutes(10))
                .clock(clock)
                .build();
    }

    private List<InteractionId> candidates(int n) {
        List<InteractionId> ids = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            ids.add(record(store, spec().at(NOW.minus(Duration.ofHours(1)).plusSeconds(k))));
        }
        return ids;
    }

    private static List<InteractionId> ids(List<Candidate> cs) {
        return cs.stream().map(Candidate::interactionId).toList();
    }

    private static Review review(String reviewer) {
        return new Review(reviewer, null, "sec_10q", 8, null);
    }

    @Test
    void claimedCandidatesAreNotServedToOthersAndTheQueueShowsThem() {
        List<InteractionId> ids = candidates(5);
        ReviewQueue q = queue(ReviewAssignment.anyone());
        List<Candidate> alice = q.claim("alice", 3);
        List<Candidate> bob = q.claim("bob", 3);
        assertThat(alice).hasSize(3);
        assertThat(bob).hasSize(2);
        assertThat(ids(alice)).doesNotContainAnyElementsOf(ids(bob));
        assertThat(ids(q.queue("alice"))).containsExactlyInAnyOrderElementsOf(ids(alice));
        assertThat(q.claim("carol", 3)).isEmpty();
        assertThat(q.claims()).hasSize(ids.size());
    }

    @Test
    void aReviewOfSomeoneElsesClaimIsRefusedNamingTheHolder() {
        candidates(1);
        ReviewQueue q = queue(ReviewAssignment.anyone());
        InteractionId id = q.claim("alice", 1).get(0).interactionId();
        assertThatThrownBy(() -> q.approve(id, review("bob")))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("claimed by reviewer 'alice' until " + NOW.plus(Duration.ofMinutes(10)))
                .hasMessageContaining("'bob' cannot approve");
        assertThatThrownBy(() -> q.reject(id, "vague", "bob"))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("'alice'");
        assertThat(store.examples().findBySource(id)).isEmpty();
        TrainingExample e = q.approve(id, review("alice"));
        assertThat(e.reviewer()).isEqualTo("alice");
        assertThat(q.claims()).isEmpty();
        assertThat(q.queue("alice")).isEmpty();
    }

    @Test
    void anExpiredClaimReturnsItsCandidatesAndRenewKeepsThem() {
        candidates(2);
        ReviewQueue q = queue(ReviewAssignment.anyone());
        List<Candidate> alice = q.claim("alice", 1);
        List<Candidate> bob = q.claim("bob", 1);
        clock.advance(Duration.ofMinutes(9));
        assertThat(q.renew("alice")).hasSize(1);
        clock.advance(Duration.ofMinutes(2)); // bob's lease is over, alice's renewed one is not
        List<Candidate> carol = q.claim("carol", 5);
        assertThat(ids(carol)).containsExactlyElementsOf(ids(bob));
        assertThat(ids(q.queue("alice"))).containsExactlyElementsOf(ids(alice));
        assertThat(q.queue("bob")).isEmpty();
        InteractionId bobs = bob.get(0).interactionId();
        assertThatThrownBy(() -> q.approve(bobs, review("bob")))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("'carol'");
    }

    @Test
    void releaseGivesTheCandidateBack() {
        candidates(1);
        ReviewQueue q = queue(ReviewAssignment.anyone());
        InteractionId id = q.claim("alice", 1).get(0).interactionId();
        assertThat(q.release("bob", id)).isFalse();
        assertThat(q.release("alice", id)).isTrue();
        assertThat(ids(q.claim("bob", 1))).containsExactly(id);
    }

    @Test
    void anUnclaimedCandidateCanStillBeReviewedDirectly() {
        InteractionId id = candidates(1).get(0);
        ReviewQueue q = queue(ReviewAssignment.anyone());
        assertThat(q.approve(id, review("bob")).sourceInteractionId()).isEqualTo(id);
        assertThat(q.claim("alice", 1)).isEmpty();
    }

    @Test
    void roundRobinSplitsTheCandidatesByTheDocumentedBucket() {
        List<InteractionId> ids = candidates(30);
        List<String> team = List.of("alice", "bob", "carol");
        ReviewQueue q = queue(ReviewAssignment.roundRobin(team));
        for (String reviewer : team) {
            List<Candidate> got = q.claim(reviewer, 30);
            assertThat(got)
                    .allSatisfy(c -> assertThat(team.get(ReviewAssignment.bucket(c.interactionId(), 3)))
                            .isEqualTo(reviewer));
        }
        assertThat(q.claims()).hasSize(ids.size());
        assertThat(q.claim("dave", 5)).isEmpty();
    }

    @Test
    void roundRobinBucketIsTheUnsignedLowBitsModuloTheTeam() {
        InteractionId id = InteractionId.parse("0190a4f3-0000-7000-8000-000000000005");
        // low 64 bits = 0x8000000000000005 = 9223372036854775813 (unsigned); mod 3 = 1, mod 7 = 6
        assertThat(ReviewAssignment.bucket(id, 3)).isEqualTo(1);
        assertThat(ReviewAssignment.bucket(id, 7)).isEqualTo(6);
        assertThatThrownBy(() -> ReviewAssignment.roundRobin(List.of("a", "a"))).hasMessageContaining("twice");
        assertThatThrownBy(() -> ReviewAssignment.roundRobin(List.of())).hasMessageContaining("at least one");
    }

    @Test
    void byCategorySendsKnownCategoriesToTheirReviewersAndTheRestToAnyone() {
        InteractionId gaap =
                record(store, spec().question("Reconcile GAAP net income").at(NOW.minusSeconds(300)));
        InteractionId other = record(store, spec().question("Hello").at(NOW.minusSeconds(200)));
        ReviewAssignment rule = ReviewAssignment.byCategory(
                Map.of("alice", Set.of(Category.of("gaap_reconciliation"))),
                c -> c.question().contains("GAAP")
                        ? Optional.of(Category.of("gaap_reconciliation"))
                        : Optional.empty());
        ReviewQueue q = queue(rule);
        assertThat(ids(q.claim("bob", 5))).containsExactly(other);
        assertThat(ids(q.claim("alice", 5))).containsExactly(gaap);
    }

    @Test
    void badArgumentsAreNamed() {
        ReviewQueue q = queue(ReviewAssignment.anyone());
        assertThatThrownBy(() -> q.claim("", 1))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("reviewer");
        assertThatThrownBy(() -> q.claim("alice", ReviewQueue.MAX_BATCH + 1))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("max must be between 1 and 500, but was 501");
        assertThatThrownBy(() -> ReviewQueue.builder(curator, store.claims())
                        .lease(Duration.ofSeconds(-1))
                        .build())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("lease must be positive");
    }
}
