package dev.tuneloop.curate;

import dev.tuneloop.errors.ConflictException;
import dev.tuneloop.errors.NotFoundException;
import dev.tuneloop.record.InteractionId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Where the decisions of the blind double review are kept (the {@code blind_reviews} and
 * {@code blind_review_settlements} tables of the JDBC store): up to two decisions per candidate, by different
 * reviewers, and the settlement of a disagreement. Rows are only added, never changed, so both decisions stay in the
 * history after a settlement; erasing a user removes their candidates' rows.
 *
 * <p>Contract, checked for every implementation by {@code BlindReviewStoreContract} in core's test-jar: a candidate
 * gets at most two decisions and at most one per reviewer, even when reviewers add at the same moment from different
 * processes; a decision needs an interaction that exists and has no example yet; a case is settled at most once, and
 * only when both decisions are in. Times are truncated to the microsecond. Thread-safe.
 */
public interface BlindReviewStore {

    /**
     * Adds a decision.
     *
     * @param decision the decision
     * @return the candidate's case with this decision added
     * @throws dev.tuneloop.errors.ConflictException when this reviewer already decided on the candidate, two decisions
     *     are already in, or the candidate already has an example
     * @throws dev.tuneloop.errors.NotFoundException when the interaction does not exist
     */
    BlindCase add(BlindDecision decision);

    /**
     * The open cases: candidates with one or two decisions whose interaction exists and has no example yet (waiting
     * for a second reviewer, for a settlement, or for the promotion of an agreeing pair), oldest first decision first.
     *
     * @return the open cases; never null
     */
    List<BlindCase> open();

    /**
     * Records how a disagreement was settled.
     *
     * @param settlement the settlement
     * @return the case with its settlement
     * @throws dev.tuneloop.errors.ConflictException when the case is already settled or does not have both decisions
     * @throws dev.tuneloop.errors.NotFoundException when there is no case for the interaction
     */
    BlindCase settle(Settlement settlement);

    /**
     * Streams every case (open, promoted, rejected, settled) to {@code sink}, ordered by the first decision's time.
     *
     * @param sink called once per case, outside any lock
     */
    void scan(Consumer<BlindCase> sink);

    /**
     * The case of one candidate.
     *
     * @param interactionId the candidate
     * @return its case; empty when nobody reviewed it blind
     */
    default Optional<BlindCase> find(InteractionId interactionId) {
        List<BlindCase> found = new ArrayList<>(1);
        scan(c -> {
            if (c.interactionId().equals(interactionId)) {
                found.add(c);
            }
        });
        return found.stream().findFirst();
    }

    /**
     * Every stored blind decision as {@link AgreementReport} reads it.
     *
     * @return the blind reviews, case by case
     */
    default List<BlindReview> blindReviews() {
        List<BlindReview> out = new ArrayList<>();
        scan(c -> c.decisions().forEach(d -> out.add(d.toBlindReview())));
        return out;
    }

    /**
     * The reviewers' agreement over every complete case (default score tolerance).
     *
     * @return the report
     */
    default AgreementReport agreementReport() {
        return AgreementReport.of(blindReviews());
    }

    /**
     * The rules of {@link #add}, for implementations: one home, so every store refuses with the same words.
     *
     * @param interactionId the candidate
     * @param reviewer      who adds a decision
     * @param existing      the decisions already stored for it
     * @throws ConflictException when the reviewer already decided or two decisions are in
     */
    static void checkAddable(InteractionId interactionId, String reviewer, List<BlindDecision> existing) {
        for (BlindDecision d : existing) {
            if (d.reviewer().equals(reviewer)) {
                throw new ConflictException("reviewer '" + reviewer + "' already reviewed interaction " + interactionId
                        + " blind; the second blind review must come from another reviewer");
            }
        }
        if (existing.size() >= 2) {
            throw new ConflictException("interaction " + interactionId + " already has both blind reviews (by '"
                    + existing.get(0).reviewer() + "' and '" + existing.get(1).reviewer() + "')");
        }
    }

    /**
     * The rules of {@link #settle}, for implementations.
     *
     * @param interactionId the candidate
     * @param decisions     how many decisions are stored for it
     * @param existing      its settlement; null when none
     * @throws NotFoundException when there are no decisions
     * @throws ConflictException when there is one decision, or a settlement already
     */
    static void checkSettleable(InteractionId interactionId, int decisions, @Nullable Settlement existing) {
        if (decisions == 0) {
            throw new NotFoundException("interaction " + interactionId + " has no blind review to settle");
        }
        if (decisions < 2) {
            throw new ConflictException("interaction " + interactionId + " has 1 blind review of 2; a case is settled"
                    + " only when both are in");
        }
        if (existing != null) {
            throw new ConflictException(
                    "interaction " + interactionId + " was already settled by '" + existing.settledBy() + "'");
        }
    }
}
