package dev.tuneloop.curate;

import dev.tuneloop.redact.Redactor;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Settings of a {@link Curator}: the clock, the taxonomy reviews must use, how examples are split into training
 * and holdout, and an optional record-time {@link Redactor}. Immutable and thread-safe; built with {@link #builder()}.
 *
 * <p><b>Record-time redaction</b> ({@link Builder#redactor}): off by default, because the exporter redacts every
 * export by default and reviewers usually need the exact text to judge an answer. When set, the curator stores
 * examples already redacted: the question, the original answer, the user's edit, the improved answer, the prior turns
 * and the retrieved documents' texts go through the redactor when an example is approved or rejected, and an improved
 * answer when it is re-reviewed. The system prompt is kept as is (it is the host's text, and must stay identical
 * across examples). Revisions that redacted something name the field {@code "redacted"}. The interaction itself is
 * never changed.
 *
 * <p>Changed with {@link #toBuilder()}: {@code options.toBuilder().taxonomy(Taxonomy.SEED).build()}.
 */
public final class CurationOptions {
    /** Default of {@link #taxonomy()}: any category is accepted. */
    public static final Taxonomy DEFAULT_TAXONOMY = Taxonomy.OPEN;

    private static final CurationOptions DEFAULTS = builder().build();

    private final Clock clock;
    private final Taxonomy taxonomy;
    private final HoldoutSettings holdout;
    private final @Nullable Redactor redactor; // null = no record-time redaction

    private CurationOptions(Builder b) {
        this.clock = b.clock;
        this.taxonomy = b.taxonomy;
        this.holdout = b.holdout;
        this.redactor = b.redactor;
    }

    /**
     * The defaults: system UTC clock, {@link Taxonomy#OPEN}, {@link HoldoutSettings#DEFAULT}, no record-time
     * redaction.
     *
     * @return the shared default options
     */
    public static CurationOptions defaults() {
        return DEFAULTS;
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder that starts from these options (the redactor included).
     *
     * @return a new builder with every setting of this instance
     */
    public Builder toBuilder() {
        Builder b = new Builder().clock(clock).taxonomy(taxonomy).holdout(holdout);
        b.redactor = redactor;
        return b;
    }

    /**
     * The clock for candidate windows, review times and new example ids.
     *
     * @return the clock
     */
    public Clock clock() {
        return clock;
    }

    /**
     * The categories a review may use.
     *
     * @return the taxonomy
     */
    public Taxonomy taxonomy() {
        return taxonomy;
    }

    /**
     * How new examples are split into training and holdout.
     *
     * @return the holdout settings
     */
    public HoldoutSettings holdout() {
        return holdout;
    }

    /**
     * The redactor applied when examples are stored, if any.
     *
     * @return the record-time redactor; empty when examples are stored unredacted (the default)
     */
    public Optional<Redactor> redactor() {
        return Optional.ofNullable(redactor);
    }

    @Override
    public String toString() {
        return "CurationOptions[taxonomy=" + (taxonomy.isOpen() ? "open" : taxonomy.categories()) + ", holdout="
                + holdout + ", recordTimeRedaction=" + (redactor != null) + "]";
    }

    /** Builds {@link CurationOptions}. Not thread-safe. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private Taxonomy taxonomy = DEFAULT_TAXONOMY;
        private HoldoutSettings holdout = HoldoutSettings.DEFAULT;
        private @Nullable Redactor redactor;

        private Builder() {}

        /**
         * The clock for windows, review times and new ids (default system UTC).
         *
         * @param v the clock
         * @return this builder
         * @throws NullPointerException when {@code v} is null
         */
        public Builder clock(Clock v) {
            this.clock = Objects.requireNonNull(v, "clock");
            return this;
        }

        /**
         * The categories a review may use (default {@link #DEFAULT_TAXONOMY}); e.g. {@link Taxonomy#SEED}.
         *
         * @param v the taxonomy
         * @return this builder
         * @throws NullPointerException when {@code v} is null
         */
        public Builder taxonomy(Taxonomy v) {
            this.taxonomy = Objects.requireNonNull(v, "taxonomy");
            return this;
        }

        /**
         * How new examples are split (default {@link HoldoutSettings#DEFAULT}).
         *
         * @param v the holdout settings
         * @return this builder
         * @throws NullPointerException when {@code v} is null
         */
        public Builder holdout(HoldoutSettings v) {
            this.holdout = Objects.requireNonNull(v, "holdout");
            return this;
        }

        /**
         * Redacts example texts when they are stored (default: not at record time; exports redact). See the class
         * comment for what is redacted.
         *
         * @param v the redactor
         * @return this builder
         * @throws NullPointerException when {@code v} is null
         */
        public Builder redactor(Redactor v) {
            this.redactor = Objects.requireNonNull(v, "redactor");
            return this;
        }

        /**
         * Builds the options; every setting was checked when it was set.
         *
         * @return the options
         */
        public CurationOptions build() {
            return new CurationOptions(this);
        }
    }
}
