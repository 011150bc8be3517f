package dev.tuneloop.record;

import dev.tuneloop.errors.Checks;
import org.jspecify.annotations.Nullable;

/**
 * Size limits applied when an {@link Interaction} is built through its builder. The defaults keep every store
 * able to hold a value: 1 MiB of UTF-8 per text field, 64 metadata entries of at most 128-character keys and
 * 8 KiB values, 64 retrieved documents and 256 prior turns.
 *
 * <p>Made with {@link #builder()} (every setting starts at its {@code DEFAULT_*}) or {@link #toBuilder()}; immutable
 * and thread-safe. {@link Builder#build()} checks every setting and reports all problems at once.
 *
 * <pre>{@code
 * Limits larger = Limits.DEFAULT.toBuilder().maxTextBytes(4 << 20).build();
 * }</pre>
 */
public final class Limits {

    /** Default of {@link #maxTextBytes()}: 1 MiB. */
    public static final int DEFAULT_MAX_TEXT_BYTES = 1 << 20;

    /** Default of {@link #maxMetadataEntries()}. */
    public static final int DEFAULT_MAX_METADATA_ENTRIES = 64;

    /** Default of {@link #maxMetadataKeyChars()}. */
    public static final int DEFAULT_MAX_METADATA_KEY_CHARS = 128;

    /** Default of {@link #maxMetadataValueBytes()}: 8 KiB. */
    public static final int DEFAULT_MAX_METADATA_VALUE_BYTES = 8 * 1024;

    /** Default of {@link #maxDocuments()}. */
    public static final int DEFAULT_MAX_DOCUMENTS = 64;

    /** Default of {@link #maxPriorTurns()}. */
    public static final int DEFAULT_MAX_PRIOR_TURNS = 256;

    /**
     * The ceiling every {@link Interaction} is checked against when built directly through its constructor:
     * 16 MiB of UTF-8 per text field; also the largest {@link #maxTextBytes()} allowed. Builders apply their configured
     * (by default {@link #DEFAULT}) limits.
     */
    public static final int HARD_MAX_TEXT_BYTES = 16 << 20;

    /** The default limits: every setting at its {@code DEFAULT_*}. */
    public static final Limits DEFAULT = builder().build();

    /**
     * The hard ceilings, which {@link Interaction}'s constructor checks every interaction against: 16 MiB per text
     * field, 1024 metadata entries of at most 256-character keys and 64 KiB values, 1024 retrieved documents and 4096
     * prior turns. Limits above them are accepted, but {@link Interaction.Builder#build()} still rejects an
     * interaction beyond them.
     */
    public static final Limits HARD = builder()
            .maxTextBytes(HARD_MAX_TEXT_BYTES)
            .maxMetadataEntries(1024)
            .maxMetadataKeyChars(256)
            .maxMetadataValueBytes(64 * 1024)
            .maxDocuments(1024)
            .maxPriorTurns(4096)
            .build();

    private final int maxTextBytes;
    private final int maxMetadataEntries;
    private final int maxMetadataKeyChars;
    private final int maxMetadataValueBytes;
    private final int maxDocuments;
    private final int maxPriorTurns;

    private Limits(Builder b) {
        Checks.start()
                .require(b.maxTextBytes > 0, "maxTextBytes must be > 0, but was " + b.maxTextBytes)
                .require(b.maxMetadataEntries >= 0, "maxMetadataEntries must be >= 0, but was " + b.maxMetadataEntries)
                .require(b.maxMetadataKeyChars > 0, "maxMetadataKeyChars must be > 0, but was " + b.maxMetadataKeyChars)
                .require(
                        b.maxMetadataValueBytes > 0,
                        "maxMetadataValueBytes must be > 0, but was " + b.maxMetadataValueBytes)
                .require(b.maxDocuments >= 0, "maxDocuments must be >= 0, but was " + b.maxDocuments)
                .require(b.maxPriorTurns >= 0, "maxPriorTurns must be >= 0, but was " + b.maxPriorTurns)
                .require(
                        b.maxTextBytes <= HARD_MAX_TEXT_BYTES,
                        "maxTextBytes must be <= " + HARD_MAX_TEXT_BYTES + ", but was " + b.maxTextBytes)
                .orThrow();
        this.maxTextBytes = b.maxTextBytes;
        this.maxMetadataEntries = b.maxMetadataEntries;
        this.maxMetadataKeyChars = b.maxMetadataKeyChars;
        this.maxMetadataValueBytes = b.maxMetadataValueBytes;
        this.maxDocuments = b.maxDocuments;
        this.maxPriorTurns = b.maxPriorTurns;
    }

    /**
     * Whether every setting of these limits is at most the same setting of {@code other}, so that what passes these
     * passes {@code other}.
     */
    boolean atMost(Limits other) {
        return maxTextBytes <= other.maxTextBytes
                && maxMetadataEntries <= other.maxMetadataEntries
                && maxMetadataKeyChars <= other.maxMetadataKeyChars
                && maxMetadataValueBytes <= other.maxMetadataValueBytes
                && maxDocuments <= other.maxDocuments
                && maxPriorTurns <= other.maxPriorTurns;
    }

    /**
     * A builder with every setting at its {@code DEFAULT_*}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder that starts from these limits.
     *
     * @return a new builder with every setting of this instance
     */
    public Builder toBuilder() {
        return new Builder()
                .maxTextBytes(maxTextBytes)
                .maxMetadataEntries(maxMetadataEntries)
                .maxMetadataKeyChars(maxMetadataKeyChars)
                .maxMetadataValueBytes(maxMetadataValueBytes)
                .maxDocuments(maxDocuments)
                .maxPriorTurns(maxPriorTurns);
    }

    /**
     * The most UTF-8 bytes of one text field (message, response, system prompt, prior turn, document).
     *
     * @return at least 1, at most {@link #HARD_MAX_TEXT_BYTES}
     */
    public int maxTextBytes() {
        return maxTextBytes;
    }

    /**
     * The most metadata entries of one interaction.
     *
     * @return at least 0
     */
    public int maxMetadataEntries() {
        return maxMetadataEntries;
    }

    /**
     * The most characters of a metadata key.
     *
     * @return at least 1
     */
    public int maxMetadataKeyChars() {
        return maxMetadataKeyChars;
    }

    /**
     * The most UTF-8 bytes of a metadata value.
     *
     * @return at least 1
     */
    public int maxMetadataValueBytes() {
        return maxMetadataValueBytes;
    }

    /**
     * The most retrieved-context documents of one interaction.
     *
     * @return at least 0
     */
    public int maxDocuments() {
        return maxDocuments;
    }

    /**
     * The most prior conversation turns of one interaction.
     *
     * @return at least 0
     */
    public int maxPriorTurns() {
        return maxPriorTurns;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Limits l
                && maxTextBytes == l.maxTextBytes
                && maxMetadataEntries == l.maxMetadataEntries
                && maxMetadataKeyChars == l.maxMetadataKeyChars
                && maxMetadataValueBytes == l.maxMetadataValueBytes
                && maxDocuments == l.maxDocuments
                && maxPriorTurns == l.maxPriorTurns;
    }

    @Override
    public int hashCode() {
        int h = maxTextBytes;
        h = 31 * h + maxMetadataEntries;
        h = 31 * h + maxMetadataKeyChars;
        h = 31 * h + maxMetadataValueBytes;
        h = 31 * h + maxDocuments;
        return 31 * h + maxPriorTurns;
    }

    @Override
    public String toString() {
        return "Limits[maxTextBytes=" + maxTextBytes + ", maxMetadataEntries=" + maxMetadataEntries
                + ", maxMetadataKeyChars=" + maxMetadataKeyChars + ", maxMetadataValueBytes=" + maxMetadataValueBytes
                + ", maxDocuments=" + maxDocuments + ", maxPriorTurns=" + maxPriorTurns + "]";
    }

    /**
     * Builds {@link Limits}. Setters accept any value; {@link #build()} checks them all. Not thread-safe; a builder can
     * build several times.
     */
    public static final class Builder {
        private int maxTextBytes = DEFAULT_MAX_TEXT_BYTES;
        private int maxMetadataEntries = DEFAULT_MAX_METADATA_ENTRIES;
        private int maxMetadataKeyChars = DEFAULT_MAX_METADATA_KEY_CHARS;
        private int maxMetadataValueBytes = DEFAULT_MAX_METADATA_VALUE_BYTES;
        private int maxDocuments = DEFAULT_MAX_DOCUMENTS;
        private int maxPriorTurns = DEFAULT_MAX_PRIOR_TURNS;

        private Builder() {}

        /**
         * The most UTF-8 bytes of one text field (default {@link #DEFAULT_MAX_TEXT_BYTES}).
         *
         * @param v {@code > 0} and at most {@link #HARD_MAX_TEXT_BYTES}
         * @return this builder
         */
        public Builder maxTextBytes(int v) {
            this.maxTextBytes = v;
            return this;
        }

        /**
         * The most metadata entries (default {@link #DEFAULT_MAX_METADATA_ENTRIES}).
         *
         * @param v {@code >= 0}
         * @return this builder
         */
        public Builder maxMetadataEntries(int v) {
            this.maxMetadataEntries = v;
            return this;
        }

        /**
         * The most characters of a metadata key (default {@link #DEFAULT_MAX_METADATA_KEY_CHARS}).
         *
         * @param v {@code > 0}
         * @return this builder
         */
        public Builder maxMetadataKeyChars(int v) {
            this.maxMetadataKeyChars = v;
            return this;
        }

        /**
         * The most UTF-8 bytes of a metadata value (default {@link #DEFAULT_MAX_METADATA_VALUE_BYTES}).
         *
         * @param v {@code > 0}
         * @return this builder
         */
        public Builder maxMetadataValueBytes(int v) {
            this.maxMetadataValueBytes = v;
            return this;
        }

        /**
         * The most retrieved-context documents (default {@link #DEFAULT_MAX_DOCUMENTS}).
         *
         * @param v {@code >= 0}
         * @return this builder
         */
        public Builder maxDocuments(int v) {
            this.maxDocuments = v;
            return this;
        }

        /**
         * The most prior conversation turns (default {@link #DEFAULT_MAX_PRIOR_TURNS}).
         *
         * @param v {@code >= 0}
         * @return this builder
         */
        public Builder maxPriorTurns(int v) {
            this.maxPriorTurns = v;
            return this;
        }

        /**
         * Checks every setting and builds the limits.
         *
         * @return new limits
         * @throws dev.tuneloop.errors.ValidationException listing every invalid setting, e.g.
         *     {@code "maxDocuments must be >= 0, but was -1"}
         */
        public Limits build() {
            return new Limits(this);
        }
    }
}
