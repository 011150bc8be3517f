package dev.tuneloop.curate;

import static dev.tuneloop.curate.Fixtures.NOW;
import static dev.tuneloop.curate.Fixtures.record;
import static dev.tuneloop.curate.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tuneloop.store.Store;
import dev.tuneloop.testing.TestClock;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The README's curation snippet, kept compiling and running. */
class ReadmeSnippetTest {
    @Test
    void readmeCurationSnippetRuns() {
        Store store = Store.inMemory();
        Clock clock = TestClock.at(NOW);
        record(store, spec().edit("A corrected answer."));
        String betterAnswer = "The best answer.";
        TrainingSnapshot lastTraining = TrainingSnapshot.never();

        // snippet:curation
        Curator curator = Curator.create(
                store.interactions(),
                store.examples(),
                CurationOptions.builder().clock(clock).taxonomy(Taxonomy.SEED).build());
        for (Candidate c : curator.candidates(CurationPolicy.seedDefault())) { // the seed's weekly SQL
            curator.approve(
                    c.interactionId(),
                    Review.by("ann")
                            .category("sec_10q")
                            .quality(8)
                            .improvedResponse(betterAnswer)
                            .notes("fixed the EPS figure")
                            .build());
        }
        ReadinessReport ready =
                ReadinessChecklist.create(clock).evaluate(store.examples()); // PASS / WARN / FAIL per item
        RetrainAdvice advice = RetrainAdvisor.create(store.examples(), clock).advise(lastTraining);
        // end-snippet:curation

        assertThat(store.examples()
                        .findBySource(store.interactions()
                                .candidates(dev.tuneloop.record.CandidateQuery.builder(NOW.minusSeconds(86400))
                                        .excludeReviewed(false)
                                        .build())
                                .get(0)
                                .id()))
                .isPresent();
        assertThat(ready.overall()).isEqualTo(ReadinessReport.Status.FAIL);
        assertThat(advice.shouldRetrain()).isFalse();
        assertThat(advice.newExamples()).isLessThanOrEqualTo(1);
    }
}
