package dev.tuneloop.tune;

import dev.tuneloop.errors.ValidationException;

/**
 * One hyperparameter setting: either {@link #AUTO} (the provider chooses) or a fixed positive number.
 *
 * @param auto   true when the provider chooses
 * @param number the fixed value; 0 when {@code auto}
 */
public record HyperValue(boolean auto, double number) {
    /** Let the provider choose. */
    public static final HyperValue AUTO = new HyperValue(true, 0);

    /**
     * @throws ValidationException when a fixed value is not a finite number &gt; 0, or an auto value carries a number
     */
    public HyperValue {
        if (auto && number != 0) {
            throw new ValidationException("an auto hyperparameter must not carry a number, but had " + number);
        }
        if (!auto && !(Double.isFinite(number) && number > 0)) {
            throw new ValidationException("a hyperparameter must be a finite number > 0 or auto, but was " + number);
        }
    }

    /** A fixed value. @throws ValidationException when {@code number} is not finite and &gt; 0 */
    public static HyperValue of(double number) {
        return new HyperValue(false, number);
    }

    /** True when the fixed value is a whole number (epochs and batch sizes must be). */
    public boolean isWhole() {
        return !auto && number == Math.rint(number) && number <= Integer.MAX_VALUE;
    }

    /** {@code "auto"}, or the number without a trailing {@code .0} for whole numbers. */
    @Override
    public String toString() {
        if (auto) {
            return "auto";
        }
        return isWhole() ? Long.toString((long) number) : Double.toString(number);
    }
}
