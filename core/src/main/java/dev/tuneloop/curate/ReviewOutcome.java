package dev.tuneloop.curate;

import dev.tuneloop.record.InteractionId;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a review submitted through {@link ReviewQueue#submit} did.
 *
 * @param interactionId the candidate
 * @param state         what happened
 * @param example       the stored example when the candidate was promoted or rejected; null otherwise
 */
public record ReviewOutcome(
        InteractionId interactionId, State state, @Nullable TrainingExample example) {

    /** What a submitted review did. */
    public enum State {
        /** The candidate is now an approved example (a single review, or a second blind review that agreed). */
        PROMOTED,
        /** The candidate is now a rejected example. */
        REJECTED,
        /** A first blind review: stored, nothing promoted; the candidate waits for a second, different reviewer. */
        AWAITING_SECOND_REVIEW,
        /** A second blind review that disagrees with the first: listed to settle, nothing promoted. */
        DISAGREEMENT
    }

    /**
     * Checks the parts.
     *
     * @param interactionId the candidate
     * @param state         what happened
     * @param example       the stored example when the candidate was promoted or rejected; null otherwise
     * @throws NullPointerException when the id or the state is null
     * @throws IllegalArgumentException when an example is missing for PROMOTED/REJECTED or given otherwise
     */
    public ReviewOutcome {
        Objects.requireNonNull(interactionId, "interactionId");
        Objects.requireNonNull(state, "state");
        boolean stored = state == State.PROMOTED || state == State.REJECTED;
        if (stored != (example != null)) {
            throw new IllegalArgumentException("outcome " + state + " of interaction " + interactionId + " must "
                    + (stored ? "" : "not ") + "carry an example");
        }
    }

    /**
     * The stored example.
     *
     * @return the example; empty while the blind review is incomplete or disagrees
     */
    public Optional<TrainingExample> stored() {
        return Optional.ofNullable(example);
    }
}
