package dev.tuneloop.curate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Names a system prompt in reports without showing its text. */
final class Fingerprints {
    /** The fingerprint of a missing system prompt. */
    static final String NONE = "none";

    private Fingerprints() {}

    /** {@code "sha256:"} and the first 12 hex digits of the SHA-256 of the prompt's UTF-8 bytes; "none" for null. */
    static String of(String prompt) {
        if (prompt == null) {
            return NONE;
        }
        return "sha256:" + HexFormat.of().formatHex(sha256(prompt.getBytes(StandardCharsets.UTF_8)), 0, 6);
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
