package dev.tuneloop.curate;

import dev.tuneloop.errors.Checks;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Advises when to train again, after the seed's "When to Retrain": 50+ new quality examples since the last training,
 * a changed system prompt, or new categories of questions. (The seed's fourth trigger, systematic errors seen in
 * production, comes from evaluation and metrics, not from the example store.)
 *
 * <ul>
 *   <li>New examples: approved TRAIN examples scored at least {@link Builder#minQuality} (default
 *       {@link QualityScore#MIN_EXPORTABLE}) whose id is not in the snapshot; a trigger at
 *       {@link Builder#minNewExamples} (default {@value #DEFAULT_MIN_NEW_EXAMPLES}).</li>
 *   <li>System prompt: the current prompt (given, or else the one most new examples carry) differs from the
 *       snapshot's after trimming and collapsing whitespace. Never a trigger on the first training.</li>
 *   <li>New categories: a category of an approved quality example (any split) that the snapshot lacks. Never a
 *       trigger on the first training.</li>
 *   <li>Model lifecycle, only with {@link Builder#lifecycleWarnings}: one reason per warning (the deployed model or its
 *       base retires, or job creation on its base closes, soon); a retraining elsewhere is due.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe; reads the store on every call.
 */
public final class RetrainAdvisor {
    /** Default of {@link Builder#minNewExamples}: the seed retrains with 50+ new quality examples. */
    public static final int DEFAULT_MIN_NEW_EXAMPLES = 50;

    private final ExampleStore examples;
    private final Clock clock;
    private final int minNewExamples;
    private final int minQuality;
    private final @Nullable LifecycleWarnings lifecycle;

    private RetrainAdvisor(Builder b) {
        this.examples = b.examples;
        this.clock = b.clock;
        this.minNewExamples = b.minNewExamples;
        this.minQuality = b.minQuality;
        this.lifecycle = b.lifecycle;
    }

    /**
     * An advisor with the defaults.
     *
     * @param examples the store to read
     * @param clock    the clock for the advice's time
     * @return a thread-safe advisor
     * @throws NullPointerException when an argument is null
     */
    public static RetrainAdvisor create(ExampleStore examples, Clock clock) {
        return builder(examples).clock(clock).build();
    }

    /**
     * A builder over {@code examples}, starting from the defaults.
     *
     * @param examples the store to read
     * @return a new builder
     * @throws NullPointerException when {@code examples} is null
     */
    public static Builder builder(ExampleStore examples) {
        return new Builder(examples);
    }

    /**
     * Advice against the last training, taking the current system prompt from the new examples (the one most of them
     * carry; no prompt trigger when there is no new example).
     *
     * @param last the last training, or {@link TrainingSnapshot#never()}
     * @return the advice
     * @throws NullPointerException when {@code last} is null
     */
    public RetrainAdvice advise(TrainingSnapshot last) {
        return advise(last, null, false);
    }

    /**
     * Advice against the last training, with the host's current system prompt.
     *
     * @param last                the last training, or {@link TrainingSnapshot#never()}
     * @param currentSystemPrompt the prompt the host uses now; null when it uses none
     * @return the advice
     * @throws NullPointerException when {@code last} is null
     */
    public RetrainAdvice advise(TrainingSnapshot last, @Nullable String currentSystemPrompt) {
        return advise(last, currentSystemPrompt, true);
    }

    private RetrainAdvice advise(TrainingSnapshot last, @Nullable String givenPrompt, boolean promptGiven) {
        Objects.requireNonNull(last, "last");
        List<TrainingExample> fresh = new ArrayList<>();
        Set<Category> newCategories = new TreeSet<>(Comparator.comparing(Category::name));
        examples.scan(ExampleQuery.approved().withMinQuality(minQuality), e -> {
            if (!last.exampleIds().contains(e.id())) {
                if (e.split() == Split.TRAIN) {
                    fresh.add(e);
                }
                if (!last.isNever()
                        && e.category() != null
                        && !last.categories().contains(e.category())) {
                    newCategories.add(e.category());
                }
            }
        });
        List<RetrainAdvice.Reason> reasons = new ArrayList<>();
        if (fresh.size() >= minNewExamples) {
            reasons.add(new RetrainAdvice.Reason(
                    RetrainAdvice.Trigger.NEW_EXAMPLES,
                    fresh.size()
                            + " new approved TRAIN examples scored >= " + minQuality
                            + (last.isNever() ? " and no training yet" : " since the training of " + last.trainedAt())
                            + " (threshold " + minNewExamples + ")"));
        }
        if (!last.isNever()) {
            boolean known = promptGiven || !fresh.isEmpty();
            String current = promptGiven ? givenPrompt : dominantPrompt(fresh);
            if (known && !normalize(current).equals(normalize(last.systemPrompt()))) {
                reasons.add(new RetrainAdvice.Reason(
                        RetrainAdvice.Trigger.SYSTEM_PROMPT_CHANGED,
                        "system prompt "
                                + Fingerprints.of(current) + (promptGiven ? " (given)" : " (most new examples)")
                                + " differs from the trained " + Fingerprints.of(last.systemPrompt())));
            }
            if (!newCategories.isEmpty()) {
                reasons.add(new RetrainAdvice.Reason(
                        RetrainAdvice.Trigger.NEW_CATEGORIES, "categories not in the last training: " + newCategories));
            }
        }
        Instant now = clock.instant();
        LifecycleWarnings l = lifecycle;
        if (l != null) {
            for (String w : l.warnings(now)) {
                reasons.add(new RetrainAdvice.Reason(RetrainAdvice.Trigger.MODEL_LIFECYCLE, w));
            }
        }
        return new RetrainAdvice(
                !reasons.isEmpty(),
                reasons,
                fresh.size(),
                newCategories,
                last.isNever() ? null : last.trainedAt(),
                now);
    }

    /** The prompt most examples carry (whitespace-normalized; ties: the first to reach the top count); null if none. */
    private static @Nullable String dominantPrompt(List<TrainingExample> fresh) {
        Map<String, Integer> counts = new HashMap<>();
        String top = null;
        int topCount = 0;
        for (TrainingExample e : fresh) {
            int n = counts.merge(normalize(e.systemPrompt()), 1, Integer::sum);
            if (n > topCount) {
                topCount = n;
                top = e.systemPrompt();
            }
        }
        return top;
    }

    private static String normalize(@Nullable String prompt) {
        return prompt == null ? "" : prompt.strip().replaceAll("\\s+", " ");
    }

    /** Builds a {@link RetrainAdvisor}. Not thread-safe. */
    public static final class Builder {
        private final ExampleStore examples;
        private Clock clock = Clock.systemUTC();
        private int minNewExamples = DEFAULT_MIN_NEW_EXAMPLES;
        private int minQuality = QualityScore.MIN_EXPORTABLE;
        private @Nullable LifecycleWarnings lifecycle;

        private Builder(ExampleStore examples) {
            this.examples = Objects.requireNonNull(examples, "examples");
        }

        /**
         * Adds a reason per lifecycle warning (default none).
         *
         * @param v the warnings, e.g. {@code ModelLifecycle.defaults().warnings(store.versions())}; null for none
         * @return this builder
         */
        public Builder lifecycleWarnings(@Nullable LifecycleWarnings v) {
            this.lifecycle = v;
            return this;
        }

        /**
         * The clock for the advice's time (default system UTC).
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
         * New quality examples that trigger a retraining (default {@value RetrainAdvisor#DEFAULT_MIN_NEW_EXAMPLES}).
         *
         * @param v at least 1; checked by {@link #build()}
         * @return this builder
         */
        public Builder minNewExamples(int v) {
            this.minNewExamples = v;
            return this;
        }

        /**
         * The lowest score counted as a quality example (default {@value QualityScore#MIN_EXPORTABLE}, the lowest
         * exported).
         *
         * @param v 1 to 10; checked by {@link #build()}
         * @return this builder
         */
        public Builder minQuality(int v) {
            this.minQuality = v;
            return this;
        }

        /**
         * Builds the advisor.
         *
         * @return the advisor
         * @throws dev.tuneloop.errors.ValidationException listing every problem
         */
        public RetrainAdvisor build() {
            Checks.start()
                    .require(minNewExamples >= 1, "minNewExamples must be >= 1, but was " + minNewExamples)
                    .require(
                            minQuality >= 1 && minQuality <= 10,
                            "minQuality must be between 1 and 10, but was " + minQuality)
                    .orThrow();
            return new RetrainAdvisor(this);
        }
    }
}
