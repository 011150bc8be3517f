package dev.tuneloop.metrics;

import dev.tuneloop.errors.Checks;
import java.time.Duration;
import java.util.Objects;

/**
 * What one arm's users experienced (the seed's "Monitor" list: feedback, latency, token usage), counted from recorded
 * interactions. Rates divide by {@link #count()}; see {@link Rate}. Immutable.
 *
 * @param arm              the arm's name; never null
 * @param count            interactions served by the arm
 * @param withFeedback     interactions with any feedback
 * @param thumbsUp         interactions whose latest rating is up
 * @param thumbsDown       interactions whose latest rating is down
 * @param edited           interactions with at least one edit
 * @param followedUp       interactions with at least one follow-up
 * @param latencyMeasured  interactions with a measured (non-zero) latency; the percentiles are over these
 * @param latencyP50       median latency (nearest-rank); {@link Duration#ZERO} when none was measured
 * @param latencyP95       95th percentile latency (nearest-rank); {@link Duration#ZERO} when none was measured
 * @param promptTokens     total prompt tokens reported
 * @param completionTokens total completion tokens reported
 */
public record ArmStats(
        String arm,
        long count,
        long withFeedback,
        long thumbsUp,
        long thumbsDown,
        long edited,
        long followedUp,
        long latencyMeasured,
        Duration latencyP50,
        Duration latencyP95,
        long promptTokens,
        long completionTokens) {

    /**
     * Validates the counts.
     *
     * @param arm              the arm's name; never null
     * @param count            interactions served by the arm
     * @param withFeedback     interactions with any feedback
     * @param thumbsUp         interactions whose latest rating is up
     * @param thumbsDown       interactions whose latest rating is down
     * @param edited           interactions with at least one edit
     * @param followedUp       interactions with at least one follow-up
     * @param latencyMeasured  interactions with a measured (non-zero) latency; the percentiles are over these
     * @param latencyP50       median latency (nearest-rank); {@link Duration#ZERO} when none was measured
     * @param latencyP95       95th percentile latency (nearest-rank); {@link Duration#ZERO} when none was measured
     * @param promptTokens     total prompt tokens reported
     * @param completionTokens total completion tokens reported
     * @throws NullPointerException when {@code arm} or a latency is null
     * @throws dev.tuneloop.errors.ValidationException when a count is negative or a part exceeds the whole
     */
    public ArmStats {
        Objects.requireNonNull(arm, "arm");
        Objects.requireNonNull(latencyP50, "latencyP50");
        Objects.requireNonNull(latencyP95, "latencyP95");
        Checks.start()
                .require(count >= 0, "count must be >= 0, but was " + count)
                .require(
                        withFeedback >= 0 && withFeedback <= count,
                        "withFeedback must be in [0, count], but was " + withFeedback)
                .require(
                        thumbsUp >= 0 && thumbsDown >= 0 && thumbsUp + thumbsDown <= withFeedback,
                        "thumbsUp + thumbsDown must be in [0, withFeedback], but was " + thumbsUp + " + " + thumbsDown)
                .require(
                        edited >= 0 && edited <= withFeedback, "edited must be in [0, withFeedback], but was " + edited)
                .require(
                        followedUp >= 0 && followedUp <= withFeedback,
                        "followedUp must be in [0, withFeedback], but was " + followedUp)
                .require(
                        latencyMeasured >= 0 && latencyMeasured <= count,
                        "latencyMeasured must be in [0, count], but was " + latencyMeasured)
                .require(promptTokens >= 0 && completionTokens >= 0, "token totals must be >= 0")
                .orThrow();
    }

    /**
     * The share of interactions with a rate's property.
     *
     * @param rate the rate
     * @return the share, in [0, 1]; 0 when the arm has no interactions
     */
    public double rate(Rate rate) {
        return count == 0 ? 0 : (double) rate.successes(this) / count;
    }

    /**
     * Share of interactions with any feedback (the seed's target: more than 30 %).
     *
     * @return {@link #rate(Rate) rate(FEEDBACK_COVERAGE)}
     */
    public double feedbackCoverage() {
        return rate(Rate.FEEDBACK_COVERAGE);
    }

    /**
     * Share of interactions whose latest rating is thumbs up.
     *
     * @return {@link #rate(Rate) rate(THUMBS_UP)}
     */
    public double thumbsUpRate() {
        return rate(Rate.THUMBS_UP);
    }

    /**
     * Share of interactions whose latest rating is thumbs down.
     *
     * @return {@link #rate(Rate) rate(THUMBS_DOWN)}
     */
    public double thumbsDownRate() {
        return rate(Rate.THUMBS_DOWN);
    }

    /**
     * Share of interactions the user edited.
     *
     * @return {@link #rate(Rate) rate(EDIT)}
     */
    public double editRate() {
        return rate(Rate.EDIT);
    }

    /**
     * Share of interactions followed by a follow-up question.
     *
     * @return {@link #rate(Rate) rate(FOLLOW_UP)}
     */
    public double followUpRate() {
        return rate(Rate.FOLLOW_UP);
    }

    /**
     * Mean tokens per interaction.
     *
     * @return mean prompt + completion tokens; 0 when the arm has no interactions
     */
    public double tokensPerInteraction() {
        return count == 0 ? 0 : (double) (promptTokens + completionTokens) / count;
    }
}
