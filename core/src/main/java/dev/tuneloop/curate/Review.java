package dev.tuneloop.curate;

import dev.tuneloop.errors.Checks;
import dev.tuneloop.errors.ValidationException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

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
 * <p>Immutable; {@link #toString()} shows the reviewer and which parts are set, never a text.
 *
 * @param reviewer         who reviewed; required
 * @param improvedResponse the reviewer's better answer; null to keep the user's edit or the original
 * @param category         the category's name; null when not given
 * @param quality          the 1-10 score; null when not given
 * @param notes            free notes; may be null
 */
public record Review(
        String reviewer,
        @Nullable String improvedResponse,
        @Nullable String category,
        @Nullable Integer quality,
        @Nullable String notes) {
    /** Maximum UTF-8 bytes of notes. */
    public static final int MAX_NOTES_BYTES = 64 * 1024;

    /**
     * Checks every part, reporting all problems at once.
     *
     * @param reviewer         who reviewed; required
     * @param improvedResponse the reviewer's better answer; null to keep the user's edit or the original
     * @param category         the category's name; null when not given
     * @param quality          the 1-10 score; null when not given
     * @param notes            free notes; may be null
     * @throws ValidationException listing every problem
     */
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

    /**
     * A builder for a review by {@code reviewer}.
     *
     * @param reviewer who reviews; checked by {@link Builder#build()}
     * @return a new builder with every other part unset
     */
    public static Builder by(String reviewer) {
        return new Builder(reviewer);
    }

    /**
     * The category as a value.
     *
     * @return the category; null when not given
     */
    public @Nullable Category categoryValue() {
        return category == null ? null : Category.of(category);
    }

    /**
     * The quality as a value.
     *
     * @return the score; null when not given
     */
    public @Nullable QualityScore qualityValue() {
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
        private @Nullable String improvedResponse;
        private @Nullable String category;
        private @Nullable Integer quality;
        private @Nullable String notes;

        private Builder(String reviewer) {
            this.reviewer = reviewer;
        }

        /**
         * The reviewer's better answer (default null: keep the user's edit or the original).
         *
         * @param v the answer, not blank; or null
         * @return this builder
         */
        public Builder improvedResponse(@Nullable String v) {
            this.improvedResponse = v;
            return this;
        }

        /**
         * The category by name (default null: not given).
         *
         * @param v a slug, see {@link Category}; or null
         * @return this builder
         */
        public Builder category(@Nullable String v) {
            this.category = v;
            return this;
        }

        /**
         * The category.
         *
         * @param v the category
         * @return this builder
         * @throws NullPointerException when {@code v} is null
         */
        public Builder category(Category v) {
            this.category = Objects.requireNonNull(v, "category").name();
            return this;
        }

        /**
         * The 1-10 score (default: not given).
         *
         * @param v 1 to 10; checked by {@link #build()}
         * @return this builder
         */
        public Builder quality(int v) {
            this.quality = v;
            return this;
        }

        /**
         * Free notes (default null: none).
         *
         * @param v at most {@link #MAX_NOTES_BYTES} UTF-8 bytes; or null
         * @return this builder
         */
        public Builder notes(@Nullable String v) {
            this.notes = v;
            return this;
        }

        /**
         * Builds the review.
         *
         * @return the review
         * @throws dev.tuneloop.errors.ValidationException listing every problem
         */
        public Review build() {
            return new Review(reviewer, improvedResponse, category, quality, notes);
        }
    }
}
