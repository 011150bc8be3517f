package dev.tuneloop.redact;

import java.util.Arrays;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The spans found in one text. Rules run in priority order; a span overlapping one already taken is dropped, so a
 * card number inside a JWT is one SECRET, not a SECRET and a CARD. Not thread-safe: one per {@code redact} call.
 */
final class Findings {
    private final CharSequence text;
    private @Nullable BitSet covered;
    /** {@code (start << 32) | index}: sorting these sorts the findings by start. */
    private long[] starts = new long[8];

    private int[] ends = new int[8];
    private PiiType[] types = new PiiType[8];
    private int size;

    Findings(CharSequence text) {
        this.text = text;
    }

    CharSequence text() {
        return text;
    }

    /** Takes {@code [start, end)} for {@code type} unless it is empty or overlaps a span already taken. */
    boolean add(int start, int end, PiiType type) {
        if (start >= end) {
            return false;
        }
        if (covered == null) {
            covered = new BitSet(text.length());
        } else {
            int next = covered.nextSetBit(start);
            if (next >= 0 && next < end) {
                return false;
            }
        }
        covered.set(start, end);
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            ends = Arrays.copyOf(ends, size * 2);
            types = Arrays.copyOf(types, size * 2);
        }
        starts[size] = ((long) start << 32) | size;
        ends[size] = end;
        types[size] = type;
        size++;
        return true;
    }

    /**
     * Keeps later rules out of {@code [start, end)} without masking anything: the span was recognised as something
     * that is not a finding (an IBAN with a wrong check digit), so no part of it may be read as another type.
     */
    void claim(int start, int end) {
        if (start >= end) {
            return;
        }
        if (covered == null) {
            covered = new BitSet(text.length());
        }
        covered.set(start, end);
    }

    /** The redaction of {@code original}, the text this was built on ({@link #text()} may be a view of it). */
    Redaction toRedaction(String original) {
        if (size == 0) {
            return Redaction.unchanged(original);
        }
        long[] order = Arrays.copyOf(starts, size);
        Arrays.sort(order);
        StringBuilder out = new StringBuilder(text.length());
        Map<PiiType, Integer> counts = new EnumMap<>(PiiType.class);
        int pos = 0;
        for (long packed : order) {
            int start = (int) (packed >>> 32);
            int index = (int) packed;
            out.append(original, pos, start).append(types[index].placeholder());
            pos = ends[index];
            counts.merge(types[index], 1, Integer::sum);
        }
        out.append(original, pos, original.length());
        return new Redaction(out.toString(), counts);
    }
}
