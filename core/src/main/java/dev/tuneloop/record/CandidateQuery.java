package dev.tuneloop.record;

import dev.tuneloop.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which interactions are curation candidates, as data, so a store can push it down to its query language.
 *
 * <p>{@link #seedDefault(Instant)} is exactly the seed's weekly SQL: created in the last 7 days
 * ({@code created_at > now - 7 days}), thumbs-up OR edited, no follow-up, not already reviewed (no row in
 * {@code training_examples}, approved or rejected). Results are always ordered edited first, then newest
 * {@code created_at}, then highest id (so ties are deterministic).
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
        Instant createdBefore,
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

    /** The seed's rule with the seed's 7-day window ending at {@code now}. */
    public static CandidateQuery seedDefault(Instant now) {
        return builder(now.minus(DEFAULT_WINDOW)).build();
    }

    /** A builder with the seed's rule and a window starting (exclusively) at {@code createdAfter}. */
    public static Builder builder(Instant createdAfter) {
        return new Builder(createdAfter);
    }

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

    /** Builds a {@link CandidateQuery}; starts from the seed's rule. */
    public static final class Builder {
        private Instant createdAfter;
        private Instant createdBefore;
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

        public Builder createdAfter(Instant v) {
            this.createdAfter = Objects.requireNonNull(v, "createdAfter");
            return this;
        }

        public Builder createdBefore(Instant v) {
            this.createdBefore = v;
            return this;
        }

        public Builder requireUpOrEdited(boolean v) {
            this.requireUpOrEdited = v;
            return this;
        }

        public Builder excludeFollowUps(boolean v) {
            this.excludeFollowUps = v;
            return this;
        }

        public Builder excludeReviewed(boolean v) {
            this.excludeReviewed = v;
            return this;
        }

        public Builder modelsUsed(Set<String> v) {
            this.modelsUsed = v;
            return this;
        }

        public Builder metadataEquals(String key, String value) {
            this.metadataEquals.put(key, value);
            return this;
        }

        public Builder minResponseChars(int v) {
            this.minResponseChars = v;
            return this;
        }

        public Builder excludeUserIds(Set<String> v) {
            this.excludeUserIds = v;
            return this;
        }

        public Builder excludeIds(Set<InteractionId> v) {
            this.excludeIds = v;
            return this;
        }

        public Builder limit(int v) {
            this.limit = v;
            return this;
        }

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
