package dev.tuneloop.curate;

import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.InteractionStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The weekly curation (the seed's Phase 2): list candidates, then approve (with an optional improved answer, a
 * category and a 1-10 score), reject, or re-review them.
 *
 * <p>Every interaction is promoted at most once: when two reviewers approve the same interaction at the same moment,
 * the store's insert lets exactly one through and the other gets a {@link dev.tuneloop.errors.ConflictException}. Every
 * failing call changes nothing. Approval freezes the example's split ({@link Holdout}). Messages name ids and rules,
 * never the texts.
 *
 * <p>Implementations are thread-safe.
 */
public interface Curator {

    /**
     * The interactions {@code policy} selects, in the seed's order (edited first, then newest), with what a reviewer
     * needs. Never includes an interaction that already has an example (approved or rejected).
     *
     * @param policy which interactions to offer, e.g. {@link CurationPolicy#seedDefault()}
     * @return the candidates, at most {@link CurationPolicy#limit()}; never null
     * @throws NullPointerException when {@code policy} is null, or its category classifier returned null
     */
    List<Candidate> candidates(CurationPolicy policy);

    /**
     * The reviewer's view of one stored interaction, whatever the policy (for a review screen opened by id).
     *
     * @param interactionId the interaction
     * @return its candidate view; empty when it does not exist
     * @throws NullPointerException when {@code interactionId} is null
     */
    Optional<Candidate> candidate(InteractionId interactionId);

    /**
     * Promotes an interaction to an approved training example: version 1, split assigned once, one revision.
     *
     * @param interactionId the interaction to promote
     * @param review        needs a category (accepted by the taxonomy) and a quality
     * @return the stored example
     * @throws dev.tuneloop.errors.ValidationException listing every problem of the review (missing category or quality,
     *     category outside a closed taxonomy, naming the allowed ones)
     * @throws dev.tuneloop.errors.NotFoundException when the interaction does not exist (never recorded, or its user
     *     was erased)
     * @throws dev.tuneloop.errors.ConflictException   when the interaction already has an example
     */
    TrainingExample approve(InteractionId interactionId, Review review);

    /**
     * Checks an approval as {@link #approve} would, without storing anything, and returns it as {@link #approve} would
     * store its texts (the improved answer redacted by the record-time redactor, when there is one). The blind double
     * review stores a first decision through this before any example exists.
     *
     * @param interactionId the candidate (named in messages)
     * @param review        needs a category (accepted by the taxonomy) and a quality
     * @return the review with its improved answer as it would be stored
     * @throws dev.tuneloop.errors.ValidationException listing every problem of the review
     */
    default Review checkedApproval(InteractionId interactionId, Review review) {
        dev.tuneloop.errors.Checks.start()
                .require(
                        review.category() != null,
                        "category is required to approve interaction " + interactionId + ", but was null")
                .require(
                        review.quality() != null,
                        "quality is required to approve interaction " + interactionId + ", but was null")
                .orThrow();
        return review;
    }

    /**
     * Records that an interaction was reviewed and turned down, so it never comes back as a candidate. The example is
     * stored with its split (by the long-run share alone) but never exported.
     *
     * @param interactionId the interaction to reject
     * @param reason        why; not blank, at most 64 KiB of UTF-8
     * @param reviewer      who; not blank, at most 1024 UTF-8 bytes
     * @return the stored, rejected example
     * @throws dev.tuneloop.errors.ValidationException when the reason or the reviewer is missing or blank
     * @throws dev.tuneloop.errors.NotFoundException   when the interaction does not exist
     * @throws dev.tuneloop.errors.ConflictException   when the interaction already has an example
     */
    TrainingExample reject(InteractionId interactionId, String reason, String reviewer);

    /**
     * Changes a stored example (approved or rejected; its status and split do not change) and appends a revision
     * naming the changed fields ({@code improvedResponse}, {@code category}, {@code quality}, {@code notes}); a review
     * that changes nothing confirms the example, refreshing its review time ({@code ["reviewedAt"]}).
     *
     * @param exampleId the example to change
     * @param changes   who re-reviewed, and the new values; null fields keep the stored values
     * @return the stored example, one version higher
     * @throws dev.tuneloop.errors.ValidationException when the category is outside a closed taxonomy
     * @throws dev.tuneloop.errors.NotFoundException   when the example does not exist
     * @throws dev.tuneloop.errors.ConflictException   when another re-review got there first
     */
    TrainingExample reReview(ExampleId exampleId, Review changes);

    /**
     * As {@link #reReview(ExampleId, Review)}, but only when the stored version is {@code expectedVersion} (the one the
     * reviewer looked at).
     *
     * @param exampleId       the example to change
     * @param changes         who re-reviewed, and the new values; null fields keep the stored values
     * @param expectedVersion the version the reviewer saw
     * @return the stored example, at {@code expectedVersion + 1}
     * @throws dev.tuneloop.errors.ValidationException when the category is outside a closed taxonomy
     * @throws dev.tuneloop.errors.NotFoundException   when the example does not exist
     * @throws dev.tuneloop.errors.ConflictException   when the stored version is another one
     */
    TrainingExample reReview(ExampleId exampleId, Review changes, int expectedVersion);

    /**
     * The example's history.
     *
     * @param exampleId the example
     * @return its revisions, oldest first; empty when it does not exist
     */
    List<ExampleRevision> history(ExampleId exampleId);

    /**
     * A curator over these stores.
     *
     * @param interactions where candidates are read from
     * @param examples     where reviewed examples are kept
     * @param options      clock, taxonomy, holdout settings and record-time redaction
     * @return a thread-safe curator
     * @throws NullPointerException when an argument is null
     */
    static Curator create(InteractionStore interactions, ExampleStore examples, CurationOptions options) {
        return new StoreCurator(
                Objects.requireNonNull(interactions, "interactions"),
                Objects.requireNonNull(examples, "examples"),
                Objects.requireNonNull(options, "options"));
    }
}
