package dev.tuneloop.curate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.errors.NotFoundException;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.record.Edit;
import dev.tuneloop.record.FeedbackEvent;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.Role;
import dev.tuneloop.store.Store;
import dev.tuneloop.testing.TestClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules of marking a pair by hand: same prompt, approved example, no gold answer as the rejected one. */
class PairMarkerTest {
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final String QUESTION = "What was NVDA's stock-based compensation in Q3 FY2025?";

    private final Store store = Store.inMemory();
    private final TestClock clock = TestClock.at(NOW);
    private final Curator curator = Curator.create(
            store.interactions(),
            store.examples(),
            CurationOptions.builder().clock(clock).taxonomy(Taxonomy.SEED).build());
    private final PairMarker marker =
            PairMarker.create(store.interactions(), store.examples(), store.preferencePairs(), clock);

    private Interaction record(String user, String question, String answer, String model) {
        Interaction i = Interaction.builder()
                .createdAt(NOW.minusSeconds(600))
                .userId(user)
                .systemPrompt("You are a financial analyst assistant (" + model + ").")
                .addPriorTurn(Role.USER, "Hi")
                .addPriorTurn(Role.ASSISTANT, "Hello, how can I help?")
                .userMessage(question)
                .assistantResponse(answer)
                .modelUsed(model)
                .build();
        store.interactions().append(List.of(i), List.of());
        return i;
    }

    private TrainingExample approve(Interaction i) {
        return curator.approve(
                i.id(),
                Review.by("ann").category(Category.SBC_BREAKDOWN).quality(9).build());
    }

    private List<PreferencePair> all() {
        List<PreferencePair> out = new ArrayList<>();
        store.preferencePairs().scan(out::add);
        return out;
    }

    @Test
    void pairsAThumbsUpExampleWithAnotherModelsWorseAnswerToTheSameQuestion() {
        TrainingExample gold = approve(record("u1", QUESTION, "SBC was $1.15B in Q3 FY2025 (10-Q, p. 12).", "ft-v2"));
        Interaction worse = record("u2", QUESTION, "SBC was roughly a billion dollars.", "gpt-4o-mini");
        clock.advance(java.time.Duration.ofSeconds(30));

        PreferencePair p = marker.mark(gold.id(), worse.id(), "alice", "no source, vague figure");

        assertThat(gold.hasPreferencePair()).isFalse(); // no edit: only the mark gives this example a pair
        assertThat(p.exampleId()).isEqualTo(gold.id());
        assertThat(p.userId()).isEqualTo("u1");
        assertThat(p.rejectedInteractionId()).isEqualTo(worse.id());
        assertThat(p.rejectedUserId()).isEqualTo("u2");
        assertThat(p.chosen()).isEqualTo("SBC was $1.15B in Q3 FY2025 (10-Q, p. 12).");
        assertThat(p.rejected()).isEqualTo("SBC was roughly a billion dollars.");
        assertThat(p.markedBy()).isEqualTo("alice");
        assertThat(p.note()).isEqualTo("no source, vague figure");
        assertThat(p.markedAt()).isEqualTo(NOW.plusSeconds(30));
        assertThat(all()).containsExactly(p);
        assertThat(p.toString())
                .doesNotContain("SBC", "vague")
                .contains(gold.id().toString());
    }

    @Test
    void pairsARejectedCandidatesAnswerAndAnEditedExamplesOriginal() {
        TrainingExample gold = approve(record("u1", QUESTION, "SBC was $1.15B.", "ft-v2"));
        Interaction turnedDown = record("u2", QUESTION, "I cannot answer that.", "gpt-4o-mini");
        curator.reject(turnedDown.id(), "refuses a plain question", "ann");
        Interaction edited = record("u3", QUESTION, "SBC was $11.5B.", "gpt-4o-mini");
        store.interactions()
                .append(List.of(), List.of(FeedbackEvent.of(edited.id(), NOW, Edit.of("SBC was $1.15B in Q3."))));
        TrainingExample editedExample = approve(edited);
        assertThat(editedExample.trainingResponse()).isEqualTo("SBC was $1.15B in Q3.");

        PreferencePair fromRejected = marker.mark(gold.id(), turnedDown.id(), "alice", null);
        PreferencePair fromOriginal = marker.mark(gold.id(), edited.id(), "alice", null);

        assertThat(fromRejected.rejected()).isEqualTo("I cannot answer that.");
        assertThat(fromOriginal.rejected()).isEqualTo("SBC was $11.5B.");
        assertThat(marker.pairs(gold.id())).containsExactly(fromRejected, fromOriginal);
    }

    @Test
    void refusesAnotherPromptAndSaysWhatDiffers() {
        TrainingExample gold = approve(record("u1", QUESTION, "SBC was $1.15B.", "ft-v2"));
        Interaction otherQuestion = record("u2", QUESTION + " And Q2?", "Worse.", "gpt-4o-mini");
        Interaction otherTurns = Interaction.builder()
                .createdAt(NOW.minusSeconds(60))
                .userId("u2")
                .addPriorTurn(Role.USER, "Hi")
                .addPriorTurn(Role.ASSISTANT, "Hello!")
                .userMessage(QUESTION)
                .assistantResponse("Worse.")
                .modelUsed("gpt-4o-mini")
                .build();
        Interaction noTurns = Interaction.builder()
                .createdAt(NOW.minusSeconds(60))
                .userId("u2")
                .userMessage(QUESTION)
                .assistantResponse("Worse.")
                .modelUsed("gpt-4o-mini")
                .build();
        store.interactions().append(List.of(otherTurns, noTurns), List.of());

        assertThatThrownBy(() -> marker.mark(gold.id(), otherQuestion.id(), "alice", null))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("answers another prompt than example " + gold.id())
                .hasMessageContaining("the user message differs")
                .hasMessageNotContaining("NVDA");
        assertThatThrownBy(() -> marker.mark(gold.id(), otherTurns.id(), "alice", null))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("prior turn 2 differs");
        assertThatThrownBy(() -> marker.mark(gold.id(), noTurns.id(), "alice", null))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("the prior turns differ (2 and 0 turns)");
        assertThat(all()).isEmpty();
    }

    @Test
    void refusesTheSourceAnEqualAnswerAGoldAnswerAndARejectedExample() {
        TrainingExample gold = approve(record("u1", QUESTION, "SBC was $1.15B.", "ft-v2"));
        Interaction same = record("u2", QUESTION, "SBC was $1.15B.", "gpt-4o-mini");
        TrainingExample otherGold = approve(record("u3", QUESTION, "SBC: $1.15 billion.", "gpt-4o-mini"));
        Interaction turnedDown = record("u4", QUESTION, "No idea.", "gpt-4o-mini");
        TrainingExample rejected = curator.reject(turnedDown.id(), "useless", "ann");
        Interaction worse = record("u5", QUESTION, "About a billion.", "gpt-4o-mini");

        assertThatThrownBy(() -> marker.mark(gold.id(), gold.sourceInteractionId(), "alice", null))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("is the source of example " + gold.id());
        assertThatThrownBy(() -> marker.mark(gold.id(), same.id(), "alice", null))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("nothing to prefer");
        assertThatThrownBy(() -> marker.mark(gold.id(), otherGold.sourceInteractionId(), "alice", null))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("approved training response of example " + otherGold.id());
        assertThatThrownBy(() -> marker.mark(rejected.id(), worse.id(), "alice", null))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("example " + rejected.id() + " is REJECTED");
        assertThat(all()).isEmpty();
    }

    @Test
    void refusesUnknownIdsAndABadReviewerOrNoteBeforeReadingAnything() {
        TrainingExample gold = approve(record("u1", QUESTION, "SBC was $1.15B.", "ft-v2"));
        Interaction worse = record("u2", QUESTION, "About a billion.", "gpt-4o-mini");
        ExampleId missingExample = ExampleId.next(NOW.toEpochMilli());
        InteractionId missingInteraction = InteractionId.next();

        assertThatThrownBy(() -> marker.mark(missingExample, worse.id(), "alice", null))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("example " + missingExample);
        assertThatThrownBy(() -> marker.mark(gold.id(), missingInteraction, "alice", null))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("interaction " + missingInteraction);
        assertThatThrownBy(() -> marker.mark(gold.id(), worse.id(), " ", "a\u0000b"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("reviewer must not be empty or blank")
                .hasMessageContaining("note");
        assertThat(all()).isEmpty();
    }

    @Test
    void aPairRefusesEqualAnswersAndNamesEveryMissingPart() {
        assertThatThrownBy(() -> new PreferencePair(
                        PreferencePair.nextId(0),
                        ExampleId.next(0),
                        "u",
                        InteractionId.next(),
                        "v",
                        "same",
                        "same",
                        "alice",
                        null,
                        NOW))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("rejected must differ from chosen");
        assertThatThrownBy(() -> new PreferencePair(null, null, null, null, null, null, " ", "", null, null))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("id is required")
                .hasMessageContaining("exampleId is required")
                .hasMessageContaining("chosen is required")
                .hasMessageContaining("rejected must not be empty or blank")
                .hasMessageContaining("markedBy must not be empty or blank")
                .hasMessageContaining("markedAt is required");
    }
}
