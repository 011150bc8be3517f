package dev.tuneloop.record;

import dev.tuneloop.internal.Checks;

/**
 * Size limits applied when an {@link Interaction} or a feedback event is built. The defaults keep every store
 * able to hold a value: 1 MiB of UTF-8 per text field, 64 metadata entries of at most 128-character keys and
 * 8 KiB values, 64 retrieved documents and 256 prior turns.
 *
 * @param maxTextBytes            maximum UTF-8 bytes of one text field (message, response, prompt, edit, document)
 * @param maxMetadataEntries      maximum number of metadata entries
 * @param maxMetadataKeyChars     maximum characters of a metadata key
 * @param maxMetadataValueBytes   maximum UTF-8 bytes of a metadata value
 * @param maxDocuments            maximum retrieved-context documents
 * @param maxPriorTurns           maximum prior conversation turns
 */
public record Limits(
        int maxTextBytes,
        int maxMetadataEntries,
        int maxMetadataKeyChars,
        int maxMetadataValueBytes,
        int maxDocuments,
        int maxPriorTurns) {

    public static final int DEFAULT_MAX_TEXT_BYTES = 1 << 20;
    public static final int DEFAULT_MAX_METADATA_ENTRIES = 64;
    public static final int DEFAULT_MAX_METADATA_KEY_CHARS = 128;
    public static final int DEFAULT_MAX_METADATA_VALUE_BYTES = 8 * 1024;
    public static final int DEFAULT_MAX_DOCUMENTS = 64;
    public static final int DEFAULT_MAX_PRIOR_TURNS = 256;

    /**
     * The ceiling every {@link Interaction} is checked against when built directly through its constructor:
     * 16 MiB of UTF-8 per text field. Builders apply their configured (by default {@link #DEFAULT}) limits.
     */
    public static final int HARD_MAX_TEXT_BYTES = 16 << 20;

    /** The default limits. */
    public static final Limits DEFAULT = new Limits(
            DEFAULT_MAX_TEXT_BYTES,
            DEFAULT_MAX_METADATA_ENTRIES,
            DEFAULT_MAX_METADATA_KEY_CHARS,
            DEFAULT_MAX_METADATA_VALUE_BYTES,
            DEFAULT_MAX_DOCUMENTS,
            DEFAULT_MAX_PRIOR_TURNS);

    /** The most permissive limits a builder may be configured with: the hard ceilings. */
    public static final Limits HARD = new Limits(HARD_MAX_TEXT_BYTES, 1024, 256, 64 * 1024, 1024, 4096);

    public Limits {
        Checks.start()
                .require(maxTextBytes > 0, "maxTextBytes must be > 0, but was " + maxTextBytes)
                .require(maxMetadataEntries >= 0, "maxMetadataEntries must be >= 0, but was " + maxMetadataEntries)
                .require(maxMetadataKeyChars > 0, "maxMetadataKeyChars must be > 0, but was " + maxMetadataKeyChars)
                .require(
                        maxMetadataValueBytes > 0,
                        "maxMetadataValueBytes must be > 0, but was " + maxMetadataValueBytes)
                .require(maxDocuments >= 0, "maxDocuments must be >= 0, but was " + maxDocuments)
                .require(maxPriorTurns >= 0, "maxPriorTurns must be >= 0, but was " + maxPriorTurns)
                .require(
                        maxTextBytes <= HARD_MAX_TEXT_BYTES,
                        "maxTextBytes must be <= " + HARD_MAX_TEXT_BYTES + ", but was " + maxTextBytes)
                .orThrow();
    }

    public Limits withMaxTextBytes(int bytes) {
        return new Limits(
                bytes, maxMetadataEntries, maxMetadataKeyChars, maxMetadataValueBytes, maxDocuments, maxPriorTurns);
    }
}
