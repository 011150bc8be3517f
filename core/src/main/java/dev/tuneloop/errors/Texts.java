package dev.tuneloop.errors;

import org.jspecify.annotations.Nullable;

/** Text rules shared by every store: valid UTF-16 with a UTF-8 form, no NUL, bounded size. */
public final class Texts {
    private Texts() {}

    /**
     * Checks {@code s} against the text rules: no U+0000, no unpaired surrogate, at most {@code maxUtf8Bytes} UTF-8
     * bytes (counted in the same pass, so the size never needs a UTF-8 copy).
     *
     * @param s the text
     * @param maxUtf8Bytes the most UTF-8 bytes it may have
     * @return {@code null} when {@code s} is acceptable, else the rule it breaks and where, without its content (e.g.
     *     {@code "must not contain U+0000 (NUL), found at index 3"}), to be prefixed with the field's name
     */
    public static @Nullable String problem(String s, int maxUtf8Bytes) {
        int n = s.length();
        if (n > maxUtf8Bytes) {
            // every char is at least one UTF-8 byte
            return "must be at most " + maxUtf8Bytes + " UTF-8 bytes, but has at least " + n;
        }
        if ((long) n * 3 <= maxUtf8Bytes && s.indexOf('\u0000') < 0 && !hasSurrogate(s)) {
            // no char takes more than 3 UTF-8 bytes (a surrogate pair takes 4 for its 2 chars), so the size cannot
            // be over; indexOf and the surrogate test are far cheaper than the exact walk below, which finds the
            // first problem of any other text
            return null;
        }
        return exactProblem(s, maxUtf8Bytes);
    }

    private static boolean hasSurrogate(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            if ((s.charAt(i) & 0xF800) == 0xD800) {
                return true;
            }
        }
        return false;
    }

    /** The rules checked one char at a time: the first problem in index order, and the exact UTF-8 size. */
    static @Nullable String exactProblem(String s, int maxUtf8Bytes) {
        int n = s.length();
        if (n > maxUtf8Bytes) {
            return "must be at most " + maxUtf8Bytes + " UTF-8 bytes, but has at least " + n;
        }
        long bytes = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c == 0) {
                    return "must not contain U+0000 (NUL), found at index " + i;
                }
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    bytes += 4;
                    i++;
                } else {
                    return "must be valid Unicode, but has an unpaired surrogate at index " + i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return "must be valid Unicode, but has an unpaired surrogate at index " + i;
            } else {
                bytes += 3;
            }
        }
        if (bytes > maxUtf8Bytes) {
            return "must be at most " + maxUtf8Bytes + " UTF-8 bytes, but was " + bytes;
        }
        return null;
    }
}
