package dev.tuneloop.curate;

import dev.tuneloop.errors.Checks;
import dev.tuneloop.record.InteractionId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A preference pair a reviewer marked by hand: on an approved example, another recorded answer to the same prompt is
 * marked as the worse one. The example gives the prompt (system prompt, prior turns, user message) and the chosen
 * answer (its training response when the pair was marked); the other interaction gives the rejected answer (its
 * recorded, original answer). Kept by a {@link PreferencePairStore}; made by {@link PairMarker}, which checks that both
 * answers belong to the same prompt.
 *
 * <p>This adds preference data where edits give none: an example approved as it was (👍, no edit) has no edit pair,
 * but when the same question was also answered worse (by another model of an A/B test, by an earlier model, or in a
 * candidate the reviewer turned down), the reviewer can pair the two. Preference exports write it beside the edit pair
 * ({@code ExportOptions.Builder.includeMarkedPairs(true)}).
 *
 * <p>Both texts are copies, as an example copies its interaction: what the reviewer compared is what is exported, and
 * a later re-review of the example does not change the pair. Erasing either user (the example's or the rejected
 * interaction's) removes the pair. Instants are truncated to the microsecond. Immutable; {@link #toString()} shows
 * ids and the reviewer, never a text.
 *
 * @param id                     the pair's id (a UUIDv7, so ids sort by creation time)
 * @param exampleId              the approved example: the prompt and the chosen answer
 * @param userId                 the example's user (whose prompt and chosen answer the pair copies)
 * @param rejectedInteractionId  the interaction whose answer is the worse one; never the example's own source
 * @param rejectedUserId         that interaction's user
 * @param chosen                 the better answer: the example's training response when marked; not blank
 * @param rejected               the worse answer: the rejected interaction's recorded answer; not blank, not equal to
 *                               {@code chosen}
 * @param markedBy               the reviewer who marked it; not blank, at most 1024 UTF-8 bytes
 * @param note                   why (free text); null when none, at most 64 KiB of UTF-8
 * @param markedAt               when it was marked
 */
public record PreferencePair(
        UUID id,
        ExampleId exampleId,
        String userId,
        InteractionId rejectedInteractionId,
        String rejectedUserId,
        String chosen,
        String rejected,
        String markedBy,
        @Nullable String note,
        Instant markedAt) {

    /** Most UTF-8 bytes of a note. */
    public static final int MAX_NOTE_BYTES = 64 * 1024;

    /**
     * Checks every part, reporting all problems at once, and truncates {@code markedAt} to the microsecond.
     *
     * @param id                    the pair's id
     * @param exampleId             the approved example
     * @param userId                the example's user
     * @param rejectedInteractionId the interaction whose answer is the worse one
     * @param rejectedUserId        that interaction's user
     * @param chosen                the better answer; not blank
     * @param rejected              the worse answer; not blank, not equal to {@code chosen}
     * @param markedBy              the reviewer; not blank, at most 1024 UTF-8 bytes
     * @param note                  why; null when none, at most {@link #MAX_NOTE_BYTES} UTF-8 bytes
     * @param markedAt              when it was marked
     * @throws dev.tuneloop.errors.ValidationException listing every broken rule (a missing part, a blank or invalid
     *     text, equal answers)
     */
    public PreferencePair {
        Checks.start()
                .require(id != null, "id is required, but was null")
                .require(exampleId != null, "exampleId is required, but was null")
                .require(userId != null, "userId is required, but was null")
                .require(rejectedInteractionId != null, "rejectedInteractionId is required, but was null")
                .require(rejectedUserId != null, "rejectedUserId is required, but was null")
                .text("chosen", chosen, true, Integer.MAX_VALUE)
                .text("rejected", rejected, true, Integer.MAX_VALUE)
                .require(
                        chosen == null || !chosen.equals(rejected),
                        "rejected must differ from chosen, but the two answers were equal")
                .text("markedBy", markedBy, true, 1024)
                .text("note", note, false, MAX_NOTE_BYTES)
                .require(markedAt != null, "markedAt is required, but was null")
                .orThrow();
        markedAt = markedAt.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * A new pair id for a pair marked at {@code unixMillis}; ids made in one JVM strictly increase.
     *
     * @param unixMillis the time, in milliseconds since the epoch
     * @return a new UUIDv7
     */
    public static UUID nextId(long unixMillis) {
        return InteractionId.uuidV7(unixMillis);
    }

    @Override
    public String toString() {
        return "PreferencePair[id=" + id + ", example=" + exampleId + ", rejectedInteraction=" + rejectedInteractionId
                + ", markedBy=" + markedBy + ", markedAt=" + markedAt + "]";
    }
}
