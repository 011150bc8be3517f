package dev.tuneloop.record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The feedback state of one interaction, derived from its events by {@link #derive(Collection)}: the latest rating
 * wins, every edit is kept in order (the latest is the user's edited response), any follow-up sets
 * {@code hadFollowUp}.
 *
 * @param rating          the latest rating; null when never rated
 * @param ratedAt         when the latest rating was given; null when never rated
 * @param edits           every edit, oldest first; never null
 * @param followUps       how many follow-ups were recorded
 * @param firstFeedbackAt the time of the first event; null when there is none
 * @param lastFeedbackAt  the time of the last event; null when there is none
 */
public record FeedbackState(
        Rating rating,
        Instant ratedAt,
        List<EditVersion> edits,
        int followUps,
        Instant firstFeedbackAt,
        Instant lastFeedbackAt) {

    /** No feedback at all. */
    public static final FeedbackState NONE = new FeedbackState(null, null, List.of(), 0, null, null);

    public FeedbackState {
        edits = List.copyOf(edits);
        if (followUps < 0) {
            throw new IllegalArgumentException("followUps must be >= 0, but was " + followUps);
        }
    }

    /** Derives the state from events of one interaction, in any order: they are applied in {@link FeedbackEvent#ORDER}. */
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

    /** The state after {@code e}, assuming {@code e} is not earlier (in {@link FeedbackEvent#ORDER}) than any applied event. */
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

    /** The latest rating, if any. */
    public Optional<Rating> latestRating() {
        return Optional.ofNullable(rating);
    }

    /** The seed's {@code feedback_rating}: 1 up, -1 down, null none. */
    public Integer feedbackRating() {
        return rating == null ? null : rating.value().sqlValue();
    }

    /** The seed's {@code user_edited_response}: the latest edit, if any. */
    public Optional<String> userEditedResponse() {
        return edits.isEmpty()
                ? Optional.empty()
                : Optional.of(edits.get(edits.size() - 1).text());
    }

    /** The seed's {@code had_followup}. */
    public boolean hadFollowUp() {
        return followUps > 0;
    }

    public boolean isEdited() {
        return !edits.isEmpty();
    }

    public boolean isThumbsUp() {
        return rating != null && rating.value() == Rating.Value.UP;
    }

    public boolean isThumbsDown() {
        return rating != null && rating.value() == Rating.Value.DOWN;
    }

    /** Whether any feedback at all was recorded. */
    public boolean hasFeedback() {
        return firstFeedbackAt != null;
    }
}
