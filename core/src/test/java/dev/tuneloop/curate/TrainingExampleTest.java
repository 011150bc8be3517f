package dev.tuneloop.curate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.RetrievedDocument;
import dev.tuneloop.record.Role;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingExampleTest {
    private static final Instant AT = Instant.parse("2026-03-16T12:00:00.123456789Z");
    private static final ExampleId ID = ExampleId.next(AT.toEpochMilli());
    private static final InteractionId SOURCE = InteractionId.next();

    private static TrainingExample.Builder approved() {
        return TrainingExample.builder(ID, SOURCE, ExampleStatus.APPROVED, Split.TRAIN)
                .userId("u1")
                .interactionCreatedAt(AT.minusSeconds(60))
                .userMessage("What was NVDA's SBC in Q3?")
                .originalResponse("$1.4B.")
                .modelUsed("gpt-4o-mini")
                .category(Category.SBC_BREAKDOWN)
                .quality(QualityScore.of(8))
                .reviewer("ann")
                .createdAt(AT)
                .reviewedAt(AT);
    }

    @Test
    void theBuilderMakesTheSameExampleAsTheCanonicalConstructor() {
        List<ChatMessage> turns = List.of(new ChatMessage(Role.USER, "earlier"));
        List<RetrievedDocument> docs = List.of(new RetrievedDocument("d1", "src", "ctx"));
        TrainingExample built = approved()
                .systemPrompt("You are an analyst.")
                .priorTurns(turns)
                .retrievedContext(docs)
                .userEditedResponse("edited")
                .improvedResponse("improved")
                .notes("n")
                .version(3)
                .build();
        TrainingExample positional = new TrainingExample(
                ID,
                SOURCE,
                "u1",
                ExampleStatus.APPROVED,
                Split.TRAIN,
                AT.minusSeconds(60),
                "You are an analyst.",
                turns,
                "What was NVDA's SBC in Q3?",
                docs,
                "$1.4B.",
                "edited",
                "improved",
                "gpt-4o-mini",
                Category.SBC_BREAKDOWN,
                QualityScore.of(8),
                "ann",
                "n",
                null,
                AT,
                AT,
                3);
        assertThat(built).isEqualTo(positional);
        assertThat(built.reviewedAt()).isEqualTo(Instant.parse("2026-03-16T12:00:00.123456Z"));
    }

    @Test
    void theBuilderDefaultsToAFirstReviewWithoutOptionalParts() {
        TrainingExample e = approved().build();
        assertThat(e.version()).isEqualTo(1);
        assertThat(e.priorTurns()).isEmpty();
        assertThat(e.retrievedContext()).isEmpty();
        assertThat(e.systemPrompt()).isNull();
        assertThat(e.userEditedResponse()).isNull();
        assertThat(e.improvedResponse()).isNull();
        assertThat(e.notes()).isNull();
        assertThat(e.rejectReason()).isNull();
    }

    @Test
    void toBuilderCopiesEveryPart() {
        TrainingExample e = approved()
                .systemPrompt("p")
                .userEditedResponse("edited")
                .notes("n")
                .version(2)
                .build();
        assertThat(e.toBuilder().build()).isEqualTo(e);
        TrainingExample next =
                e.toBuilder().quality(QualityScore.of(9)).version(3).build();
        assertThat(next.quality()).isEqualTo(QualityScore.of(9));
        assertThat(next.version()).isEqualTo(3);
        assertThat(next.toBuilder().quality(e.quality()).version(2).build()).isEqualTo(e);
    }

    @Test
    void aBuilderLeftEmptyNamesEveryMissingPartAtOnce() {
        assertThatThrownBy(() -> TrainingExample.builder(ID, SOURCE, ExampleStatus.APPROVED, Split.TRAIN)
                        .build())
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).problems())
                        .containsExactly(
                                "userId is required, but was null",
                                "interactionCreatedAt is required, but was null",
                                "userMessage is required, but was null",
                                "originalResponse is required, but was null",
                                "modelUsed is required, but was null",
                                "reviewer is required, but was null",
                                "createdAt is required, but was null",
                                "reviewedAt is required, but was null",
                                "category is required to approve an example, but was null",
                                "quality is required to approve an example, but was null"));
    }

    @Test
    void aRejectedExampleNeedsAReason() {
        assertThatThrownBy(() -> TrainingExample.builder(ID, SOURCE, ExampleStatus.REJECTED, Split.TRAIN)
                        .userId("u1")
                        .interactionCreatedAt(AT)
                        .userMessage("q")
                        .originalResponse("a")
                        .modelUsed("m")
                        .reviewer("ann")
                        .createdAt(AT)
                        .reviewedAt(AT)
                        .build())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("rejectReason is required, but was null");
    }
}
