package dev.tuneloop.curate;

import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.internal.Checks;
import java.util.Objects;

/**
 * A reviewer's decision on a candidate or an example (the seed's Steps 3-5): an optional improved answer, a category,
 * a 1-10 quality score and notes.
 *
 * <p>For {@link Curator#approve} the category and the quality are required. For {@link Curator#reReview} every
 * null field means "keep the stored value" (so an improved response can be replaced but not removed).
 *
 * <p>Checked at construction, all problems at once: the reviewer is required and non-blank; a category is a slug
 * ({@link Category}); a quality is 1-10; an improved response is not blank; texts are valid Unicode without NUL.
 *
 * @param reviewer         who reviewed; required
 * @param improvedResponse the reviewer's better answer; null to keep the user's edit or the original
 * @param category         the category's name; null when not given
 * @param quality          the 1-10 score; null when not given
 * @param notes            free notes; may be null
 */
public record Review(String reviewer, String improvedResponse, String category, Integer quality, String notes) {
    /** Maximum UTF-8 bytes of notes. */
    public static final int MAX_NOTES_BYTES = 64 * 1024;

    public Review {
        Checks c = Checks.start()
                .text("reviewer", reviewer, true, 1024)
                .text("improvedResponse", improvedResponse, false, Integer.MAX_VALUE)
                .require(improvedResponse == null || !improvedResponse.isBlank(), "improvedResponse must not be blank")
                .text("notes", notes, false, MAX_NOTES_BYTES)
                .require(
                        quality == null || (quality >= 1 && quality <= 10),
                        "quality must be between 1 and 10, but was " + quality);
        if (category != null) {
            try {
                Category.of(category);
            } catch (ValidationException e) {
                e.problems().forEach(c::add);
            }
        }
        c.orThrow();
    }

    /** A builder for a review by {@code reviewer}. */
    public static Builder by(String reviewer) {
        return new Builder(reviewer);
    }

    /** The category as a value, or null when not given. */
    public Category categoryValue() {
        return category == null ? null : Category.of(category);
    }

    /** The quality as a value, or null when not given. */
    public QualityScore qualityValue() {
        return quality == null ? null : QualityScore.of(quality);
    }

    @Override
    public String toString() {
        return "Review[reviewer=" + reviewer + ", improved=" + (improvedResponse != null) + ", category=" + category
                + ", quality=" + quality + ", notes=" + (notes != null) + "]";
    }

    /** Builds a {@link Review}. Not thread-safe. */
    public static final class Builder {
        private final String reviewer;
        private String improvedResponse;
        private String category;
        private Integer quality;
        private String notes;

        private Builder(String reviewer) {
            this.reviewer = reviewer;
        }

        public Builder improvedResponse(String v) {
            this.improvedResponse = v;
            return this;
        }

        public Builder category(String v) {
            this.category = v;
            return this;
        }

        public Builder category(Category v) {
            this.category = Objects.requireNonNull(v, "category").name();
            return this;
        }

        public Builder quality(int v) {
            this.quality = v;
            return this;
        }

        public Builder notes(String v) {
            this.notes = v;
            return this;
        }

        /** @throws dev.tuneloop.errors.ValidationException listing every problem */
        public Review build() {
            return new Review(reviewer, improvedResponse, category, quality, notes);
        }
    }
}
