package dev.tuneloop.record;

import java.util.Objects;

/**
 * An interaction as a store holds it: the interaction as logged and its derived feedback state. Together they carry
 * all eight fields of the seed's {@code interaction_logs} table.
 *
 * @param interaction the interaction, exactly as logged
 * @param feedback    its feedback state; {@link FeedbackState#NONE} when none
 */
public record RecordedInteraction(Interaction interaction, FeedbackState feedback) {
    /**
     * Pairs an interaction with its feedback state.
     *
     * @param interaction the interaction, exactly as logged
     * @param feedback    its feedback state; {@link FeedbackState#NONE} when none
     * @throws NullPointerException when an argument is null
     */
    public RecordedInteraction {
        Objects.requireNonNull(interaction, "interaction");
        Objects.requireNonNull(feedback, "feedback");
    }

    /**
     * The interaction's id.
     *
     * @return {@code interaction().id()}
     */
    public InteractionId id() {
        return interaction.id();
    }
}
