package dev.tuneloop.export;

/**
 * A rough range for how long a fine-tuning job takes, in minutes (queueing not included).
 *
 * @param minMinutes lower end
 * @param maxMinutes upper end
 */
public record TimeEstimate(int minMinutes, int maxMinutes) {
    /**
     * Checks the range.
     *
     * @param minMinutes lower end
     * @param maxMinutes upper end
     * @throws IllegalArgumentException unless {@code 0 <= minMinutes <= maxMinutes}
     */
    public TimeEstimate {
        if (minMinutes < 0 || maxMinutes < minMinutes) {
            throw new IllegalArgumentException(
                    "time estimate must have 0 <= min <= max, but was " + minMinutes + ".." + maxMinutes);
        }
    }
}
