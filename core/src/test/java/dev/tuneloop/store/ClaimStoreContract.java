package dev.tuneloop.store;

import static dev.tuneloop.testsupport.Fixtures.NOW;
import static dev.tuneloop.testsupport.Fixtures.approved;
import static dev.tuneloop.testsupport.Fixtures.firstRevision;
import static dev.tuneloop.testsupport.Fixtures.interaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.curate.Claim;
import dev.tuneloop.curate.ClaimStore;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
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
 * The contract every {@link ClaimStore} must meet. A store implementation extends this class and returns a fresh,
 * empty {@link Store} from {@link #newStore()}.
 */
public abstract class ClaimStoreContract {
    private static final Duration LEASE = Duration.ofMinutes(30);

    /** For subclasses: one per store implementation. */
    protected ClaimStoreContract() {}

    /**
     * A fresh, empty store; called once before every test.
     *
     * @return the store under test
     */
    protected abstract Store newStore();

    private Store store;
    private ClaimStore claims;

    @BeforeEach
    void setUpStore() {
        store = newStore();
        claims = store.claims();
    }

    private List<InteractionId> record(int n) {
        List<Interaction> batch = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            batch.add(interaction(NOW.minus(Duration.ofHours(1)).plusSeconds(k)));
        }
        store.interactions().append(batch, List.of());
        return batch.stream().map(Interaction::id).toList();
    }

    private static List<InteractionId> ids(List<Claim> claims) {
        return claims.stream().map(Claim::interactionId).toList();
    }

    @Test
    void claimsInTheOrderOfferedUpToMax() {
        List<InteractionId> ids = record(5);
        List<InteractionId> offered = List.of(ids.get(3), ids.get(1), ids.get(4), ids.get(0));
        List<Claim> got = claims.claim("alice", offered, 3, NOW, LEASE);
        assertThat(ids(got)).containsExactly(ids.get(3), ids.get(1), ids.get(4));
        assertThat(got).allSatisfy(c -> {
            assertThat(c.reviewer()).isEqualTo("alice");
            assertThat(c.claimedAt()).isEqualTo(NOW);
            assertThat(c.expiresAt()).isEqualTo(NOW.plus(LEASE));
        });
        assertThat(claims.active(NOW)).containsExactlyInAnyOrderElementsOf(got);
    }

    @Test
    void aLiveClaimIsNotHandedToAnotherReviewer() {
        List<InteractionId> ids = record(4);
        claims.claim("alice", ids.subList(0, 2), 10, NOW, LEASE);
        List<Claim> bob = claims.claim("bob", ids, 10, NOW.plusSeconds(60), LEASE);
        assertThat(ids(bob)).containsExactly(ids.get(2), ids.get(3));
        assertThat(claims.holder(ids.get(0), NOW.plusSeconds(61)))
                .map(Claim::reviewer)
                .contains("alice");
        assertThat(ids(claims.heldBy("bob", NOW.plusSeconds(61)))).containsExactlyInAnyOrder(ids.get(2), ids.get(3));
    }

    @Test
    void theHoldersOwnLiveClaimIsSkippedNotClaimedAgain() {
        List<InteractionId> ids = record(3);
        claims.claim("alice", ids.subList(0, 1), 10, NOW, LEASE);
        List<Claim> again = claims.claim("alice", ids, 2, NOW.plusSeconds(5), LEASE);
        assertThat(ids(again)).containsExactly(ids.get(1), ids.get(2));
        assertThat(claims.heldBy("alice", NOW.plusSeconds(6))).hasSize(3);
    }

    @Test
    void anExpiredClaimReturnsTheCandidateToEveryone() {
        List<InteractionId> ids = record(2);
        claims.claim("alice", ids, 10, NOW, LEASE);
        Instant expiry = NOW.plus(LEASE);
        assertThat(claims.claim("bob", ids, 10, expiry.minusNanos(1000), LEASE)).isEmpty();
        assertThat(claims.active(expiry)).isEmpty();
        List<Claim> bob = claims.claim("bob", ids, 10, expiry, LEASE);
        assertThat(ids(bob)).containsExactlyElementsOf(ids);
        assertThat(claims.holder(ids.get(0), expiry)).map(Claim::reviewer).contains("bob");
    }

    @Test
    void onlyRecordedUnreviewedInteractionsCanBeClaimed() {
        List<InteractionId> ids = record(2);
        Interaction reviewed = interaction(NOW.minus(Duration.ofHours(2)));
        store.interactions().append(List.of(reviewed), List.of());
        TrainingExample e = approved(reviewed, NOW);
        store.examples().insert(e, firstRevision(e));
        InteractionId unknown = InteractionId.next();
        List<Claim> got = claims.claim("alice", List.of(unknown, reviewed.id(), ids.get(0)), 10, NOW, LEASE);
        assertThat(ids(got)).containsExactly(ids.get(0));
    }

    @Test
    void aClaimOnAnInteractionReviewedSinceHoldsNothing() {
        Interaction i = interaction(NOW.minus(Duration.ofHours(2)));
        store.interactions().append(List.of(i), List.of());
        claims.claim("alice", List.of(i.id()), 1, NOW, LEASE);
        TrainingExample e = approved(i, NOW.plusSeconds(1));
        store.examples().insert(e, firstRevision(e));
        assertThat(claims.active(NOW.plusSeconds(2))).isEmpty();
        assertThat(claims.holder(i.id(), NOW.plusSeconds(2))).isEmpty();
        assertThat(claims.renew("alice", NOW.plusSeconds(2), LEASE)).isEmpty();
    }

    @Test
    void duplicatesInTheOfferAreTakenOnce() {
        List<InteractionId> ids = record(2);
        List<Claim> got = claims.claim("alice", List.of(ids.get(0), ids.get(0), ids.get(1)), 10, NOW, LEASE);
        assertThat(ids(got)).containsExactly(ids.get(0), ids.get(1));
    }

    @Test
    void renewExtendsLiveClaimsAndRevivesExpiredOnesNobodyTook() {
        List<InteractionId> ids = record(3);
        claims.claim("alice", ids.subList(0, 2), 10, NOW, LEASE);
        Instant late = NOW.plus(LEASE).plusSeconds(60); // both expired
        claims.claim("bob", ids.subList(1, 3), 10, late, LEASE); // bob takes the second one, and the third
        List<Claim> renewed = claims.renew("alice", late, LEASE);
        assertThat(ids(renewed)).containsExactly(ids.get(0));
        assertThat(renewed.get(0).claimedAt()).isEqualTo(NOW);
        assertThat(renewed.get(0).expiresAt()).isEqualTo(late.plus(LEASE));
        assertThat(claims.holder(ids.get(0), late.plus(LEASE).minusSeconds(1)))
                .map(Claim::reviewer)
                .contains("alice");
        assertThat(claims.holder(ids.get(1), late)).map(Claim::reviewer).contains("bob");
    }

    @Test
    void releaseEndsOnlyTheHoldersClaim() {
        List<InteractionId> ids = record(1);
        claims.claim("alice", ids, 1, NOW, LEASE);
        assertThat(claims.release("bob", ids.get(0))).isFalse();
        assertThat(claims.holder(ids.get(0), NOW)).isPresent();
        assertThat(claims.release("alice", ids.get(0))).isTrue();
        assertThat(claims.release("alice", ids.get(0))).isFalse();
        assertThat(claims.active(NOW)).isEmpty();
        assertThat(ids(claims.claim("bob", ids, 1, NOW, LEASE))).containsExactlyElementsOf(ids);
    }

    @Test
    void activeListsOldestClaimFirst() {
        List<InteractionId> ids = record(3);
        claims.claim("bob", ids.subList(2, 3), 1, NOW.plusSeconds(2), LEASE);
        claims.claim("alice", ids.subList(0, 2), 2, NOW, LEASE);
        List<Claim> active = claims.active(NOW.plusSeconds(3));
        assertThat(active).extracting(Claim::claimedAt).isSorted();
        assertThat(active).extracting(Claim::reviewer).containsExactly("alice", "alice", "bob");
    }

    @Test
    void timesAreKeptToTheMicrosecond() {
        List<InteractionId> ids = record(1);
        Instant odd = NOW.plusNanos(123_456_789);
        List<Claim> got = claims.claim("alice", ids, 1, odd, LEASE);
        assertThat(got.get(0).claimedAt()).isEqualTo(NOW.plusNanos(123_456_000));
        assertThat(claims.active(odd)).containsExactlyElementsOf(got);
    }

    @Test
    void badArgumentsAreNamed() {
        List<InteractionId> ids = record(1);
        assertThatThrownBy(() -> claims.claim(" ", ids, 1, NOW, LEASE))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("reviewer");
        assertThatThrownBy(() -> claims.claim("alice", ids, 0, NOW, LEASE))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("max must be >= 1, but was 0");
        assertThatThrownBy(() -> claims.claim("alice", ids, 1, NOW, Duration.ZERO))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("lease must be positive");
        assertThatThrownBy(() -> claims.renew("alice", NOW, Duration.ofDays(2)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("at most PT24H");
        assertThat(claims.active(NOW)).isEmpty();
    }

    @Test
    void concurrentClaimsNeverShareAnInteraction() throws Exception {
        int reviewers = 8;
        List<InteractionId> ids = record(60);
        ExecutorService pool = Executors.newFixedThreadPool(reviewers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Claim>>> results = new ArrayList<>();
            for (int r = 0; r < reviewers; r++) {
                String name = "reviewer-" + r;
                results.add(pool.submit(() -> {
                    start.await();
                    List<Claim> mine = new ArrayList<>();
                    List<Claim> got;
                    do {
                        got = claims.claim(name, ids, 3, NOW, LEASE);
                        mine.addAll(got);
                    } while (!got.isEmpty());
                    return mine;
                }));
            }
            start.countDown();
            Set<InteractionId> seen = new HashSet<>();
            int total = 0;
            for (Future<List<Claim>> f : results) {
                for (Claim c : f.get(60, TimeUnit.SECONDS)) {
                    total++;
                    assertThat(seen.add(c.interactionId()))
                            .as("interaction %s handed out twice", c.interactionId())
                            .isTrue();
                }
            }
            assertThat(total).isEqualTo(ids.size());
            assertThat(seen).containsExactlyInAnyOrderElementsOf(ids);
        } finally {
            pool.shutdownNow();
        }
    }
}
