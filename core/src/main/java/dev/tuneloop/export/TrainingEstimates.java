package dev.tuneloop.export;

import dev.tuneloop.errors.ValidationException;

/**
 * The numbers an export reports before a job is launched: OpenAI's "auto" epochs and a training-time range.
 * Stateless; thread-safe.
 */
public final class TrainingEstimates {

    /** The epochs "auto" aims at: {@value}. */
    public static final int TARGET_EPOCHS = 3;
    /** "auto" raises the epochs so that epochs × examples reaches at least this many: {@value}. */
    public static final int MIN_TARGET_EXAMPLES = 100;
    /** "auto" lowers the epochs so that epochs × examples stays near this many: {@value}. */
    public static final int MAX_TARGET_EXAMPLES = 25_000;
    /** The most epochs "auto" picks: {@value}. */
    public static final int MAX_DEFAULT_EPOCHS = 25;

    // the seed's table: examples -> minutes (low, high)
    private static final int[] N = {50, 100, 500, 1000};
    private static final int[] LOW = {15, 20, 45, 60};
    private static final int[] HIGH = {20, 30, 60, 120};

    private TrainingEstimates() {}

    /**
     * The epochs OpenAI picks for {@code n_epochs: "auto"}, as its cookbook writes it (integer division):
     * 3; but {@code min(25, 100 / n)} when {@code 3 × n < 100}, and {@code max(1, 25000 / n)} when
     * {@code 3 × n > 25000}.
     *
     * @param examples the examples in the training file
     * @return the epochs, between 1 and {@value #MAX_DEFAULT_EPOCHS}
     * @throws ValidationException when {@code examples < 1}
     */
    public static int autoEpochs(long examples) {
        if (examples < 1) {
            throw new ValidationException("examples must be >= 1 to pick epochs, but was " + examples);
        }
        if (examples * TARGET_EPOCHS < MIN_TARGET_EXAMPLES) {
            return (int) Math.min(MAX_DEFAULT_EPOCHS, MIN_TARGET_EXAMPLES / examples);
        }
        if (examples * TARGET_EPOCHS > MAX_TARGET_EXAMPLES) {
            return (int) Math.max(1, MAX_TARGET_EXAMPLES / examples);
        }
        return TARGET_EPOCHS;
    }

    /**
     * A training-time range from the seed's table (50 → 15-20 min, 100 → 20-30, 500 → 45-60, 1000 → 60-120),
     * interpolated linearly between its rows, held at the first row below 50 examples, and extrapolated past 1000
     * with the slope of the last segment (so 2000 → 90-240 min). Lower ends round down, upper ends up.
     *
     * @param examples the examples in the training file
     * @return the range in minutes
     * @throws ValidationException when {@code examples < 0}
     */
    public static TimeEstimate trainingTime(long examples) {
        if (examples < 0) {
            throw new ValidationException("examples must be >= 0, but was " + examples);
        }
        if (examples <= N[0]) {
            return new TimeEstimate(LOW[0], HIGH[0]);
        }
        int seg = N.length - 2;
        for (int i = 0; i < N.length - 1; i++) {
            if (examples <= N[i + 1]) {
                seg = i;
                break;
            }
        }
        double t = (double) (examples - N[seg]) / (N[seg + 1] - N[seg]);
        double low = LOW[seg] + t * (LOW[seg + 1] - LOW[seg]);
        double high = HIGH[seg] + t * (HIGH[seg + 1] - HIGH[seg]);
        return new TimeEstimate(
                (int) Math.min(Integer.MAX_VALUE, Math.floor(low)), (int) Math.min(Integer.MAX_VALUE, Math.ceil(high)));
    }
}
