package dev.tuneloop.jdbc;

import dev.tuneloop.curate.Category;
import dev.tuneloop.curate.ExampleId;
import dev.tuneloop.curate.ExampleRevision;
import dev.tuneloop.curate.ExampleStatus;
import dev.tuneloop.curate.QualityScore;
import dev.tuneloop.curate.Split;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.record.Feedback;
import dev.tuneloop.record.FeedbackEvent;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Small builders of valid domain objects for the JDBC tests. */
final class Fixtures {
    static final Instant NOW = Instant.parse("2026-11-28T12:00:00.123456Z");

    private Fixtures() {}

    static Interaction interaction(Instant createdAt, String userId) {
        return Interaction.builder()
                .createdAt(createdAt)
                .id(InteractionId.of(UUID.randomUUID()))
                .userId(userId)
                .userMessage("What was NVDA's SBC in Q3?")
                .assistantResponse("NVIDIA's stock-based compensation in Q3 FY2025 was $1.4B.")
                .modelUsed("gpt-4o-mini")
                .build();
    }

    static FeedbackEvent event(Interaction i, Instant at, Feedback f) {
        return new FeedbackEvent(UUID.randomUUID(), i.id(), at, f);
    }

    static FeedbackEvent event(InteractionId id, Instant at, Feedback f) {
        return new FeedbackEvent(UUID.randomUUID(), id, at, f);
    }

    static TrainingExample approved(Interaction i, Instant at) {
        return TrainingExample.builder(ExampleId.next(at.toEpochMilli()), i.id(), ExampleStatus.APPROVED, Split.TRAIN)
                .userId(i.userId())
                .interactionCreatedAt(i.createdAt())
                .systemPrompt(i.systemPrompt())
                .priorTurns(i.priorTurns())
                .userMessage(i.userMessage())
                .userMessageParts(i.userMessageParts())
                .retrievedContext(i.retrievedContext())
                .originalResponse(i.assistantResponse())
                .modelUsed(i.modelUsed())
                .category(Category.SBC_BREAKDOWN)
                .quality(QualityScore.of(8))
                .reviewer("alice")
                .createdAt(at)
                .reviewedAt(at)
                .build();
    }

    static ExampleRevision firstRevision(TrainingExample e) {
        return new ExampleRevision(
                e.id(), 1, e.reviewedAt(), e.reviewer(), List.of("status", "category", "quality"), null);
    }
}
