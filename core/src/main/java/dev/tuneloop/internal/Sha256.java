package dev.tuneloop.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256, the one hash Tuneloop specifies (holdout buckets, validation splits, dataset snapshots, cache keys,
 * fingerprints): one home for the digest, its bucket rule and its hex form. Not API.
 */
public final class Sha256 {
    private Sha256() {}

    /**
     * A new SHA-256 digest, to be fed incrementally.
     *
     * @return a fresh digest (digests are not thread-safe; make one per use)
     */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * The SHA-256 of {@code bytes}.
     *
     * @param bytes the input
     * @return 32 bytes
     */
    public static byte[] of(byte[] bytes) {
        return digest().digest(bytes);
    }

    /**
     * The SHA-256 of a string's UTF-8 bytes.
     *
     * @param text the input
     * @return 32 bytes
     */
    public static byte[] of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The SHA-256 of a file's bytes, read in 64 KiB blocks.
     *
     * @param file a readable file
     * @return 32 bytes
     * @throws IOException when the file cannot be read
     */
    public static byte[] of(Path file) throws IOException {
        MessageDigest digest = digest();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return digest.digest();
    }

    /**
     * Lower-case hex of a hash.
     *
     * @param hash the bytes
     * @return two hex digits per byte
     */
    public static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }

    /**
     * The documented bucket rule: the first 8 bytes of the SHA-256 of {@code text}'s UTF-8 bytes, read big-endian as an
     * unsigned 64-bit integer, modulo {@code buckets}.
     *
     * @param text the input
     * @param buckets the number of buckets, at least 1
     * @return a bucket in {@code [0, buckets)}
     */
    public static int bucket(String text, int buckets) {
        byte[] h = of(text);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (h[i] & 0xff);
        }
        return (int) Long.remainderUnsigned(v, buckets);
    }
}
