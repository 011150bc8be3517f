package dev.tuneloop.curate;

import dev.tuneloop.errors.ValidationException;

/**
 * A reviewer's 1-10 quality score, with the seed's meaning: 9-10 exemplary, 7-8 good, 5-6 acceptable, 1-4 poor.
 * Poor examples are stored but never exported ({@link #isExportable()}). Immutable; ordered by value.
 *
 * @param value 1 to 10
 */
public record QualityScore(int value) implements Comparable<QualityScore> {

    /** The seed's bands. */
    public enum Band {
        /** 9-10: the model should definitely learn this. */
        EXEMPLARY,
        /** 7-8: a solid example. */
        GOOD,
        /** 5-6: usable but not ideal. */
        ACCEPTABLE,
        /** 1-4: do not include. */
        POOR
    }

    /** The lowest score ever exported. */
    public static final int MIN_EXPORTABLE = 5;

    /**
     * Checks the range.
     *
     * @param value 1 to 10
     * @throws dev.tuneloop.errors.ValidationException when {@code value} is outside 1-10
     */
    public QualityScore {
        if (value < 1 || value > 10) {
            throw new ValidationException("quality score must be between 1 and 10, but was " + value);
        }
    }

    /**
     * The score {@code value}.
     *
     * @param value 1 to 10
     * @return the score
     * @throws dev.tuneloop.errors.ValidationException when {@code value} is outside 1-10
     */
    public static QualityScore of(int value) {
        return new QualityScore(value);
    }

    /**
     * The seed's band of this score.
     *
     * @return EXEMPLARY for 9-10, GOOD for 7-8, ACCEPTABLE for 5-6, POOR for 1-4
     */
    public Band band() {
        if (value >= 9) {
            return Band.EXEMPLARY;
        }
        if (value >= 7) {
            return Band.GOOD;
        }
        if (value >= 5) {
            return Band.ACCEPTABLE;
        }
        return Band.POOR;
    }

    /**
     * Whether an export may use an example with this score: poor examples are never exported, whatever minimum an
     * export asks for.
     *
     * @return false for 1-4, true for {@link #MIN_EXPORTABLE} and above
     */
    public boolean isExportable() {
        return value >= MIN_EXPORTABLE;
    }

    /**
     * Orders by value.
     *
     * @param o the other score
     * @return negative, zero or positive as this score is lower than, equal to or higher than {@code o}
     */
    @Override
    public int compareTo(QualityScore o) {
        return Integer.compare(value, o.value);
    }
}
