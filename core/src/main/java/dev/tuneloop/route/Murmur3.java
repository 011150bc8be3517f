package dev.tuneloop.route;

import java.nio.charset.StandardCharsets;

/**
 * murmur3_x86_32 over the UTF-8 encoding of text, streamed from the {@code char}s of a {@link String} so that no
 * byte array is made. An instance is the hash state after absorbing a fixed prefix (the plan's {@code salt + ":"}),
 * computed once per plan; {@link #finish(String)} continues from it with locals only, so a call allocates nothing.
 *
 * <p>Encoding matches {@link String#getBytes(java.nio.charset.Charset) getBytes(UTF_8)}: a surrogate pair becomes its
 * 4-byte sequence and an unpaired surrogate becomes {@code '?'} (0x3F). Immutable and thread-safe.
 */
final class Murmur3 {
    private static final int C1 = 0xcc9e2d51;
    private static final int C2 = 0x1b873593;

    /** The state before any byte, for seed 0. */
    static final Murmur3 SEED_0 = new Murmur3(0, 0, 0, 0);

    private final int h1;
    /** Up to 3 absorbed bytes not yet mixed, first byte in the low 8 bits. */
    private final int tail;

    private final int tailLength;
    /** Bytes absorbed so far (mod 2^32, as the algorithm's length is 32 bits). */
    private final int length;

    private Murmur3(int h1, int tail, int tailLength, int length) {
        this.h1 = h1;
        this.tail = tail;
        this.tailLength = tailLength;
        this.length = length;
    }

    /** The state for {@code seed} before any byte. */
    static Murmur3 seeded(int seed) {
        return new Murmur3(seed, 0, 0, 0);
    }

    /** The state after also absorbing the UTF-8 bytes of {@code prefix}; done once per plan, so bytes are fine here. */
    Murmur3 absorb(String prefix) {
        int h = h1;
        int k = tail;
        int n = tailLength;
        int len = length;
        for (byte b : prefix.getBytes(StandardCharsets.UTF_8)) {
            k |= (b & 0xFF) << (n << 3);
            len++;
            if (++n == 4) {
                h = mixH(h, k);
                k = 0;
                n = 0;
            }
        }
        return new Murmur3(h, k, n, len);
    }

    /** The hash of the absorbed prefix followed by the UTF-8 bytes of {@code s}. Allocates nothing. */
    int finish(String s) {
        int h = h1;
        int k = tail;
        int n = tailLength;
        int len = length;
        int end = s.length();
        int limit = end - 3;
        int i = 0;
        while (true) {
            // fast path: four ASCII chars are four bytes, one whole block (shifted by the bytes already pending)
            int start = i;
            if (n == 0) {
                for (; i < limit; i += 4) {
                    int c0 = s.charAt(i);
                    int c1 = s.charAt(i + 1);
                    int c2 = s.charAt(i + 2);
                    int c3 = s.charAt(i + 3);
                    if ((c0 | c1 | c2 | c3) >= 0x80) {
                        break;
                    }
                    h = mixH(h, c0 | c1 << 8 | c2 << 16 | c3 << 24);
                }
            } else {
                int shift = n << 3;
                int back = 32 - shift;
                for (; i < limit; i += 4) {
                    int c0 = s.charAt(i);
                    int c1 = s.charAt(i + 1);
                    int c2 = s.charAt(i + 2);
                    int c3 = s.charAt(i + 3);
                    if ((c0 | c1 | c2 | c3) >= 0x80) {
                        break;
                    }
                    int w = c0 | c1 << 8 | c2 << 16 | c3 << 24;
                    h = mixH(h, k | w << shift);
                    k = w >>> back;
                }
            }
            len += i - start;
            if (i >= end) {
                break;
            }
            // slow path: one code point (a non-ASCII one, or a char of the last incomplete block) as UTF-8
            char c = s.charAt(i++);
            int bytes;
            int count;
            if (c < 0x80) {
                bytes = c;
                count = 1;
            } else if (c < 0x800) {
                bytes = (0xC0 | (c >> 6)) | (0x80 | (c & 0x3F)) << 8;
                count = 2;
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i < end && Character.isLowSurrogate(s.charAt(i))) {
                    int cp = Character.toCodePoint(c, s.charAt(i++));
                    bytes = (0xF0 | (cp >> 18))
                            | (0x80 | ((cp >> 12) & 0x3F)) << 8
                            | (0x80 | ((cp >> 6) & 0x3F)) << 16
                            | (0x80 | (cp & 0x3F)) << 24;
                    count = 4;
                } else {
                    bytes = '?';
                    count = 1;
                }
            } else {
                bytes = (0xE0 | (c >> 12)) | (0x80 | ((c >> 6) & 0x3F)) << 8 | (0x80 | (c & 0x3F)) << 16;
                count = 3;
            }
            len += count;
            for (int j = 0; j < count; j++) {
                k |= (bytes & 0xFF) << (n << 3);
                bytes >>>= 8;
                if (++n == 4) {
                    h = mixH(h, k);
                    k = 0;
                    n = 0;
                }
            }
        }
        if (n > 0) {
            h ^= mixK(k);
        }
        return fmix(h ^ len);
    }

    private static int mixK(int k) {
        k *= C1;
        k = Integer.rotateLeft(k, 15);
        return k * C2;
    }

    private static int mixH(int h, int block) {
        h ^= mixK(block);
        h = Integer.rotateLeft(h, 13);
        return h * 5 + 0xe6546b64;
    }

    private static int fmix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
