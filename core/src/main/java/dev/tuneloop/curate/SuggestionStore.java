package dev.tuneloop.curate;

import dev.tuneloop.record.InteractionId;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where pre-review suggestions are kept beside the candidates (the {@code review_suggestions} table of the JDBC
 * store): at most one per interaction, the latest replacing an older one. Erasing a user removes their suggestions.
 *
 * <p>Contract, checked for every implementation by {@code SuggestionStoreContract} in core's test-jar: what is saved is
 * found again exactly (times truncated to the microsecond); a save for an interaction that does not exist is refused.
 * Thread-safe.
 */
public interface SuggestionStore {

    /**
     * Saves a suggestion, replacing the interaction's previous one.
     *
     * @param suggestion the suggestion
     * @throws dev.tuneloop.errors.NotFoundException when the interaction does not exist
     */
    void save(Suggestion suggestion);

    /**
     * The interaction's suggestion.
     *
     * @param interactionId the candidate
     * @return its suggestion; empty when none
     */
    Optional<Suggestion> find(InteractionId interactionId);

    /**
     * Streams every suggestion to {@code sink}, oldest first.
     *
     * @param sink called once per suggestion, outside any lock
     */
    void scan(Consumer<Suggestion> sink);
}
