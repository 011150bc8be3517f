package dev.tuneloop.curate;

import dev.tuneloop.internal.Sha256;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/** Names a system prompt in reports without showing its text. */
final class Fingerprints {
    /** The fingerprint of a missing system prompt. */
    static final String NONE = "none";

    private Fingerprints() {}

    /** {@code "sha256:"} and the first 12 hex digits of the SHA-256 of the prompt's UTF-8 bytes; "none" for null. */
    static String of(@Nullable String prompt) {
        if (prompt == null) {
            return NONE;
        }
        return "sha256:" + HexFormat.of().formatHex(Sha256.of(prompt), 0, 6);
    }
}
