package dev.tuneloop.testsupport;

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

/** Builders of valid test data, shared by the contract suites (shipped in core's test-jar). */
public final class Fixtures {
    /** A fixed "now" for tests: 2026-03-16T12:00:00Z. */
    public static final Instant NOW = Instant.parse("2026-03-16T12:00:00Z");

    private Fixtures() {}

    public static Interaction.Builder interaction(String userId, Instant createdAt) {
        return Interaction.builder()
                .id(InteractionId.next())
                .createdAt(createdAt)
                .userId(userId)
                .systemPrompt("You are a financial analyst assistant for SigmaSight.")
                .userMessage("What was NVDA's SBC in Q3?")
                .assistantResponse("NVIDIA's stock-based compensation in Q3 FY2025 was $1.4B.")
                .modelUsed("gpt-4o-mini");
    }

    public static Interaction interaction(Instant createdAt) {
        return interaction("user-1", createdAt).build();
    }

    public static FeedbackEvent event(InteractionId id, Instant at, Feedback feedback) {
        return FeedbackEvent.of(id, at, feedback);
    }

    /** An approved TRAIN example made from {@code source}, version 1, quality 8, category sec_10q. */
    public static TrainingExample approved(Interaction source, Instant at) {
        return TrainingExample.builder(
                        ExampleId.next(at.toEpochMilli()), source.id(), ExampleStatus.APPROVED, Split.TRAIN)
                .userId(source.userId())
                .interactionCreatedAt(source.createdAt())
                .systemPrompt(source.systemPrompt())
                .priorTurns(source.priorTurns())
                .steps(source.steps())
                .tools(source.tools())
                .userMessage(source.userMessage())
                .userMessageParts(source.userMessageParts())
                .retrievedContext(source.retrievedContext())
                .originalResponse(source.assistantResponse())
                .modelUsed(source.modelUsed())
                .category(Category.SEC_10Q)
                .quality(QualityScore.of(8))
                .reviewer("reviewer-1")
                .createdAt(at)
                .reviewedAt(at)
                .build();
    }

    /** A rejected example made from {@code source}. */
    public static TrainingExample rejected(Interaction source, Instant at) {
        return TrainingExample.builder(
                        ExampleId.next(at.toEpochMilli()), source.id(), ExampleStatus.REJECTED, Split.TRAIN)
                .userId(source.userId())
                .interactionCreatedAt(source.createdAt())
                .systemPrompt(source.systemPrompt())
                .priorTurns(source.priorTurns())
                .userMessage(source.userMessage())
                .userMessageParts(source.userMessageParts())
                .retrievedContext(source.retrievedContext())
                .originalResponse(source.assistantResponse())
                .modelUsed(source.modelUsed())
                .reviewer("reviewer-1")
                .rejectReason("too generic")
                .createdAt(at)
                .reviewedAt(at)
                .build();
    }

    public static ExampleRevision firstRevision(TrainingExample e) {
        return new ExampleRevision(
                e.id(), 1, e.createdAt(), e.reviewer(), List.of("status", "category", "quality"), null);
    }
}
