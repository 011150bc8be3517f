package dev.tuneloop.redact;

import java.util.Arrays;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.Map;

/**
 * The spans found in one text. Rules run in priority order; a span overlapping one already taken is dropped, so a
 * card number inside a JWT is one SECRET, not a SECRET and a CARD. Not thread-safe: one per {@code redact} call.
 */
final class Findings {
    private final String text;
    private BitSet covered;
    private long[] spans = new long[8];
    private PiiType[] types = new PiiType[8];
    private int size;

    Findings(String text) {
        this.text = text;
    }

    String text() {
        return text;
    }

    /** Takes {@code [start, end)} for {@code type} unless it overlaps a span already taken; returns whether taken. */
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
        if (size == spans.length) {
            spans = Arrays.copyOf(spans, size * 2);
            types = Arrays.copyOf(types, size * 2);
        }
        // start in the high bits so sorting the longs sorts by start; the low bits keep the finding's index
        spans[size] = ((long) start << 32) | size;
        types[size] = type;
        ends(size, end);
        size++;
        return true;
    }

    private int[] endsByIndex = new int[8];

    private void ends(int index, int end) {
        if (index == endsByIndex.length) {
            endsByIndex = Arrays.copyOf(endsByIndex, index * 2);
        }
        endsByIndex[index] = end;
    }

    Redaction toRedaction() {
        if (size == 0) {
            return Redaction.unchanged(text);
        }
        long[] order = Arrays.copyOf(spans, size);
        Arrays.sort(order);
        StringBuilder out = new StringBuilder(text.length());
        Map<PiiType, Integer> counts = new EnumMap<>(PiiType.class);
        int pos = 0;
        for (long packed : order) {
            int start = (int) (packed >>> 32);
            int index = (int) packed;
            PiiType type = types[index];
            out.append(text, pos, start).append(type.placeholder());
            pos = endsByIndex[index];
            counts.merge(type, 1, Integer::sum);
        }
        out.append(text, pos, text.length());
        return new Redaction(out.toString(), counts);
    }
}
