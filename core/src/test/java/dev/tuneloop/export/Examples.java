package dev.tuneloop.export;

import dev.tuneloop.curate.Category;
import dev.tuneloop.curate.ExampleId;
import dev.tuneloop.curate.ExampleRevision;
import dev.tuneloop.curate.ExampleStatus;
import dev.tuneloop.curate.ExampleStore;
import dev.tuneloop.curate.QualityScore;
import dev.tuneloop.curate.Split;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.RetrievedDocument;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Builds training examples for the export tests. */
final class Examples {
    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    static final String SYSTEM = "You are a financial analyst assistant...";

    private Examples() {}

    static Builder example(int n) {
        return new Builder(n);
    }

    static final class Builder {
        final int n;
        String system = SYSTEM;
        List<ChatMessage> prior = List.of();
        String user;
        List<RetrievedDocument> context = List.of();
        String original;
        String edited;
        String improved;
        Category category = Category.SEC_10Q;
        int quality = 8;
        Split split = Split.TRAIN;
        ExampleStatus status = ExampleStatus.APPROVED;
        Instant reviewedAt;

        Builder(int n) {
            this.n = n;
            this.user = "Question number " + n + " about revenue?";
            this.original = "Answer number " + n + ": revenue was $" + n + "B.";
            this.reviewedAt = T0.plusSeconds(n);
        }

        Builder system(String s) {
            this.system = s;
            return this;
        }

        Builder prior(List<ChatMessage> p) {
            this.prior = p;
            return this;
        }

        Builder user(String s) {
            this.user = s;
            return this;
        }

        Builder context(List<RetrievedDocument> c) {
            this.context = c;
            return this;
        }

        Builder original(String s) {
            this.original = s;
            return this;
        }

        Builder edited(String s) {
            this.edited = s;
            return this;
        }

        Builder improved(String s) {
            this.improved = s;
            return this;
        }

        Builder category(Category c) {
            this.category = c;
            return this;
        }

        Builder quality(int q) {
            this.quality = q;
            return this;
        }

        Builder holdout() {
            this.split = Split.HOLDOUT;
            return this;
        }

        Builder reviewedAt(Instant t) {
            this.reviewedAt = t;
            return this;
        }

        TrainingExample build() {
            // ids in n order, so stores stream them in n order
            ExampleId id = new ExampleId(new UUID(0x0000000000007000L | ((long) n << 16), 0x8000000000000000L | n));
            InteractionId source =
                    new InteractionId(new UUID(0x0000000000007000L | ((long) n << 16), 0x8000000000000001L + n));
            return new TrainingExample(
                    id,
                    source,
                    "user-" + n,
                    status,
                    split,
                    T0,
                    system,
                    prior,
                    user,
                    context,
                    original,
                    edited,
                    improved,
                    "gpt-4o-mini",
                    category,
                    QualityScore.of(quality),
                    "reviewer",
                    null,
                    null,
                    T0,
                    reviewedAt,
                    1);
        }

        TrainingExample into(ExampleStore store) {
            TrainingExample e = build();
            store.insert(e, new ExampleRevision(e.id(), 1, T0, "reviewer", List.of("quality"), null));
            return e;
        }
    }
}
