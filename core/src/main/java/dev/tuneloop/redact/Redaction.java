package dev.tuneloop.redact;

import dev.tuneloop.errors.ValidationException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The result of {@link Redactor#redact}: the redacted text and how many findings of each type were masked.
 * {@link #toString()} shows only the counts, never the text.
 *
 * @param text   the text with every finding replaced by its type's placeholder; never null
 * @param counts findings by type; only types found, each count &gt;= 1; unmodifiable, never null
 */
public record Redaction(String text, Map<PiiType, Integer> counts) {

    /**
     * Checks the components and copies the counts.
     *
     * @param text the redacted text
     * @param counts findings by type
     * @throws ValidationException when the text or counts are null, or a count is not positive
     */
    public Redaction {
        if (text == null) {
            throw new ValidationException("text is required, but was null");
        }
        if (counts == null) {
            throw new ValidationException("counts is required, but was null");
        }
        EnumMap<PiiType, Integer> copy = new EnumMap<>(PiiType.class);
        for (Map.Entry<PiiType, Integer> e : counts.entrySet()) {
            if (e.getKey() == null || e.getValue() == null || e.getValue() < 1) {
                throw new ValidationException(
                        "counts must map types to counts >= 1, but had " + e.getKey() + "=" + e.getValue());
            }
            copy.put(e.getKey(), e.getValue());
        }
        counts = Collections.unmodifiableMap(copy);
    }

    /**
     * A redaction that found nothing: the text unchanged, no counts.
     *
     * @param text the text, returned unchanged
     * @return a redaction with no counts
     */
    public static Redaction unchanged(String text) {
        return new Redaction(text, Map.of());
    }

    /**
     * True when anything was masked (then the text differs from the input).
     *
     * @return whether any finding was masked
     */
    public boolean changed() {
        return !counts.isEmpty();
    }

    /**
     * The number of findings masked, over all types.
     *
     * @return the sum of every count
     */
    public int total() {
        int total = 0;
        for (int c : counts.values()) {
            total += c;
        }
        return total;
    }

    /**
     * The count for one type, 0 when none was found.
     *
     * @param type a type
     * @return its count, 0 when none
     */
    public int count(PiiType type) {
        return counts.getOrDefault(type, 0);
    }

    /** Shows the counts only: the text may hold personal data. */
    @Override
    public String toString() {
        return "Redaction[chars=" + text.length() + ", counts=" + counts + "]";
    }
}
