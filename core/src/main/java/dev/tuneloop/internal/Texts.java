package dev.tuneloop.internal;

/** Text rules shared by every store: valid UTF-16 with a UTF-8 form, no NUL, bounded size. Not part of the API. */
public final class Texts {
    private Texts() {}

    /**
     * Returns {@code null} when {@code s} is acceptable, or the rule it breaks (without its content).
     * The size rule is on UTF-8 bytes, counted in the same pass.
     */
    public static String problem(String s, int maxUtf8Bytes) {
        int n = s.length();
        if (n > maxUtf8Bytes) {
            // every char is at least one UTF-8 byte
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
