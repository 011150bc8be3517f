package dev.tuneloop.curate;

import java.time.Clock;
import java.util.Objects;

/**
 * Settings of a {@link Curator}: the clock, the taxonomy reviews must use and how examples are split into training
 * and holdout. Immutable and thread-safe; built with {@link #builder()}.
 */
public final class CurationOptions {
    /** By default any category is accepted. */
    public static final Taxonomy DEFAULT_TAXONOMY = Taxonomy.OPEN;

    private static final CurationOptions DEFAULTS = builder().build();

    private final Clock clock;
    private final Taxonomy taxonomy;
    private final HoldoutSettings holdout;

    private CurationOptions(Builder b) {
        this.clock = b.clock;
        this.taxonomy = b.taxonomy;
        this.holdout = b.holdout;
    }

    /** System UTC clock, {@link Taxonomy#OPEN}, {@link HoldoutSettings#DEFAULT}, no record-time redaction. */
    public static CurationOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Clock clock() {
        return clock;
    }

    public Taxonomy taxonomy() {
        return taxonomy;
    }

    public HoldoutSettings holdout() {
        return holdout;
    }

    @Override
    public String toString() {
        return "CurationOptions[taxonomy=" + (taxonomy.isOpen() ? "open" : taxonomy.categories()) + ", holdout="
                + holdout + "]";
    }

    /** Builds {@link CurationOptions}. Not thread-safe. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private Taxonomy taxonomy = DEFAULT_TAXONOMY;
        private HoldoutSettings holdout = HoldoutSettings.DEFAULT;

        private Builder() {
        }

        /** The clock for windows, review times and new ids (default system UTC). */
        public Builder clock(Clock v) {
            this.clock = Objects.requireNonNull(v, "clock");
            return this;
        }

        /** The categories a review may use (default {@link Taxonomy#OPEN}); e.g. {@link Taxonomy#SEED}. */
        public Builder taxonomy(Taxonomy v) {
            this.taxonomy = Objects.requireNonNull(v, "taxonomy");
            return this;
        }

        /** How new examples are split (default {@link HoldoutSettings#DEFAULT}). */
        public Builder holdout(HoldoutSettings v) {
            this.holdout = Objects.requireNonNull(v, "holdout");
            return this;
        }

        public CurationOptions build() {
            return new CurationOptions(this);
        }
    }
}
