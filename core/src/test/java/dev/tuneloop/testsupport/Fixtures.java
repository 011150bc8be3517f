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
        return new TrainingExample(
                ExampleId.next(at.toEpochMilli()),
                source.id(),
                source.userId(),
                ExampleStatus.APPROVED,
                Split.TRAIN,
                source.createdAt(),
                source.systemPrompt(),
                source.priorTurns(),
                source.userMessage(),
                source.retrievedContext(),
                source.assistantResponse(),
                null,
                null,
                source.modelUsed(),
                Category.SEC_10Q,
                QualityScore.of(8),
                "reviewer-1",
                null,
                null,
                at,
                at,
                1);
    }

    /** A rejected example made from {@code source}. */
    public static TrainingExample rejected(Interaction source, Instant at) {
        return new TrainingExample(
                ExampleId.next(at.toEpochMilli()),
                source.id(),
                source.userId(),
                ExampleStatus.REJECTED,
                Split.TRAIN,
                source.createdAt(),
                source.systemPrompt(),
                source.priorTurns(),
                source.userMessage(),
                source.retrievedContext(),
                source.assistantResponse(),
                null,
                null,
                source.modelUsed(),
                null,
                null,
                "reviewer-1",
                null,
                "too generic",
                at,
                at,
                1);
    }

    public static ExampleRevision firstRevision(TrainingExample e) {
        return new ExampleRevision(
                e.id(), 1, e.createdAt(), e.reviewer(), List.of("status", "category", "quality"), null);
    }
}
