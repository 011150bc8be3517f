package dev.tuneloop.curate;

import static dev.tuneloop.curate.Fixtures.NOW;
import static dev.tuneloop.curate.Fixtures.record;
import static dev.tuneloop.curate.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.errors.ConflictException;
import dev.tuneloop.store.Store;
import dev.tuneloop.testing.TestClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Java blocks of docs/guide/review.md, run. */
class ReviewGuideSnippetTest {
    private final Store store = Store.inMemory();
    private final TestClock clock = TestClock.at(NOW);
    private final Curator curator = Curator.create(
            store.interactions(),
            store.examples(),
            CurationOptions.builder().clock(clock).build());

    @Test
    void claims() {
        for (int k = 0; k < 4; k++) {
            record(store, spec().at(NOW.minus(Duration.ofHours(1)).plusSeconds(k)));
        }
        // snippet:claims
        ReviewQueue queue = ReviewQueue.builder(curator, store.claims())
                .lease(Duration.ofMinutes(30)) // renewed while the reviewer works
                .clock(clock)
                .build();
        List<Candidate> alice = queue.claim("alice", 2); // nobody else is offered these two
        List<Candidate> bob = queue.claim("bob", 2); // the next two
        queue.renew("alice"); // still working: another 30 minutes from now

        Review byBob = new Review("bob", null, "sec_10q", 8, null);
        // bob cannot review alice's candidate while she holds it:
        // ConflictException "interaction … is claimed by reviewer 'alice' until 2026-11-28T12:30:00Z; …"
        queue.approve(bob.get(0).interactionId(), byBob);
        // end-snippet:claims
        assertThat(alice).hasSize(2);
        assertThat(bob).hasSize(2);
        assertThatThrownBy(() -> queue.approve(alice.get(0).interactionId(), byBob))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("claimed by reviewer 'alice' until 2026-11-28T12:30:00Z");
        assertThat(queue.queue("bob")).hasSize(1);
    }

    @Test
    void roundRobin() {
        for (int k = 0; k < 6; k++) {
            record(store, spec().at(NOW.minus(Duration.ofHours(1)).plusSeconds(k)));
        }
        // snippet:round-robin
        ReviewQueue queue = ReviewQueue.builder(curator, store.claims())
                .assignment(ReviewAssignment.roundRobin(List.of("alice", "bob", "carol")))
                .clock(clock)
                .build();
        List<Candidate> mine = queue.claim("bob", 50); // only bob's share, the same on every app instance
        // end-snippet:round-robin
        assertThat(mine)
                .allSatisfy(c -> assertThat(ReviewAssignment.bucket(c.interactionId(), 3))
                        .isEqualTo(1));
    }

    @Test
    void agreement() {
        dev.tuneloop.record.InteractionId i1 = dev.tuneloop.record.InteractionId.next();
        dev.tuneloop.record.InteractionId i2 = dev.tuneloop.record.InteractionId.next();
        java.time.Instant t = NOW;
        List<BlindReview> blindReviews = List.of(
                new BlindReview(i1, "alice", true, Category.SEC_10Q, QualityScore.of(8), t),
                new BlindReview(i1, "bob", true, Category.SEC_10Q, QualityScore.of(7), t.plusSeconds(1)),
                new BlindReview(i2, "alice", true, Category.SEC_10K, QualityScore.of(9), t.plusSeconds(2)),
                new BlindReview(i2, "bob", false, null, null, t.plusSeconds(3)));
        // snippet:agreement
        AgreementReport report = AgreementReport.of(blindReviews); // scores within 2 points agree
        for (AgreementReport.PairAgreement p : report.pairs()) {
            System.out.printf(
                    "%s+%s: %d items, kappa %s, r %s, mean |diff| %s%n",
                    p.first(),
                    p.second(),
                    p.items(),
                    p.categoryKappa(),
                    p.qualityCorrelation(),
                    p.qualityMeanAbsoluteDifference());
        }
        report.disagreements().forEach(d -> System.out.println(d.interactionId() + " differs on " + d.on()));
        // end-snippet:agreement
        assertThat(report.pairs()).hasSize(1);
        // labels alice: sec_10q, sec_10k; bob: sec_10q, (rejected): p_o 1/2, p_e 1/4 -> kappa 1/3
        assertThat(report.pairs().get(0).categoryKappa())
                .isCloseTo(1.0 / 3.0, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(report.disagreements())
                .extracting(AgreementReport.Disagreement::interactionId)
                .containsExactly(i2);
    }
}
