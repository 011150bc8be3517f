package dev.tuneloop.curate;

import dev.tuneloop.record.InteractionId;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Stores reviewed examples directly, for tests of what reads the example store. */
final class Examples {
    private static final AtomicLong MILLIS = new AtomicLong(Fixtures.NOW.toEpochMilli() - 1_000_000);

    private Examples() {}

    /** What to store. */
    static final class Spec {
        ExampleStatus status = ExampleStatus.APPROVED;
        Split split = Split.TRAIN;
        Category category = Category.SEC_10K;
        int quality = 8;
        String systemPrompt = "You are a financial analyst assistant.";
        String question = "What was NVDA revenue in Q3?";
        String answer = "NVIDIA reported Q3 revenue of $35.1B.";
        Instant reviewedAt = Fixtures.NOW;

        Spec split(Split s) {
            split = s;
            return this;
        }

        Spec category(Category c) {
            category = c;
            return this;
        }

        Spec quality(int q) {
            quality = q;
            return this;
        }

        Spec prompt(String p) {
            systemPrompt = p;
            return this;
        }

        Spec text(String q, String a) {
            question = q;
            answer = a;
            return this;
        }

        Spec reviewedAt(Instant t) {
            reviewedAt = t;
            return this;
        }

        Spec rejected() {
            status = ExampleStatus.REJECTED;
            return this;
        }
    }

    static Spec spec() {
        return new Spec();
    }

    /** A distinct question and answer numbered {@code i}, unlike any other number's. */
    static Spec numbered(int i) {
        return spec().text(
                        "Question number " + i + " about " + Integer.toHexString(i * 7919) + "?",
                        "Answer " + i + " with figure " + (i * 31) + " and word w" + Integer.toString(i, 36) + ".");
    }

    static TrainingExample store(ExampleStore store, Spec s) {
        ExampleId id = ExampleId.next(MILLIS.incrementAndGet());
        boolean approved = s.status == ExampleStatus.APPROVED;
        TrainingExample e = TrainingExample.builder(id, InteractionId.next(), s.status, s.split)
                .userId("user-1")
                .interactionCreatedAt(s.reviewedAt.minusSeconds(3600))
                .systemPrompt(s.systemPrompt)
                .userMessage(s.question)
                .originalResponse(s.answer)
                .modelUsed("gpt-4o-mini")
                .category(s.category)
                .quality(approved ? QualityScore.of(s.quality) : null)
                .reviewer("ann")
                .rejectReason(approved ? null : "no")
                .createdAt(s.reviewedAt)
                .reviewedAt(s.reviewedAt)
                .build();
        store.insert(e, new ExampleRevision(id, 1, s.reviewedAt, "ann", List.of("status"), null));
        return e;
    }
}
