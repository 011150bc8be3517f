package dev.tuneloop.curate;

import dev.tuneloop.errors.Checks;
import dev.tuneloop.errors.NotFoundException;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.InteractionStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Marks preference pairs by hand, the review step's addition to the pairs edits give: on an approved example, the
 * reviewer marks another recorded answer to the same prompt as the worse one (see {@link PreferencePair}).
 *
 * <pre>{@code
 * PairMarker marker = PairMarker.create(store.interactions(), store.examples(), store.preferencePairs(), clock);
 * PreferencePair pair = marker.mark(example.id(), worseAnswer.id(), "alice", "invents the filing date");
 * }</pre>
 *
 * <p>What a mark needs, checked in this order (each failure changes nothing and names ids and rules, never a text):
 * the example exists and is approved (a rejected example is never exported); the other interaction exists and is not
 * the example's own source (its original answer is already the example's edit pair, when it was edited); it asked the
 * same question: the same user message and the same prior turns (role and text), compared exactly (the system prompt
 * may differ, e.g. between the arms of an A/B test); its recorded answer differs from the example's training
 * response; and that answer is not itself an approved gold answer (an interaction approved unchanged as an example
 * cannot be the worse answer of another). The other interaction may be a candidate not yet reviewed, one the reviewer
 * rejected, or one approved after an edit (its original answer is then the worse one). A second mark of the same
 * example with the same interaction is a {@link dev.tuneloop.errors.ConflictException}.
 *
 * <p>Stateless apart from its stores and clock; thread-safe.
 */
public final class PairMarker {
    private final InteractionStore interactions;
    private final ExampleStore examples;
    private final PreferencePairStore pairs;
    private final Clock clock;

    private PairMarker(InteractionStore interactions, ExampleStore examples, PreferencePairStore pairs, Clock clock) {
        this.interactions = interactions;
        this.examples = examples;
        this.pairs = pairs;
        this.clock = clock;
    }

    /**
     * A marker over these stores (all of one {@code Store}).
     *
     * @param interactions where the rejected answers are read from
     * @param examples     where the approved examples are read from
     * @param pairs        where the pairs are kept, e.g. {@code store.preferencePairs()}
     * @param clock        gives the mark time
     * @return a thread-safe marker
     * @throws NullPointerException when an argument is null
     */
    public static PairMarker create(
            InteractionStore interactions, ExampleStore examples, PreferencePairStore pairs, Clock clock) {
        return new PairMarker(
                Objects.requireNonNull(interactions, "interactions"),
                Objects.requireNonNull(examples, "examples"),
                Objects.requireNonNull(pairs, "pairs"),
                Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Marks the recorded answer of {@code rejectedInteractionId} as worse than the training response of
     * {@code exampleId}, and stores the pair.
     *
     * @param exampleId             the approved example: the prompt and the chosen answer
     * @param rejectedInteractionId the interaction whose answer is the worse one
     * @param reviewer              who marks it; not blank, at most 1024 UTF-8 bytes
     * @param note                  why; null for none, at most 64 KiB of UTF-8
     * @return the stored pair
     * @throws ValidationException when the reviewer or note breaks its rule, the example is not approved, the
     *     interaction is the example's source, asked another question, answered the same, or is an approved gold
     *     answer (see the class comment)
     * @throws NotFoundException when the example or the interaction does not exist
     * @throws dev.tuneloop.errors.ConflictException when this example and interaction are already paired
     * @throws NullPointerException when an id is null
     */
    public PreferencePair mark(
            ExampleId exampleId, InteractionId rejectedInteractionId, String reviewer, @Nullable String note) {
        Objects.requireNonNull(exampleId, "exampleId");
        Objects.requireNonNull(rejectedInteractionId, "rejectedInteractionId");
        Checks.start()
                .text("reviewer", reviewer, true, 1024)
                .text("note", note, false, PreferencePair.MAX_NOTE_BYTES)
                .orThrow();
        TrainingExample example = examples.find(exampleId)
                .orElseThrow(() -> new NotFoundException("example " + exampleId + " does not exist"));
        if (example.status() != ExampleStatus.APPROVED) {
            throw new ValidationException("example " + exampleId + " is " + example.status()
                    + "; preference pairs are marked on approved examples only");
        }
        if (example.sourceInteractionId().equals(rejectedInteractionId)) {
            throw new ValidationException("interaction " + rejectedInteractionId + " is the source of example "
                    + exampleId + "; mark another interaction's answer (an edit already pairs the source's answer)");
        }
        Interaction other = interactions
                .find(rejectedInteractionId)
                .orElseThrow(() -> new NotFoundException("interaction " + rejectedInteractionId
                        + " does not exist (never recorded, or its user was erased)"))
                .interaction();
        String differs = promptDifference(example, other);
        if (differs != null) {
            throw new ValidationException("interaction " + rejectedInteractionId
                    + " answers another prompt than example " + exampleId + ": " + differs);
        }
        String chosen = example.trainingResponse();
        String rejected = other.assistantResponse();
        if (chosen.equals(rejected)) {
            throw new ValidationException("the answer of interaction " + rejectedInteractionId
                    + " equals the training response of example " + exampleId + "; there is nothing to prefer");
        }
        Optional<TrainingExample> gold = examples.findBySource(rejectedInteractionId);
        if (gold.isPresent()
                && gold.get().status() == ExampleStatus.APPROVED
                && gold.get().trainingResponse().equals(rejected)) {
            throw new ValidationException("the answer of interaction " + rejectedInteractionId
                    + " is the approved training response of example "
                    + gold.get().id()
                    + "; a gold answer cannot be the rejected one");
        }
        Instant now = clock.instant();
        PreferencePair pair = new PreferencePair(
                PreferencePair.nextId(now.toEpochMilli()),
                exampleId,
                example.userId(),
                rejectedInteractionId,
                other.userId(),
                chosen,
                rejected,
                reviewer,
                note,
                now);
        pairs.add(pair);
        return pair;
    }

    /**
     * Takes a mark back.
     *
     * @param pairId the pair's id
     * @return true when the pair was removed, false when there was none
     * @throws NullPointerException when {@code pairId} is null
     */
    public boolean unmark(UUID pairId) {
        return pairs.remove(Objects.requireNonNull(pairId, "pairId"));
    }

    /**
     * The pairs marked on an example, oldest first.
     *
     * @param exampleId the example
     * @return its pairs; empty when none
     * @throws NullPointerException when {@code exampleId} is null
     */
    public List<PreferencePair> pairs(ExampleId exampleId) {
        return pairs.forExample(Objects.requireNonNull(exampleId, "exampleId"));
    }

    /** What differs between the prompts, or null when they are the same (user message and prior turns). */
    private static @Nullable String promptDifference(TrainingExample e, Interaction other) {
        if (!e.userMessage().equals(other.userMessage())) {
            return "the user message differs";
        }
        List<ChatMessage> a = e.priorTurns();
        List<ChatMessage> b = other.priorTurns();
        if (a.size() != b.size()) {
            return "the prior turns differ (" + a.size() + " and " + b.size() + " turns)";
        }
        for (int k = 0; k < a.size(); k++) {
            if (a.get(k).role() != b.get(k).role()
                    || !a.get(k).content().equals(b.get(k).content())) {
                return "prior turn " + (k + 1) + " differs";
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "PairMarker[" + pairs + "]";
    }
}
