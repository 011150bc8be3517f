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
     * Validates the value.
     *
     * @param auto   true when the provider chooses
     * @param number the fixed value; 0 when {@code auto}
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

    /**
     * A fixed value.
     *
     * @param number the value, finite and &gt; 0
     * @return the setting
     * @throws ValidationException when {@code number} is not finite and &gt; 0
     */
    public static HyperValue of(double number) {
        return new HyperValue(false, number);
    }

    /**
     * Whether this is a fixed whole number, as epochs and batch sizes must be.
     *
     * @return true for a fixed value without a fraction, at most {@link Integer#MAX_VALUE}
     */
    public boolean isWhole() {
        return !auto && number == Math.rint(number) && number <= Integer.MAX_VALUE;
    }

    /**
     * The setting as text.
     *
     * @return {@code "auto"}, or the number without a trailing {@code .0} for whole numbers
     */
    @Override
    public String toString() {
        if (auto) {
            return "auto";
        }
        return isWhole() ? Long.toString((long) number) : Double.toString(number);
    }
}
