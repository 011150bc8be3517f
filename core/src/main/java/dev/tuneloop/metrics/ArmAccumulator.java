package dev.tuneloop.metrics;

import dev.tuneloop.record.FeedbackState;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.RecordedInteraction;
import java.time.Duration;
import java.util.Arrays;

/** Counts one arm's interactions as they stream past; keeps only the measured latencies (for the percentiles). */
final class ArmAccumulator {
    private final String arm;
    private long count;
    private long withFeedback;
    private long thumbsUp;
    private long thumbsDown;
    private long edited;
    private long followedUp;
    private long promptTokens;
    private long completionTokens;
    private long[] latencies = new long[64];
    private int latencyCount;

    ArmAccumulator(String arm) {
        this.arm = arm;
    }

    void add(RecordedInteraction r) {
        Interaction i = r.interaction();
        FeedbackState f = r.feedback();
        count++;
        withFeedback += f.hasFeedback() ? 1 : 0;
        thumbsUp += f.isThumbsUp() ? 1 : 0;
        thumbsDown += f.isThumbsDown() ? 1 : 0;
        edited += f.isEdited() ? 1 : 0;
        followedUp += f.hadFollowUp() ? 1 : 0;
        promptTokens += i.promptTokens();
        completionTokens += i.completionTokens();
        if (!i.latency().isZero()) {
            if (latencyCount == latencies.length) {
                latencies = Arrays.copyOf(latencies, latencies.length * 2);
            }
            latencies[latencyCount++] = i.latency().toNanos();
        }
    }

    ArmStats stats() {
        long[] sorted = Arrays.copyOf(latencies, latencyCount);
        Arrays.sort(sorted);
        return new ArmStats(
                arm,
                count,
                withFeedback,
                thumbsUp,
                thumbsDown,
                edited,
                followedUp,
                latencyCount,
                Duration.ofNanos(percentile(sorted, 0.50)),
                Duration.ofNanos(percentile(sorted, 0.95)),
                promptTokens,
                completionTokens);
    }

    /**
     * The nearest-rank percentile of ascending {@code sorted}: the value at 1-based rank {@code ceil(p * n)}; 0 when
     * empty.
     */
    static long percentile(long[] sorted, double p) {
        int n = sorted.length;
        if (n == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p * n);
        return sorted[Math.max(1, Math.min(n, rank)) - 1];
    }
}
