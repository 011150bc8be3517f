package dev.tuneloop.record;

import dev.tuneloop.errors.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which interactions are curation candidates, as data, so a store can push it down to its query language.
 *
 * <p>{@link #seedDefault(Instant)} is exactly the seed's weekly SQL: created in the last 7 days
 * ({@code created_at > now - 7 days}), thumbs-up OR edited, no follow-up, not already reviewed (no row in
 * {@code training_examples}, approved or rejected). Results are always ordered edited first, then newest
 * {@code created_at}, then highest id (so ties are deterministic). Immutable.
 *
 * @param createdAfter       only interactions created strictly after this instant
 * @param createdBefore      only interactions created strictly before this instant; null for no upper bound
 * @param requireUpOrEdited  keep only thumbs-up (latest rating) or edited interactions
 * @param excludeFollowUps   drop interactions that had a follow-up
 * @param excludeReviewed    drop interactions that already have a training example (approved or rejected)
 * @param modelsUsed         keep only these models; empty for any
 * @param metadataEquals     keep only interactions whose metadata has all these entries; empty for any
 * @param minResponseChars   keep only interactions whose assistant response has at least this many characters
 * @param excludeUserIds     drop interactions of these users
 * @param excludeIds         drop these interactions
 * @param limit              at most this many results; {@link Integer#MAX_VALUE} for all
 */
public record CandidateQuery(
        Instant createdAfter,
        @Nullable Instant createdBefore,
        boolean requireUpOrEdited,
        boolean excludeFollowUps,
        boolean excludeReviewed,
        Set<String> modelsUsed,
        Map<String, String> metadataEquals,
        int minResponseChars,
        Set<String> excludeUserIds,
        Set<InteractionId> excludeIds,
        int limit) {

    /** The seed's window: 7 days. */
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(7);

    /**
     * Checks the query and copies its collections.
     *
     * @param createdAfter       only interactions created strictly after this instant; required
     * @param createdBefore      only interactions created strictly before this instant; null for no upper bound, else
     *                           after {@code createdAfter}
     * @param requireUpOrEdited  keep only thumbs-up (latest rating) or edited interactions
     * @param excludeFollowUps   drop interactions that had a follow-up
     * @param excludeReviewed    drop interactions that already have a training example (approved or rejected)
     * @param modelsUsed         keep only these models; empty for any; copied
     * @param metadataEquals     keep only interactions whose metadata has all these entries; empty for any; copied
     * @param minResponseChars   keep only interactions whose assistant response has at least this many characters;
     *                           {@code >= 0}
     * @param excludeUserIds     drop interactions of these users; copied
     * @param excludeIds         drop these interactions; copied
     * @param limit              at most this many results; {@code > 0}
     * @throws NullPointerException when {@code createdAfter}, a collection or one of its elements is null
     * @throws dev.tuneloop.errors.ValidationException listing every broken rule
     */
    public CandidateQuery {
        Objects.requireNonNull(createdAfter, "createdAfter");
        modelsUsed = Set.copyOf(modelsUsed);
        metadataEquals = Map.copyOf(metadataEquals);
        excludeUserIds = Set.copyOf(excludeUserIds);
        excludeIds = Set.copyOf(excludeIds);
        Checks.start()
                .require(minResponseChars >= 0, "minResponseChars must be >= 0, but was " + minResponseChars)
                .require(limit > 0, "limit must be > 0, but was " + limit)
                .require(
                        createdBefore == null || createdBefore.isAfter(createdAfter),
                        "createdBefore must be after createdAfter, but was " + createdBefore + " <= " + createdAfter)
                .orThrow();
    }

    /**
     * The seed's rule with the seed's 7-day window ending at {@code now}.
     *
     * @param now the end of the window (not an upper bound: later interactions are candidates too)
     * @return the query
     */
    public static CandidateQuery seedDefault(Instant now) {
        return builder(now.minus(DEFAULT_WINDOW)).build();
    }

    /**
     * A builder with the seed's rule and a window starting (exclusively) at {@code createdAfter}.
     *
     * @param createdAfter the exclusive lower bound of the creation time
     * @return a new builder
     */
    public static Builder builder(Instant createdAfter) {
        return new Builder(createdAfter);
    }

    /**
     * A builder that starts from this query.
     *
     * @return a new builder with every setting of this query
     */
    public Builder toBuilder() {
        Builder b = new Builder(createdAfter);
        b.createdBefore = createdBefore;
        b.requireUpOrEdited = requireUpOrEdited;
        b.excludeFollowUps = excludeFollowUps;
        b.excludeReviewed = excludeReviewed;
        b.modelsUsed = modelsUsed;
        b.metadataEquals = new LinkedHashMap<>(metadataEquals);
        b.minResponseChars = minResponseChars;
        b.excludeUserIds = excludeUserIds;
        b.excludeIds = excludeIds;
        b.limit = limit;
        return b;
    }

    /** Builds a {@link CandidateQuery}; starts from the seed's rule. Not thread-safe. */
    public static final class Builder {
        private Instant createdAfter;
        private @Nullable Instant createdBefore;
        private boolean requireUpOrEdited = true;
        private boolean excludeFollowUps = true;
        private boolean excludeReviewed = true;
        private Set<String> modelsUsed = Set.of();
        private Map<String, String> metadataEquals = new LinkedHashMap<>();
        private int minResponseChars;
        private Set<String> excludeUserIds = Set.of();
        private Set<InteractionId> excludeIds = Set.of();
        private int limit = Integer.MAX_VALUE;

        private Builder(Instant createdAfter) {
            this.createdAfter = Objects.requireNonNull(createdAfter, "createdAfter");
        }

        /**
         * Only interactions created strictly after this instant.
         *
         * @param v the exclusive lower bound
         * @return this builder
         */
        public Builder createdAfter(Instant v) {
            this.createdAfter = Objects.requireNonNull(v, "createdAfter");
            return this;
        }

        /**
         * Only interactions created strictly before this instant (default: no upper bound).
         *
         * @param v the exclusive upper bound; null for none
         * @return this builder
         */
        public Builder createdBefore(@Nullable Instant v) {
            this.createdBefore = v;
            return this;
        }

        /**
         * Whether to keep only thumbs-up (latest rating) or edited interactions (default true, the seed's rule).
         *
         * @param v true to require it
         * @return this builder
         */
        public Builder requireUpOrEdited(boolean v) {
            this.requireUpOrEdited = v;
            return this;
        }

        /**
         * Whether to drop interactions that had a follow-up (default true, the seed's rule).
         *
         * @param v true to drop them
         * @return this builder
         */
        public Builder excludeFollowUps(boolean v) {
            this.excludeFollowUps = v;
            return this;
        }

        /**
         * Whether to drop interactions that already have a training example, approved or rejected (default true, the seed's rule).
         *
         * @param v true to drop them
         * @return this builder
         */
        public Builder excludeReviewed(boolean v) {
            this.excludeReviewed = v;
            return this;
        }

        /**
         * Keep only interactions of these models (default: any).
         *
         * @param v the model ids; empty for any
         * @return this builder
         */
        public Builder modelsUsed(Set<String> v) {
            this.modelsUsed = v;
            return this;
        }

        /**
         * Keep only interactions whose metadata has this entry; adds to the entries set before.
         *
         * @param key the metadata key
         * @param value the value it must have
         * @return this builder
         */
        public Builder metadataEquals(String key, String value) {
            this.metadataEquals.put(key, value);
            return this;
        }

        /**
         * Keep only interactions whose assistant response has at least this many characters (default 0).
         *
         * @param v the minimum, {@code >= 0}
         * @return this builder
         */
        public Builder minResponseChars(int v) {
            this.minResponseChars = v;
            return this;
        }

        /**
         * Drop interactions of these users (default: none).
         *
         * @param v the user ids
         * @return this builder
         */
        public Builder excludeUserIds(Set<String> v) {
            this.excludeUserIds = v;
            return this;
        }

        /**
         * Drop these interactions (default: none).
         *
         * @param v the interaction ids
         * @return this builder
         */
        public Builder excludeIds(Set<InteractionId> v) {
            this.excludeIds = v;
            return this;
        }

        /**
         * At most this many results (default {@link Integer#MAX_VALUE}: all).
         *
         * @param v the limit, {@code > 0}
         * @return this builder
         */
        public Builder limit(int v) {
            this.limit = v;
            return this;
        }

        /**
         * Builds the query.
         *
         * @return the query
         * @throws dev.tuneloop.errors.ValidationException listing every broken rule
         */
        public CandidateQuery build() {
            return new CandidateQuery(
                    createdAfter,
                    createdBefore,
                    requireUpOrEdited,
                    excludeFollowUps,
                    excludeReviewed,
                    modelsUsed,
                    metadataEquals,
                    minResponseChars,
                    excludeUserIds,
                    excludeIds,
                    limit);
        }
    }
}
