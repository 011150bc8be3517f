package dev.tuneloop.export;

import dev.tuneloop.curate.Category;
import dev.tuneloop.curate.QualityScore;
import dev.tuneloop.dedup.NearDuplicateDetector;
import dev.tuneloop.errors.Checks;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How {@link ExampleImporter} reads one file. Made with {@link #builder(ImportFormat, String, String)}; immutable and
 * thread-safe.
 */
public final class ImportOptions {
    /** Default most rows read from one file: {@value}. Rows are held in memory until they are stored together. */
    public static final int DEFAULT_MAX_ROWS = 100_000;

    private final ImportFormat format;
    private final String importedBy;
    private final String sourceName;
    private final boolean skipInvalid;
    private final @Nullable Category defaultCategory;
    private final @Nullable QualityScore defaultQuality;
    private final NearDuplicateDetector duplicates;
    private final int maxRows;

    private ImportOptions(Builder b) {
        this.format = b.format;
        this.importedBy = b.importedBy;
        this.sourceName = b.sourceName;
        this.skipInvalid = b.skipInvalid;
        this.defaultCategory = b.defaultCategory;
        this.defaultQuality = b.defaultQuality;
        this.duplicates = b.duplicates;
        this.maxRows = b.maxRows;
    }

    /**
     * Settings for importing a file.
     *
     * @param format     how the file is written
     * @param importedBy who imports it: recorded as the examples' reviewer and in their provenance; not blank
     * @param sourceName the file's name, recorded in the provenance; a directory part is dropped; not blank
     * @return a new builder
     */
    public static Builder builder(ImportFormat format, String importedBy, String sourceName) {
        return new Builder(format, importedBy, sourceName);
    }

    /**
     * The file's format.
     *
     * @return the format
     */
    public ImportFormat format() {
        return format;
    }

    /**
     * Who imports the file.
     *
     * @return the importer's name
     */
    public String importedBy() {
        return importedBy;
    }

    /**
     * The file's name, without a directory.
     *
     * @return the name recorded in the provenance
     */
    public String sourceName() {
        return sourceName;
    }

    /**
     * Whether valid rows are stored although other rows have problems (default false: all or nothing).
     *
     * @return true to skip invalid rows
     */
    public boolean skipInvalid() {
        return skipInvalid;
    }

    /**
     * The category of rows that name none.
     *
     * @return the default; empty when a row must name its category
     */
    public Optional<Category> defaultCategory() {
        return Optional.ofNullable(defaultCategory);
    }

    /**
     * The quality of rows that give none.
     *
     * @return the default; empty when a row must give its quality
     */
    public Optional<QualityScore> defaultQuality() {
        return Optional.ofNullable(defaultQuality);
    }

    /**
     * What counts as a duplicate of a stored approved example or of an earlier row.
     *
     * @return the detector (default {@link NearDuplicateDetector#create()}, the one the holdout's leak check uses)
     */
    public NearDuplicateDetector duplicates() {
        return duplicates;
    }

    /**
     * The most rows read from one file.
     *
     * @return at least 1
     */
    public int maxRows() {
        return maxRows;
    }

    @Override
    public String toString() {
        return "ImportOptions[" + format + ", source=" + sourceName + ", skipInvalid=" + skipInvalid + ", maxRows="
                + maxRows + "]";
    }

    /** Builds {@link ImportOptions}; {@link #build()} checks every setting at once. Not thread-safe. */
    public static final class Builder {
        private final ImportFormat format;
        private final String importedBy;
        private final String sourceName;
        private boolean skipInvalid;
        private @Nullable Category defaultCategory;
        private @Nullable QualityScore defaultQuality;
        private NearDuplicateDetector duplicates = NearDuplicateDetector.create();
        private int maxRows = DEFAULT_MAX_ROWS;

        private Builder(ImportFormat format, String importedBy, String sourceName) {
            this.format = Objects.requireNonNull(format, "format");
            this.importedBy = importedBy;
            this.sourceName = baseName(sourceName);
        }

        private static String baseName(@Nullable String name) {
            if (name == null) {
                return "";
            }
            int cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
            return name.substring(cut + 1);
        }

        /**
         * Store the valid rows and report the others (default false: a file with any problem stores nothing).
         *
         * @param v true to skip invalid rows
         * @return this builder
         */
        public Builder skipInvalid(boolean v) {
            this.skipInvalid = v;
            return this;
        }

        /**
         * The category of rows that name none (default: none, so such a row is a {@code missing_field} problem).
         *
         * @param v the category, or null
         * @return this builder
         */
        public Builder defaultCategory(@Nullable Category v) {
            this.defaultCategory = v;
            return this;
        }

        /**
         * The quality of rows that give none (default: none, so such a row is a {@code missing_field} problem).
         *
         * @param v the score, or null
         * @return this builder
         */
        public Builder defaultQuality(@Nullable QualityScore v) {
            this.defaultQuality = v;
            return this;
        }

        /**
         * What counts as a duplicate (default {@link NearDuplicateDetector#create()}).
         *
         * @param v the detector
         * @return this builder
         */
        public Builder duplicates(NearDuplicateDetector v) {
            this.duplicates = Objects.requireNonNull(v, "duplicates");
            return this;
        }

        /**
         * The most rows read from one file (default {@value ImportOptions#DEFAULT_MAX_ROWS}).
         *
         * @param v at least 1
         * @return this builder
         */
        public Builder maxRows(int v) {
            this.maxRows = v;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         * @throws dev.tuneloop.errors.ValidationException listing every invalid setting
         */
        public ImportOptions build() {
            Checks.start()
                    .text("importedBy", importedBy, true, 1024)
                    .text("sourceName", sourceName, true, 1024)
                    .require(maxRows >= 1, "maxRows must be >= 1, but was " + maxRows)
                    .orThrow();
            return new ImportOptions(this);
        }
    }
}
