package dev.tuneloop.curate;

import static dev.tuneloop.curate.Fixtures.NOW;
import static dev.tuneloop.curate.Fixtures.record;
import static dev.tuneloop.curate.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tuneloop.record.InteractionId;
import dev.tuneloop.redact.Redactor;
import dev.tuneloop.store.Store;
import dev.tuneloop.testing.TestClock;
import org.junit.jupiter.api.Test;

class RecordTimeRedactionTest {
    private static final String QUESTION = "Email the NVDA summary to ann.lee@example.com please";
    private final Store store = Store.inMemory();

    private Curator curator(CurationOptions.Builder b) {
        return Curator.create(
                store.interactions(),
                store.examples(),
                b.clock(TestClock.at(NOW)).build());
    }

    @Test
    void offByDefaultSoReviewersSeeAndStoreTheExactText() {
        assertThat(CurationOptions.defaults().redactor()).isEmpty();
        InteractionId id = record(store, spec().question(QUESTION));
        TrainingExample e = curator(CurationOptions.builder())
                .approve(id, Review.by("ann").category("sec_10k").quality(8).build());
        assertThat(e.userMessage()).isEqualTo(QUESTION);
        assertThat(store.examples().history(e.id()).get(0).changedFields()).doesNotContain("redacted");
    }

    @Test
    void whenSetExamplesAreStoredRedactedAndTheInteractionIsKept() {
        InteractionId id = record(
                store,
                spec().question(QUESTION)
                        .prompt("Reply to ops@example.com style.")
                        .edit("Sent to ann.lee@example.com."));
        Curator curator = curator(CurationOptions.builder().redactor(Redactor.standard()));

        TrainingExample e = curator.approve(
                id,
                Review.by("ann")
                        .category("sec_10k")
                        .quality(8)
                        .improvedResponse("Summary sent; call +1 415 555 0100 with questions.")
                        .build());

        assertThat(e.userMessage()).isEqualTo("Email the NVDA summary to [EMAIL] please");
        assertThat(e.userEditedResponse()).isEqualTo("Sent to [EMAIL].");
        assertThat(e.improvedResponse()).doesNotContain("415").contains("[PHONE]");
        assertThat(e.systemPrompt()).as("the host's prompt is kept").isEqualTo("Reply to ops@example.com style.");
        assertThat(store.examples().find(e.id())).contains(e);
        assertThat(store.examples().history(e.id()).get(0).changedFields()).contains("redacted");
        assertThat(store.interactions().find(id).orElseThrow().interaction().userMessage())
                .isEqualTo(QUESTION);

        TrainingExample v2 = curator.reReview(
                e.id(),
                Review.by("bob").improvedResponse("Ask bob@example.com.").build());
        assertThat(v2.improvedResponse()).isEqualTo("Ask [EMAIL].");
        assertThat(curator.history(e.id()).get(1).changedFields()).containsExactly("improvedResponse", "redacted");
        TrainingExample v3 =
                curator.reReview(e.id(), Review.by("bob").quality(9).build());
        assertThat(curator.history(e.id()).get(2).changedFields()).containsExactly("quality");
        assertThat(v3.improvedResponse()).isEqualTo("Ask [EMAIL].");
    }
}
