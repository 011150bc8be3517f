package dev.tuneloop.curate;

import dev.tuneloop.errors.Checks;
import dev.tuneloop.record.CandidateQuery;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.RecordedInteraction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Which interactions a {@link Curator} offers for review.
 *
 * <p>{@link #seedDefault()} reproduces the seed's weekly SQL exactly: created in the last 7 days, thumbs-up OR
 * edited, no follow-up, not already reviewed (approved or rejected), edited first then newest.
 *
 * <p>A policy has up to three parts, applied in this order:
 * <ol>
 *   <li>data, {@link #toQuery(Instant)}: a {@link CandidateQuery} the store pushes down (to SQL for the JDBC store):
 *       window, feedback rule, minimum answer length, models, metadata, excluded users and ids;</li>
 *   <li>an optional in-memory {@link #predicate()}, the AND of every {@link Builder#filter} given;</li>
 *   <li>an optional {@link CategoryCap}: a category is known only after review, so the cap needs a host-supplied
 *       classifier that guesses a candidate's category. A candidate is dropped when its guessed category already has
 *       {@code max} approved examples (any split) plus candidates kept earlier in this listing. Candidates the
 *       classifier cannot place are kept. The cap keeps one category from flooding the weekly review.</li>
 * </ol>
 * The {@link #limit()} applies last; it is pushed down to the store only when there is no predicate and no cap.
 *
 * <p>Immutable and thread-safe (when the given predicates and classifier are). Built with {@link #builder()}; a
 * policy is changed by {@link #toBuilder()}, so policies compose: {@code policy.toBuilder().filter(p).build()}.
 */
public final class CurationPolicy {
    /** Default of {@link #window()}: the seed's 7 days. */
    public static final Duration DEFAULT_WINDOW = CandidateQuery.DEFAULT_WINDOW;

    private static final CurationPolicy SEED = builder().build();

    private final Duration window;
    private final boolean requireUpOrEdited;
    private final boolean excludeFollowUps;
    private final int minAnswerChars;
    private final Set<String> models;
    private final Map<String, String> metadataEquals;
    private final Set<String> excludedUsers;
    private final Set<InteractionId> excludedIds;
    private final @Nullable Predicate<RecordedInteraction> predicate; // null = none
    private final @Nullable CategoryCap categoryCap; // null = none
    private final int limit;

    private CurationPolicy(Builder b, Duration window) {
        this.window = window;
        this.requireUpOrEdited = b.requireUpOrEdited;
        this.excludeFollowUps = b.excludeFollowUps;
        this.minAnswerChars = b.minAnswerChars;
        this.models = Set.copyOf(b.models);
        this.metadataEquals = Map.copyOf(b.metadataEquals);
        this.excludedUsers = Set.copyOf(b.excludedUsers);
        this.excludedIds = Set.copyOf(b.excludedIds);
        this.predicate = b.predicate;
        this.categoryCap = b.categoryCap;
        this.limit = b.limit;
    }

    /**
     * The seed's rule with the seed's 7-day window.
     *
     * @return the shared seed policy
     */
    public static CurationPolicy seedDefault() {
        return SEED;
    }

    /**
     * A builder starting from the seed's rule.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder starting from this policy, with its filters and cap.
     *
     * @return a new builder with every setting of this policy
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.window = window;
        b.requireUpOrEdited = requireUpOrEdited;
        b.excludeFollowUps = excludeFollowUps;
        b.minAnswerChars = minAnswerChars;
        b.models.addAll(models);
        b.metadataEquals.putAll(metadataEquals);
        b.excludedUsers.addAll(excludedUsers);
        b.excludedIds.addAll(excludedIds);
        b.predicate = predicate;
        b.categoryCap = categoryCap;
        b.limit = limit;
        return b;
    }

    /**
     * The part a store pushes down, for a window ending at {@code now}: created strictly after {@code now - window},
     * never already reviewed. The limit is pushed down only when nothing runs in memory after the query.
     *
     * @param now the end of the window (the curator's clock)
     * @return the store query
     * @throws NullPointerException when {@code now} is null
     */
    public CandidateQuery toQuery(Instant now) {
        Objects.requireNonNull(now, "now");
        CandidateQuery.Builder q = CandidateQuery.builder(now.minus(window))
                .requireUpOrEdited(requireUpOrEdited)
                .excludeFollowUps(excludeFollowUps)
                .excludeReviewed(true)
                .minResponseChars(minAnswerChars)
                .modelsUsed(models)
                .excludeUserIds(excludedUsers)
                .excludeIds(excludedIds)
                .limit(predicate == null && categoryCap == null ? limit : Integer.MAX_VALUE);
        metadataEquals.forEach(q::metadataEquals);
        return q.build();
    }

    /**
     * The in-memory filter applied after the store's query, if any.
     *
     * @return the AND of every filter given; empty when none was
     */
    public Optional<Predicate<RecordedInteraction>> predicate() {
        return Optional.ofNullable(predicate);
    }

    /**
     * The per-category cap, if any.
     *
     * @return the cap; empty when there is none
     */
    public Optional<CategoryCap> categoryCap() {
        return Optional.ofNullable(categoryCap);
    }

    /**
     * How far back candidates go.
     *
     * @return a positive duration
     */
    public Duration window() {
        return window;
    }

    /**
     * Whether only thumbs-up or edited interactions are candidates.
     *
     * @return true for the seed's rule
     */
    public boolean requireUpOrEdited() {
        return requireUpOrEdited;
    }

    /**
     * Whether interactions that had a follow-up are dropped.
     *
     * @return true for the seed's rule
     */
    public boolean excludeFollowUps() {
        return excludeFollowUps;
    }

    /**
     * The shortest answer kept, in UTF-16 characters.
     *
     * @return at least 0
     */
    public int minAnswerChars() {
        return minAnswerChars;
    }

    /**
     * Models to keep.
     *
     * @return the model names; empty for any model
     */
    public Set<String> models() {
        return models;
    }

    /**
     * Metadata entries a candidate must have, all of them.
     *
     * @return key to required value; empty for no rule
     */
    public Map<String, String> metadataEquals() {
        return metadataEquals;
    }

    /**
     * Users whose interactions are never candidates.
     *
     * @return the user ids; empty for none
     */
    public Set<String> excludedUsers() {
        return excludedUsers;
    }

    /**
     * Interactions that are never candidates.
     *
     * @return the ids; empty for none
     */
    public Set<InteractionId> excludedIds() {
        return excludedIds;
    }

    /**
     * The most candidates listed.
     *
     * @return at least 1; {@link Integer#MAX_VALUE} for all
     */
    public int limit() {
        return limit;
    }

    @Override
    public String toString() {
        return "CurationPolicy[window=" + window + ", requireUpOrEdited=" + requireUpOrEdited
                + ", excludeFollowUps=" + excludeFollowUps + ", minAnswerChars=" + minAnswerChars + ", models=" + models
                + ", metadataEquals=" + metadataEquals.keySet() + ", excludedUsers=" + excludedUsers.size()
                + ", excludedIds=" + excludedIds.size() + ", predicate=" + (predicate != null)
                + ", categoryCap=" + (categoryCap == null ? "none" : categoryCap.max()) + ", limit=" + limit + "]";
    }

    /**
     * A cap on how many examples of one category the training set may hold, used to thin candidates. Thread-safe
     * when the classifier is.
     *
     * @param max        a category with this many approved examples (any split) plus candidates already kept in the
     *                   same listing gets no more candidates; at least 1
     * @param classifier guesses a candidate's category; empty when it cannot tell (the candidate is then kept).
     *                   Called once per candidate that passed the other rules; must not return null
     */
    public record CategoryCap(int max, Function<RecordedInteraction, Optional<Category>> classifier) {
        /**
         * Checks the cap.
         *
         * @param max        a category with this many approved examples (any split) plus candidates already kept in the
         *                   same listing gets no more candidates; at least 1
         * @param classifier guesses a candidate's category; empty when it cannot tell (the candidate is then kept).
         *                   Called once per candidate that passed the other rules; must not return null
         * @throws NullPointerException when {@code classifier} is null
         * @throws dev.tuneloop.errors.ValidationException when {@code max} is less than 1
         */
        public CategoryCap {
            Objects.requireNonNull(classifier, "classifier");
            Checks.start()
                    .require(max >= 1, "categoryCap.max must be >= 1, but was " + max)
                    .orThrow();
        }
    }

    /** Builds a {@link CurationPolicy}; starts from the seed's rule. Not thread-safe. */
    public static final class Builder {
        private @Nullable Duration window = DEFAULT_WINDOW;
        private boolean requireUpOrEdited = true;
        private boolean excludeFollowUps = true;
        private int minAnswerChars;
        private final Set<String> models = new LinkedHashSet<>();
        private final Map<String, String> metadataEquals = new LinkedHashMap<>();
        private final Set<String> excludedUsers = new LinkedHashSet<>();
        private final Set<InteractionId> excludedIds = new LinkedHashSet<>();
        private @Nullable Predicate<RecordedInteraction> predicate;
        private @Nullable CategoryCap categoryCap;
        private int limit = Integer.MAX_VALUE;
        private final List<String> problems = new ArrayList<>();

        private Builder() {}

        /**
         * How far back candidates go (default {@link #DEFAULT_WINDOW}).
         *
         * @param window positive; checked by {@link #build()}
         * @return this builder
         */
        public Builder window(@Nullable Duration window) {
            this.window = window;
            return this;
        }

        /**
         * Keep only thumbs-up or edited interactions (default true, as the seed).
         *
         * @param v whether to require a thumbs-up or an edit
         * @return this builder
         */
        public Builder requireUpOrEdited(boolean v) {
            this.requireUpOrEdited = v;
            return this;
        }

        /**
         * Drop interactions that had a follow-up (default true, as the seed).
         *
         * @param v whether to drop them
         * @return this builder
         */
        public Builder excludeFollowUps(boolean v) {
            this.excludeFollowUps = v;
            return this;
        }

        /**
         * Keep only answers of at least this many UTF-16 characters (default 0).
         *
         * @param v at least 0; checked by {@link #build()}
         * @return this builder
         */
        public Builder minAnswerChars(int v) {
            this.minAnswerChars = v;
            return this;
        }

        /**
         * Keep only these models (added to any given before); none given means any model.
         *
         * @param modelNames model names, not blank; a null or blank one is reported by {@link #build()}
         * @return this builder
         */
        public Builder models(@Nullable String... modelNames) {
            for (String m : modelNames) {
                if (m == null || m.isBlank()) {
                    problems.add("models must not hold a null or blank model name");
                } else {
                    models.add(m);
                }
            }
            return this;
        }

        /**
         * Keep only interactions whose metadata has {@code key = value} (ANDed with other entries; a second value for
         * the same key replaces the first).
         *
         * @param key   a non-blank key; a null or blank one is reported by {@link #build()}
         * @param value the required value; null is reported by {@link #build()}
         * @return this builder
         */
        public Builder metadataEquals(@Nullable String key, @Nullable String value) {
            if (key == null || key.isBlank() || value == null) {
                problems.add("metadataEquals needs a non-blank key and a non-null value, but was key="
                        + (key == null ? "null" : "'" + key + "'") + (value == null ? ", value=null" : ""));
            } else {
                metadataEquals.put(key, value);
            }
            return this;
        }

        /**
         * Drop interactions of these users (e.g. internal testers); added to any given before.
         *
         * @param userIds user ids; a null one is reported by {@link #build()}
         * @return this builder
         */
        public Builder excludeUsers(@Nullable String... userIds) {
            for (String u : userIds) {
                if (u == null) {
                    problems.add("excludeUsers must not hold null");
                } else {
                    excludedUsers.add(u);
                }
            }
            return this;
        }

        /**
         * Drop these interactions; added to any given before.
         *
         * @param ids interaction ids; a null one is reported by {@link #build()}
         * @return this builder
         */
        public Builder excludeIds(@Nullable InteractionId... ids) {
            for (InteractionId id : ids) {
                if (id == null) {
                    problems.add("excludeIds must not hold null");
                } else {
                    excludedIds.add(id);
                }
            }
            return this;
        }

        /**
         * Adds an in-memory filter, ANDed with the filters given before. A filter stops the limit from being pushed
         * down to the store.
         *
         * @param p keeps the interactions it accepts
         * @return this builder
         * @throws NullPointerException when {@code p} is null
         */
        public Builder filter(Predicate<RecordedInteraction> p) {
            Objects.requireNonNull(p, "filter");
            this.predicate = predicate == null ? p : predicate.and(p);
            return this;
        }

        /**
         * Caps candidates per (guessed) category; see {@link CategoryCap}. Replaces a cap given before.
         *
         * @param max        at least 1
         * @param classifier guesses a candidate's category; empty when it cannot tell
         * @return this builder
         * @throws NullPointerException when {@code classifier} is null
         * @throws dev.tuneloop.errors.ValidationException when {@code max} is less than 1
         */
        public Builder categoryCap(int max, Function<RecordedInteraction, Optional<Category>> classifier) {
            this.categoryCap = new CategoryCap(max, classifier);
            return this;
        }

        /**
         * At most this many candidates (default {@link Integer#MAX_VALUE}: all).
         *
         * @param v at least 1; checked by {@link #build()}
         * @return this builder
         */
        public Builder limit(int v) {
            this.limit = v;
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return the policy
         * @throws dev.tuneloop.errors.ValidationException listing every problem
         */
        public CurationPolicy build() {
            Checks c = Checks.start();
            problems.forEach(c::add);
            Duration w = window;
            c.require(w != null, "window is required, but was null")
                    .require(w == null || (!w.isNegative() && !w.isZero()), "window must be positive, but was " + w)
                    .require(minAnswerChars >= 0, "minAnswerChars must be >= 0, but was " + minAnswerChars)
                    .require(limit > 0, "limit must be > 0, but was " + limit)
                    .orThrow();
            // checked above: orThrow() has thrown unless the window is set
            return new CurationPolicy(this, Objects.requireNonNull(w));
        }
    }
}
