package dev.tuneloop.curate;

import static dev.tuneloop.curate.ReadinessReport.Check;
import static dev.tuneloop.curate.ReadinessReport.Item;
import static dev.tuneloop.curate.ReadinessReport.Status;

import dev.tuneloop.dedup.DuplicatePair;
import dev.tuneloop.dedup.NearDuplicateDetector;
import dev.tuneloop.errors.Checks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The seed's pre-training checklist over the approved examples of an {@link ExampleStore}.
 *
 * <p>"Exportable" means approved and scored at least {@link Builder#minQuality} (default
 * {@link QualityScore#MIN_EXPORTABLE}). The <i>training set</i> is the exportable TRAIN examples that are not holdout
 * leaks (what an export would contain). The items:
 * <ul>
 *   <li>{@code TRAINING_SET_SIZE}: FAIL under {@link Builder#minTrainingExamples} (50), WARN under
 *       {@link Builder#preferredTrainingExamples} (100).</li>
 *   <li>{@code REVIEW_FRESHNESS}: WARN listing exportable examples (either split) last reviewed more than
 *       {@link Builder#maxReviewAge} (14 days) ago; a re-review that changes nothing refreshes an example.</li>
 *   <li>{@code DUPLICATES}: among exportable examples, excluding train/holdout pairs (those are leaks): FAIL when two
 *       have the same {@link Holdout#similarityText} after collapsing whitespace, WARN on near-duplicates per the
 *       {@link NearDuplicateDetector}; lists the later example of each pair.</li>
 *   <li>{@code CATEGORY_BALANCE}: the training set's count per category; WARN when one category holds more than
 *       {@link Builder#maxCategoryShare} (0.5) of it, or a category of a closed taxonomy has none.</li>
 *   <li>{@code SYSTEM_PROMPT}: the training set's count per system prompt, named by fingerprint ({@code sha256:} and
 *       12 hex digits; {@code none} for no prompt), never by text. PASS with one prompt; WARN when the most common
 *       covers at least {@link Builder#minPromptShare} (0.8), FAIL below; lists the examples with another prompt.</li>
 *   <li>{@code HOLDOUT_LEAKS}: WARN listing training examples that are near-duplicates of holdout ones
 *       ({@link Holdout#leaks}); exports leave them out.</li>
 *   <li>{@code HOLDOUT_SIZE}: exportable HOLDOUT examples: FAIL with none, WARN under {@link Builder#minHoldout}
 *       (20).</li>
 *   <li>{@code MODEL_LIFECYCLE}, only with {@link Builder#lifecycleWarnings}: WARN listing the lifecycle warnings (the
 *       deployed model or its base retires, or job creation on its base closes, soon), PASS without any.</li>
 * </ul>
 * The report's overall status is the worst item's.
 *
 * <p>Immutable and thread-safe; reads the store on every call.
 */
public final class ReadinessChecklist {
    /** Default of {@link Builder#minTrainingExamples}: the seed asks for at least 50 approved examples. */
    public static final int DEFAULT_MIN_TRAINING_EXAMPLES = 50;
    /** Default of {@link Builder#preferredTrainingExamples}: the seed prefers 100+. */
    public static final int DEFAULT_PREFERRED_TRAINING_EXAMPLES = 100;
    /** Default of {@link Builder#maxReviewAge}: the seed wants examples reviewed in the past 2 weeks. */
    public static final Duration DEFAULT_MAX_REVIEW_AGE = Duration.ofDays(14);
    /** Default of {@link Builder#maxCategoryShare}: one category may hold at most half of the training set. */
    public static final double DEFAULT_MAX_CATEGORY_SHARE = 0.5;
    /**
     * Default of {@link Builder#minPromptShare}: with several system prompts, the most common must cover this share to
     * only warn.
     */
    public static final double DEFAULT_MIN_PROMPT_SHARE = 0.8;

    private final Clock clock;
    private final NearDuplicateDetector detector;
    private final Taxonomy taxonomy;
    private final int minTraining;
    private final int preferredTraining;
    private final Duration maxReviewAge;
    private final double maxCategoryShare;
    private final double minPromptShare;
    private final int minHoldout;
    private final int minQuality;
    private final @Nullable LifecycleWarnings lifecycle;

    private ReadinessChecklist(Builder b, Duration maxReviewAge) {
        this.clock = b.clock;
        this.detector = b.detector;
        this.taxonomy = b.taxonomy;
        this.minTraining = b.minTraining;
        this.preferredTraining = b.preferredTraining;
        this.maxReviewAge = maxReviewAge;
        this.maxCategoryShare = b.maxCategoryShare;
        this.minPromptShare = b.minPromptShare;
        this.minHoldout = b.minHoldout;
        this.minQuality = b.minQuality;
        this.lifecycle = b.lifecycle;
    }

    /**
     * A checklist with the seed's thresholds, the default detector and an open taxonomy.
     *
     * @param clock the clock for "now" (review freshness, the report's time)
     * @return a thread-safe checklist
     * @throws NullPointerException when {@code clock} is null
     */
    public static ReadinessChecklist create(Clock clock) {
        return builder().clock(clock).build();
    }

    /**
     * A builder starting from the seed's thresholds ({@code DEFAULT_*}), the default detector, an open taxonomy and
     * the system UTC clock.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Evaluates every item over the store's approved examples (read once, into memory).
     *
     * @param store the examples
     * @return the report, with one item per {@link ReadinessReport.Check}
     * @throws NullPointerException when {@code store} is null
     */
    public ReadinessReport evaluate(ExampleStore store) {
        Objects.requireNonNull(store, "store");
        Instant now = clock.instant();
        List<TrainingExample> approved = new ArrayList<>();
        store.scan(ExampleQuery.approved(), approved::add);
        List<Holdout.Leak> leakPairs = Holdout.leakPairs(approved, detector);
        Set<ExampleId> leaks = new TreeSet<>();
        leakPairs.forEach(l -> leaks.add(l.train()));
        List<TrainingExample> exportable =
                approved.stream().filter(this::meetsMinQuality).toList();
        List<TrainingExample> training = exportable.stream()
                .filter(e -> e.split() == Split.TRAIN && !leaks.contains(e.id()))
                .toList();
        List<TrainingExample> holdout =
                exportable.stream().filter(e -> e.split() == Split.HOLDOUT).toList();

        List<Item> items = new ArrayList<>(List.of(
                size(training, exportable, leaks),
                freshness(exportable, now),
                duplicates(exportable),
                balance(training),
                prompts(training),
                leaks(leakPairs, leaks),
                holdoutSize(holdout)));
        LifecycleWarnings l = lifecycle;
        if (l != null) {
            items.add(lifecycle(l, now));
        }
        Status overall = Status.PASS;
        for (Item i : items) {
            overall = overall.worst(i.status());
        }
        return new ReadinessReport(overall, now, items);
    }

    private boolean meetsMinQuality(TrainingExample approved) {
        QualityScore q = approved.quality(); // never null for an approved example
        return q != null && q.value() >= minQuality;
    }

    private Item size(List<TrainingExample> training, List<TrainingExample> exportable, Set<ExampleId> leaks) {
        int n = training.size();
        long leaking = exportable.stream().filter(e -> leaks.contains(e.id())).count();
        Status s = n < minTraining ? Status.FAIL : n < preferredTraining ? Status.WARN : Status.PASS;
        String detail = n + " approved TRAIN examples scored >= " + minQuality + " can be exported"
                + (leaking > 0 ? " (" + leaking + " more are held back as holdout leaks)" : "")
                + "; at least " + minTraining + " are needed, " + preferredTraining + "+ preferred";
        return new Item(Check.TRAINING_SET_SIZE, s, detail, Map.of("training", (long) n, "leaks", leaking), List.of());
    }

    private Item freshness(List<TrainingExample> exportable, Instant now) {
        Instant oldest = now.minus(maxReviewAge);
        List<ExampleId> stale = exportable.stream()
                .filter(e -> e.reviewedAt().isBefore(oldest))
                .map(TrainingExample::id)
                .toList();
        Status s = stale.isEmpty() ? Status.PASS : Status.WARN;
        String detail = stale.isEmpty()
                ? "every exportable example was reviewed in the last " + maxReviewAge.toDays() + " days"
                : stale.size() + " of " + exportable.size() + " exportable examples were last reviewed more than "
                        + maxReviewAge.toDays() + " days ago (before " + oldest + "); re-review them";
        return new Item(Check.REVIEW_FRESHNESS, s, detail, Map.of("stale", (long) stale.size()), stale);
    }

    private Item duplicates(List<TrainingExample> exportable) {
        Map<ExampleId, TrainingExample> byId = new HashMap<>();
        Map<ExampleId, String> texts = new TreeMap<>();
        for (TrainingExample e : exportable) {
            byId.put(e.id(), e);
            texts.put(e.id(), Holdout.similarityText(e));
        }
        long exact = 0;
        long near = 0;
        Set<ExampleId> offending = new TreeSet<>();
        // exact duplicates first, by normalized text: the detector may not see texts without words
        Map<String, ExampleId> seen = new HashMap<>();
        Set<Set<ExampleId>> exactPairs = new HashSet<>();
        for (Map.Entry<ExampleId, String> t : texts.entrySet()) {
            ExampleId first = seen.putIfAbsent(normalize(t.getValue()), t.getKey());
            if (first != null && !crossSplit(present(byId, first), present(byId, t.getKey()))) {
                exact++;
                offending.add(t.getKey());
                exactPairs.add(Set.of(first, t.getKey()));
            }
        }
        for (DuplicatePair<ExampleId> p : detector.findPairs(texts)) {
            ExampleId second = present(p.second());
            if (crossSplit(present(byId, p.first()), present(byId, second))
                    || exactPairs.contains(Set.of(p.first(), second))
                    || normalize(present(texts, p.first())).equals(normalize(present(texts, second)))) {
                continue;
            }
            near++;
            offending.add(second);
        }
        Status s = exact > 0 ? Status.FAIL : near > 0 ? Status.WARN : Status.PASS;
        String detail = exact == 0 && near == 0
                ? "no duplicates among " + exportable.size() + " exportable examples"
                : exact + " exact and " + near + " near-duplicate pairs (similarity >= " + detector.threshold()
                        + ") among " + exportable.size()
                        + " exportable examples; the later example of each pair is listed";
        return new Item(
                Check.DUPLICATES, s, detail, Map.of("exactPairs", exact, "nearPairs", near), List.copyOf(offending));
    }

    private Item balance(List<TrainingExample> training) {
        Map<String, Long> counts = new LinkedHashMap<>();
        taxonomy.categories().forEach(c -> counts.put(c.name(), 0L));
        Map<String, Long> others = new TreeMap<>();
        for (TrainingExample e : training) {
            String name = Objects.requireNonNull(e.category(), "an approved example has a category")
                    .name();
            if (counts.containsKey(name)) {
                counts.merge(name, 1L, Long::sum);
            } else {
                others.merge(name, 1L, Long::sum);
            }
        }
        counts.putAll(others);
        List<String> problems = new ArrayList<>();
        if (training.isEmpty()) {
            problems.add("the training set is empty");
        } else {
            counts.forEach((name, n) -> {
                double share = n / (double) training.size();
                if (share > maxCategoryShare) {
                    problems.add("'" + name + "' holds " + Math.round(share * 100) + "% of the training set (more than "
                            + Math.round(maxCategoryShare * 100) + "%)");
                }
            });
        }
        List<String> empty = counts.entrySet().stream()
                .filter(e -> e.getValue() == 0)
                .map(Map.Entry::getKey)
                .toList();
        if (!empty.isEmpty()) {
            problems.add("no examples in " + String.join(", ", empty));
        }
        String detail = (problems.isEmpty() ? "balanced" : String.join("; ", problems)) + "; per category: " + counts;
        return new Item(
                Check.CATEGORY_BALANCE, problems.isEmpty() ? Status.PASS : Status.WARN, detail, counts, List.of());
    }

    private Item prompts(List<TrainingExample> training) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (TrainingExample e : training) {
            counts.merge(Fingerprints.of(e.systemPrompt()), 1L, Long::sum);
        }
        // most common first; ties by fingerprint so the report is stable
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        if (sorted.size() <= 1) {
            String detail = sorted.isEmpty()
                    ? "no training examples"
                    : "one system prompt (" + sorted.keySet().iterator().next() + ") across " + training.size()
                            + " training examples";
            return new Item(Check.SYSTEM_PROMPT, Status.PASS, detail, sorted, List.of());
        }
        Map.Entry<String, Long> most = sorted.entrySet().iterator().next();
        String top = most.getKey();
        double share = most.getValue() / (double) training.size();
        List<ExampleId> others = training.stream()
                .filter(e -> !Fingerprints.of(e.systemPrompt()).equals(top))
                .map(TrainingExample::id)
                .toList();
        Status s = share >= minPromptShare ? Status.WARN : Status.FAIL;
        String detail = sorted.size() + " distinct system prompts in the training set; the most common (" + top
                + ") covers " + Math.round(share * 100) + "%; per prompt: " + sorted
                + "; finalize one prompt (or set it at export)";
        return new Item(Check.SYSTEM_PROMPT, s, detail, sorted, others);
    }

    private static Item leaks(List<Holdout.Leak> pairs, Set<ExampleId> leaks) {
        String detail = leaks.isEmpty()
                ? "no training example is a near-duplicate of a holdout example"
                : leaks.size() + " training examples are near-duplicates of holdout examples (" + pairs.size()
                        + " pairs); exports leave them out";
        return new Item(
                Check.HOLDOUT_LEAKS,
                leaks.isEmpty() ? Status.PASS : Status.WARN,
                detail,
                Map.of("leaks", (long) leaks.size(), "pairs", (long) pairs.size()),
                List.copyOf(leaks));
    }

    private Item holdoutSize(List<TrainingExample> holdout) {
        int n = holdout.size();
        Status s = n == 0 ? Status.FAIL : n < minHoldout ? Status.WARN : Status.PASS;
        String detail = n + " exportable examples are held out for evaluation; the seed asks for 20-50 (minimum here "
                + minHoldout + ")";
        return new Item(Check.HOLDOUT_SIZE, s, detail, Map.of("holdout", (long) n), List.of());
    }

    private static Item lifecycle(LifecycleWarnings l, Instant now) {
        List<String> warnings = List.copyOf(l.warnings(now));
        String detail = warnings.isEmpty()
                ? "no deployed model or base model retires, and no job creation on it closes, soon"
                : String.join("; ", warnings);
        return new Item(
                Check.MODEL_LIFECYCLE,
                warnings.isEmpty() ? Status.PASS : Status.WARN,
                detail,
                Map.of("warnings", (long) warnings.size()),
                List.of());
    }

    /** The value of a key that must be present: the maps and the pairs are made from the same examples. */
    private static <V> V present(Map<ExampleId, V> map, ExampleId id) {
        return Objects.requireNonNull(map.get(id), "every pair's ids are in the listing");
    }

    /** The second key of a pair from {@link NearDuplicateDetector#findPairs}, which is never null. */
    private static ExampleId present(@Nullable ExampleId second) {
        return Objects.requireNonNull(second, "findPairs reports two keys");
    }

    private static boolean crossSplit(TrainingExample a, TrainingExample b) {
        return a.split() != b.split();
    }

    private static String normalize(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    /** Builds a {@link ReadinessChecklist}; starts from the seed's thresholds. Not thread-safe. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private NearDuplicateDetector detector = NearDuplicateDetector.create();
        private Taxonomy taxonomy = Taxonomy.OPEN;
        private int minTraining = DEFAULT_MIN_TRAINING_EXAMPLES;
        private int preferredTraining = DEFAULT_PREFERRED_TRAINING_EXAMPLES;
        private @Nullable Duration maxReviewAge = DEFAULT_MAX_REVIEW_AGE;
        private double maxCategoryShare = DEFAULT_MAX_CATEGORY_SHARE;
        private double minPromptShare = DEFAULT_MIN_PROMPT_SHARE;
        private int minHoldout = HoldoutSettings.DEFAULT_MIN_HOLDOUT;
        private int minQuality = QualityScore.MIN_EXPORTABLE;
        private @Nullable LifecycleWarnings lifecycle;

        private Builder() {}

        /**
         * Adds the {@code MODEL_LIFECYCLE} item, which warns with these warnings (default: no such item).
         *
         * @param v the warnings, e.g. {@code ModelLifecycle.defaults().warnings(store.versions())}; null for none
         * @return this builder
         */
        public Builder lifecycleWarnings(@Nullable LifecycleWarnings v) {
            this.lifecycle = v;
            return this;
        }

        /**
         * The clock for "now" (default system UTC).
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
         * The near-duplicate detector for duplicates and leaks (default {@link NearDuplicateDetector#create()}).
         *
         * @param v the detector
         * @return this builder
         * @throws NullPointerException when {@code v} is null
         */
        public Builder detector(NearDuplicateDetector v) {
            this.detector = Objects.requireNonNull(v, "detector");
            return this;
        }

        /**
         * The taxonomy; a closed one makes an empty category a warning (default {@link Taxonomy#OPEN}).
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
         * FAIL under this many training examples (default {@value ReadinessChecklist#DEFAULT_MIN_TRAINING_EXAMPLES}).
         *
         * @param v at least 1; checked by {@link #build()}
         * @return this builder
         */
        public Builder minTrainingExamples(int v) {
            this.minTraining = v;
            return this;
        }

        /**
         * WARN under this many training examples (default
         * {@value ReadinessChecklist#DEFAULT_PREFERRED_TRAINING_EXAMPLES}).
         *
         * @param v at least {@code minTrainingExamples}; checked by {@link #build()}
         * @return this builder
         */
        public Builder preferredTrainingExamples(int v) {
            this.preferredTraining = v;
            return this;
        }

        /**
         * WARN for examples last reviewed longer ago (default {@link ReadinessChecklist#DEFAULT_MAX_REVIEW_AGE}, 14
         * days).
         *
         * @param v positive; checked by {@link #build()}
         * @return this builder
         */
        public Builder maxReviewAge(@Nullable Duration v) {
            this.maxReviewAge = v;
            return this;
        }

        /**
         * WARN when one category holds more than this share of the training set (default
         * {@value ReadinessChecklist#DEFAULT_MAX_CATEGORY_SHARE}).
         *
         * @param v more than 0 and at most 1; checked by {@link #build()}
         * @return this builder
         */
        public Builder maxCategoryShare(double v) {
            this.maxCategoryShare = v;
            return this;
        }

        /**
         * With several system prompts: WARN when the most common covers this share, else FAIL (default
         * {@value ReadinessChecklist#DEFAULT_MIN_PROMPT_SHARE}).
         *
         * @param v more than 0 and at most 1; checked by {@link #build()}
         * @return this builder
         */
        public Builder minPromptShare(double v) {
            this.minPromptShare = v;
            return this;
        }

        /**
         * WARN under this many held-out examples (default {@value HoldoutSettings#DEFAULT_MIN_HOLDOUT}).
         *
         * @param v at least 0; checked by {@link #build()}
         * @return this builder
         */
        public Builder minHoldout(int v) {
            this.minHoldout = v;
            return this;
        }

        /**
         * The lowest score counted as exportable (default {@value QualityScore#MIN_EXPORTABLE}).
         *
         * @param v 1 to 10; checked by {@link #build()}
         * @return this builder
         */
        public Builder minQuality(int v) {
            this.minQuality = v;
            return this;
        }

        /**
         * Builds the checklist.
         *
         * @return the checklist
         * @throws dev.tuneloop.errors.ValidationException listing every problem
         */
        public ReadinessChecklist build() {
            Duration age = maxReviewAge;
            Checks.start()
                    .require(minTraining >= 1, "minTrainingExamples must be >= 1, but was " + minTraining)
                    .require(
                            preferredTraining >= minTraining,
                            "preferredTrainingExamples must be >= minTrainingExamples (" + minTraining + "), but was "
                                    + preferredTraining)
                    .require(
                            age != null && !age.isNegative() && !age.isZero(),
                            "maxReviewAge must be positive, but was " + age)
                    .require(
                            maxCategoryShare > 0 && maxCategoryShare <= 1,
                            "maxCategoryShare must be > 0 and <= 1, but was " + maxCategoryShare)
                    .require(
                            minPromptShare > 0 && minPromptShare <= 1,
                            "minPromptShare must be > 0 and <= 1, but was " + minPromptShare)
                    .require(minHoldout >= 0, "minHoldout must be >= 0, but was " + minHoldout)
                    .require(
                            minQuality >= 1 && minQuality <= 10,
                            "minQuality must be between 1 and 10, but was " + minQuality)
                    .orThrow();
            // checked above: orThrow() has thrown unless the age is set
            return new ReadinessChecklist(this, Objects.requireNonNull(age));
        }
    }
}
