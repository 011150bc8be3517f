package dev.tuneloop.record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The feedback state of one interaction, derived from its events by {@link #derive(Collection)}: the latest rating
 * wins, every edit is kept in order (the latest is the user's edited response), any follow-up sets
 * {@code hadFollowUp}. Immutable.
 *
 * @param rating          the latest rating; null when never rated
 * @param ratedAt         when the latest rating was given; null when never rated
 * @param edits           every edit, oldest first; never null
 * @param followUps       how many follow-ups were recorded
 * @param firstFeedbackAt the time of the first event; null when there is none
 * @param lastFeedbackAt  the time of the last event; null when there is none
 */
public record FeedbackState(
        @Nullable Rating rating,
        @Nullable Instant ratedAt,
        List<EditVersion> edits,
        int followUps,
        @Nullable Instant firstFeedbackAt,
        @Nullable Instant lastFeedbackAt) {

    /** No feedback at all. */
    public static final FeedbackState NONE = new FeedbackState(null, null, List.of(), 0, null, null);

    /**
     * Checks the counts and copies the edits.
     *
     * @param rating          the latest rating; null when never rated
     * @param ratedAt         when the latest rating was given; null when never rated
     * @param edits           every edit, oldest first; copied
     * @param followUps       how many follow-ups were recorded; {@code >= 0}
     * @param firstFeedbackAt the time of the first event; null when there is none
     * @param lastFeedbackAt  the time of the last event; null when there is none
     * @throws IllegalArgumentException when {@code followUps} is negative
     * @throws NullPointerException when {@code edits} or one of its elements is null
     */
    public FeedbackState {
        edits = List.copyOf(edits);
        if (followUps < 0) {
            throw new IllegalArgumentException("followUps must be >= 0, but was " + followUps);
        }
    }

    /**
     * Derives the state from events of one interaction, in any order: they are applied in {@link FeedbackEvent#ORDER}.
     * This is the one function every store uses, so that they all agree.
     *
     * @param events the interaction's events; not changed
     * @return the derived state; {@link #NONE} for no events
     */
    public static FeedbackState derive(Collection<FeedbackEvent> events) {
        if (events.isEmpty()) {
            return NONE;
        }
        List<FeedbackEvent> sorted = new ArrayList<>(events);
        sorted.sort(FeedbackEvent.ORDER);
        FeedbackState s = NONE;
        for (FeedbackEvent e : sorted) {
            s = s.apply(e);
        }
        return s;
    }

    /**
     * The state after one more event, for stores that fold events as they read them. Assumes {@code e} is not earlier
     * (in {@link FeedbackEvent#ORDER}) than any event already applied; otherwise an older rating could win.
     *
     * @param e the next event of the same interaction
     * @return the new state; this one is not changed
     */
    public FeedbackState apply(FeedbackEvent e) {
        Rating r = rating;
        Instant rAt = ratedAt;
        List<EditVersion> ed = edits;
        int f = followUps;
        if (e.feedback() instanceof Rating rating1) {
            r = rating1;
            rAt = e.at();
        } else if (e.feedback() instanceof Edit edit) {
            List<EditVersion> copy = new ArrayList<>(edits.size() + 1);
            copy.addAll(edits);
            copy.add(new EditVersion(edit.editedResponse(), edit.editor(), e.at()));
            ed = copy;
        } else if (e.feedback() instanceof FollowUp) {
            f++;
        }
        Instant first = firstFeedbackAt == null || e.at().isBefore(firstFeedbackAt) ? e.at() : firstFeedbackAt;
        Instant last = lastFeedbackAt == null || e.at().isAfter(lastFeedbackAt) ? e.at() : lastFeedbackAt;
        return new FeedbackState(r, rAt, ed, f, first, last);
    }

    /**
     * The latest rating, if any.
     *
     * @return the latest rating, or empty when never rated
     */
    public Optional<Rating> latestRating() {
        return Optional.ofNullable(rating);
    }

    /**
     * The seed's {@code feedback_rating} column.
     *
     * @return 1 for up, -1 for down, null when never rated
     */
    public @Nullable Integer feedbackRating() {
        return rating == null ? null : rating.value().sqlValue();
    }

    /**
     * The seed's {@code user_edited_response}.
     *
     * @return the latest edit's text, or empty when never edited
     */
    public Optional<String> userEditedResponse() {
        return edits.isEmpty()
                ? Optional.empty()
                : Optional.of(edits.get(edits.size() - 1).text());
    }

    /**
     * The seed's {@code had_followup}.
     *
     * @return whether at least one follow-up was recorded
     */
    public boolean hadFollowUp() {
        return followUps > 0;
    }

    /**
     * Whether the user corrected the answer.
     *
     * @return whether at least one edit was recorded
     */
    public boolean isEdited() {
        return !edits.isEmpty();
    }

    /**
     * Whether the latest rating is a thumbs up.
     *
     * @return true when rated and the latest rating is {@link Rating.Value#UP}
     */
    public boolean isThumbsUp() {
        return rating != null && rating.value() == Rating.Value.UP;
    }

    /**
     * Whether the latest rating is a thumbs down.
     *
     * @return true when rated and the latest rating is {@link Rating.Value#DOWN}
     */
    public boolean isThumbsDown() {
        return rating != null && rating.value() == Rating.Value.DOWN;
    }

    /**
     * Whether any feedback at all was recorded.
     *
     * @return true when at least one event was applied
     */
    public boolean hasFeedback() {
        return firstFeedbackAt != null;
    }
}
