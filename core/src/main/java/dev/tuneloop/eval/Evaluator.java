package dev.tuneloop.eval;

import dev.tuneloop.curate.ExampleQuery;
import dev.tuneloop.curate.ExampleStore;
import dev.tuneloop.curate.Split;
import dev.tuneloop.errors.Checks;
import dev.tuneloop.errors.TuneloopException;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.model.ChatModel;
import dev.tuneloop.model.ChatRequest;
import dev.tuneloop.tune.ModelRegistry;
import dev.tuneloop.tune.ModelVersion;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Runs the frozen holdout against a base model, a candidate and any other models, scores every answer, and builds
 * an {@link EvaluationReport} with the verdict on the candidate (the seed's Phase 4).
 *
 * <pre>{@code
 * EvaluationReport report = Evaluator.builder()
 *         .examples(store)                                   // approved HOLDOUT examples
 *         .base("gpt-4o-mini", chat)
 *         .candidate("ft:gpt-4o-mini:acme::abc123", chat)
 *         .cache(CompletionCache.jsonl(Path.of("eval-cache.jsonl")))
 *         .build()
 *         .run();
 * }</pre>
 *
 * <p>Every model is asked each case once, at temperature {@value ChatRequest#DEFAULT_TEMPERATURE} by default, with
 * at most {@code concurrency} calls in flight. A call that throws {@link dev.tuneloop.errors.RetriableException} or times out
 * is retried with capped exponential backoff and jitter; a call that still fails (or fails otherwise) is recorded in
 * the report as a failed answer scoring 0 (and the verdict is HOLD), so one bad call does not lose the run. Answers
 * are cached by {@code (model, prompt hash)}: with the same cache a second run makes no calls.
 *
 * <p>Thread-safe: {@link #run()} may be called again (e.g. after the store changed); each run uses its own threads
 * and ends them before returning.
 */
public final class Evaluator {
    /** Default number of calls in flight: {@value}. */
    public static final int DEFAULT_CONCURRENCY = 4;
    /** Default time one call may take before it is abandoned and retried: 60 seconds. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);
    /** Default retries after the first attempt: {@value}. */
    public static final int DEFAULT_MAX_RETRIES = 3;
    /**
     * Default first backoff: 500 ms (doubled per retry, capped at {@link #DEFAULT_MAX_BACKOFF}, with jitter of up to
     * half).
     */
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
    /** Default cap of the backoff: 8 seconds. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(8);

    private final @Nullable ExampleStore examples;
    private final Map<String, ChatModel> models;
    private final Scorer scorer;
    private final KeyFactSource keyFacts;
    private final double temperature;
    private final @Nullable Integer maxTokens;
    private final int concurrency;
    private final Duration callTimeout;
    private final int maxRetries;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final @Nullable CompletionCache cache;
    private final @Nullable String judgeModelId;
    private final @Nullable ChatModel judgeModel;
    private final PromotionRules rules;
    private final @Nullable Consumer<EvalProgress> progress;
    private final Clock clock;
    private final List<Consumer<EvaluationReport>> listeners;

    private Evaluator(Builder b, Map<String, ChatModel> models, List<Consumer<EvaluationReport>> listeners) {
        this.examples = b.examples;
        this.models = models;
        this.scorer = b.scorer;
        this.keyFacts = b.keyFacts;
        this.temperature = b.temperature;
        this.maxTokens = b.maxTokens;
        this.concurrency = b.concurrency;
        this.callTimeout = b.callTimeout;
        this.maxRetries = b.maxRetries;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.cache = b.cache;
        this.judgeModelId = b.judgeModelId;
        this.judgeModel = b.judgeModel;
        this.rules = b.rules;
        this.progress = b.progress;
        this.clock = b.clock;
        this.listeners = List.copyOf(listeners);
    }

    /**
     * A builder with every default; {@link Builder#base} and {@link Builder#candidate} must be set.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The holdout as cases: approved HOLDOUT examples of the store ({@code ExampleQuery.approved().withSplit(HOLDOUT)}),
     * in example-id order, with key facts from the configured {@link KeyFactSource}.
     *
     * @return the cases; empty when the holdout is
     * @throws ValidationException when no example store was configured
     */
    public List<EvalCase> holdoutCases() {
        ExampleStore store = examples;
        if (store == null) {
            throw new ValidationException(
                    "examples (an ExampleStore) is required to read the holdout, but was not set");
        }
        List<EvalCase> cases = new ArrayList<>();
        store.scan(ExampleQuery.approved().withSplit(Split.HOLDOUT), e -> cases.add(EvalCase.from(e, keyFacts)));
        return cases;
    }

    /**
     * Evaluates the store's holdout.
     *
     * @return the report, also given to every {@link Builder#onReport} listener
     * @throws ValidationException when no store was set or the holdout is empty
     * @throws TuneloopException   when the run is interrupted, or a report listener fails
     */
    public EvaluationReport run() {
        return run(holdoutCases());
    }

    /**
     * Evaluates {@code cases} (e.g. a hand-made set, or the holdout with RAG context added to the prompts).
     *
     * @param cases the cases, in report order
     * @return the report, also given to every {@link Builder#onReport} listener
     * @throws ValidationException when {@code cases} is empty or two cases share an id
     * @throws TuneloopException   when the run is interrupted, or a report listener fails
     */
    public EvaluationReport run(List<EvalCase> cases) {
        Checks c = Checks.start()
                .require(!cases.isEmpty(), "the holdout has no cases (approved HOLDOUT examples); nothing to evaluate");
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (EvalCase e : cases) {
            c.require(ids.add(e.id()), "case ids must be unique, but " + e.id() + " appears twice");
        }
        c.orThrow();

        List<String> modelIds = List.copyOf(models.keySet());
        AtomicInteger threadNo = new AtomicInteger();
        ThreadFactory daemons = r -> {
            Thread t = new Thread(r, "tuneloop-eval-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ExecutorService workers = Executors.newFixedThreadPool(concurrency, daemons);
        ExecutorService callPool = Executors.newCachedThreadPool(daemons);
        try {
            // in modelIds' order: both come from the same LinkedHashMap
            List<ResilientChatModel> resilient = new ArrayList<>(models.size());
            for (ChatModel m : models.values()) {
                resilient.add(resilientModel(m, callPool));
            }

            // phase 1: every model answers every case
            int total = cases.size() * modelIds.size();
            Tracker tracker = new Tracker("answers", total);
            EvaluationReport.ModelAnswer[][] answers = new EvaluationReport.ModelAnswer[cases.size()][modelIds.size()];
            List<Future<?>> futures = new ArrayList<>(total);
            for (int i = 0; i < cases.size(); i++) {
                for (int m = 0; m < modelIds.size(); m++) {
                    int ci = i, mi = m;
                    futures.add(workers.submit(() -> {
                        EvaluationReport.ModelAnswer a = answer(cases.get(ci), modelIds.get(mi), resilient.get(mi));
                        answers[ci][mi] = a;
                        tracker.done(a.cached(), a.error() != null);
                    }));
                }
            }
            await(futures);

            // phase 2: the judge compares candidate (A) with base (B)
            @Nullable JudgeResult[] verdicts = new JudgeResult[cases.size()];
            ChatModel judgeWith = judgeModel;
            String judgeId = judgeModelId;
            if (judgeWith != null && judgeId != null) { // both or neither: Builder.judge sets them together
                PairwiseJudge judge = PairwiseJudge.llm(resilientModel(judgeWith, callPool), judgeId);
                Tracker judged = new Tracker("judge", cases.size());
                futures.clear();
                for (int i = 0; i < cases.size(); i++) {
                    int ci = i;
                    futures.add(workers.submit(() -> {
                        EvaluationReport.ModelAnswer cand = answers[ci][1], base = answers[ci][0];
                        boolean failed = false;
                        if (cand.error() == null && base.error() == null) {
                            try {
                                verdicts[ci] = judge.compare(cases.get(ci), cand.text(), base.text());
                            } catch (TuneloopException e) {
                                failed = true;
                            }
                        }
                        judged.done(false, failed);
                    }));
                }
                await(futures);
            }

            List<EvaluationReport.CaseResult> results = new ArrayList<>(cases.size());
            for (int i = 0; i < cases.size(); i++) {
                EvalCase ec = cases.get(i);
                Map<String, EvaluationReport.ModelAnswer> byModel = new LinkedHashMap<>();
                for (int m = 0; m < modelIds.size(); m++) {
                    byModel.put(modelIds.get(m), answers[i][m]);
                }
                results.add(new EvaluationReport.CaseResult(
                        ec.id(), ec.category(), ec.question(), ec.expected(), ec.keyFacts(), byModel, verdicts[i]));
            }
            EvaluationReport.Settings settings =
                    new EvaluationReport.Settings(temperature, maxTokens, describe(scorer), judgeModelId, rules);
            EvaluationReport report =
                    EvaluationReport.compute(clock.instant(), settings, modelIds, results, judgeModelId);
            for (Consumer<EvaluationReport> l : listeners) {
                l.accept(report);
            }
            return report;
        } finally {
            workers.shutdownNow();
            callPool.shutdownNow();
        }
    }

    private ResilientChatModel resilientModel(ChatModel m, ExecutorService callPool) {
        return new ResilientChatModel(m, cache, maxRetries, initialBackoff, maxBackoff, callTimeout, callPool);
    }

    private EvaluationReport.ModelAnswer answer(EvalCase c, String modelId, ResilientChatModel model) {
        ChatRequest request = new ChatRequest(modelId, c.prompt(), temperature, maxTokens);
        ResilientChatModel.Outcome out;
        try {
            out = model.call(request);
        } catch (TuneloopException e) {
            return failed(e);
        }
        String text = out.response().text();
        Map<String, Double> components;
        double score;
        try {
            if (scorer instanceof WeightedScorer w) {
                components = w.breakdown(c.expected(), text, c);
                score = w.combine(components);
            } else {
                score = scorer.score(c.expected(), text, c);
                if (!(score >= 0 && score <= 1)) {
                    throw new IllegalStateException(
                            "scorer " + scorer.name() + " returned " + score + ", outside [0, 1]");
                }
                components = Map.of(scorer.name(), score);
            }
        } catch (TuneloopException e) {
            return new EvaluationReport.ModelAnswer(
                    text,
                    0,
                    false,
                    Map.of(),
                    "scoring failed: " + describe(e),
                    out.cached(),
                    out.response().latency().toMillis(),
                    0,
                    0);
        }
        boolean billed = !out.cached();
        return new EvaluationReport.ModelAnswer(
                text,
                score,
                score >= rules.passThreshold(),
                components,
                null,
                out.cached(),
                out.response().latency().toMillis(),
                billed ? out.response().usage().promptTokens() : 0,
                billed ? out.response().usage().completionTokens() : 0);
    }

    private static EvaluationReport.ModelAnswer failed(TuneloopException e) {
        return new EvaluationReport.ModelAnswer("", 0, false, Map.of(), describe(e), false, 0, 0, 0);
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static String describe(Scorer s) {
        return s instanceof WeightedScorer ? s.toString() : s.name();
    }

    private static void await(List<Future<?>> futures) {
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TuneloopException("evaluation interrupted", e);
            } catch (ExecutionException e) {
                // a FutureTask always sets the cause; the fallback only keeps the type non-null
                Throwable cause = Objects.requireNonNullElse(e.getCause(), e);
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new TuneloopException("evaluation task failed", cause);
            }
        }
    }

    /** Counts finished units and reports progress, one report at a time. */
    private final class Tracker {
        private final String phase;
        private final int total;
        private int done;
        private int cached;
        private int failed;

        Tracker(String phase, int total) {
            this.phase = phase;
            this.total = total;
        }

        synchronized void done(boolean fromCache, boolean fail) {
            done++;
            cached += fromCache ? 1 : 0;
            failed += fail ? 1 : 0;
            if (progress != null) {
                progress.accept(new EvalProgress(phase, done, total, cached, failed));
            }
        }
    }

    /** Settings of an {@link Evaluator}; {@link #base} and {@link #candidate} are required. Not thread-safe. */
    public static final class Builder {
        private @Nullable ExampleStore examples;
        private @Nullable String baseId;
        private @Nullable ChatModel base;
        private @Nullable String candidateId;
        private @Nullable ChatModel candidate;
        private final Map<String, ChatModel> others = new LinkedHashMap<>();
        private Scorer scorer = Scorer.seedDefault(null);
        private KeyFactSource keyFacts = KeyFactSource.defaults();
        private double temperature = ChatRequest.DEFAULT_TEMPERATURE;
        private @Nullable Integer maxTokens;
        private int concurrency = DEFAULT_CONCURRENCY;
        private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
        private int maxRetries = DEFAULT_MAX_RETRIES;
        private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private @Nullable CompletionCache cache = CompletionCache.inMemory();
        private @Nullable String judgeModelId;
        private @Nullable ChatModel judgeModel;
        private PromotionRules rules = PromotionRules.DEFAULTS;
        private @Nullable Consumer<EvalProgress> progress;
        private Clock clock = Clock.systemUTC();
        private final List<Consumer<EvaluationReport>> listeners = new ArrayList<>();
        private @Nullable ModelRegistry registry;
        private @Nullable String registryVersion;

        private Builder() {}

        /**
         * Where the holdout is read from (needed by {@link Evaluator#run()}, not by {@link Evaluator#run(List)}).
         *
         * @param store the example store
         * @return this builder
         */
        public Builder examples(ExampleStore store) {
            this.examples = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * The model compared against (required).
         *
         * @param modelId the model id sent in every request (e.g. {@code "gpt-4o-mini"}); not blank
         * @param model   the client that answers it
         * @return this builder
         */
        public Builder base(String modelId, ChatModel model) {
            this.baseId = modelId;
            this.base = Objects.requireNonNull(model, "model");
            return this;
        }

        /**
         * The model the verdict is about (required).
         *
         * @param modelId the model id (e.g. the fine-tuned {@code "ft:gpt-4o-mini:org::abc"}); not blank, not the base
         * @param model   the client that answers it
         * @return this builder
         */
        public Builder candidate(String modelId, ChatModel model) {
            this.candidateId = modelId;
            this.candidate = Objects.requireNonNull(model, "model");
            return this;
        }

        /**
         * Another model to score and compare with the base (no verdict is given on it).
         *
         * @param modelId the model id; neither the base nor the candidate
         * @param model   the client that answers it
         * @return this builder
         */
        public Builder alsoEvaluate(String modelId, ChatModel model) {
            others.put(Objects.requireNonNull(modelId, "modelId"), Objects.requireNonNull(model, "model"));
            return this;
        }

        /**
         * How answers are scored (default {@link Scorer#seedDefault(dev.tuneloop.model.Embedder) seedDefault(null)}).
         *
         * @param scorer the scorer; a {@link WeightedScorer} also gives the per-part breakdown
         * @return this builder
         */
        public Builder scorer(Scorer scorer) {
            this.scorer = Objects.requireNonNull(scorer, "scorer");
            return this;
        }

        /**
         * Where holdout examples' key facts come from (default {@link KeyFactSource#defaults()}).
         *
         * @param source the source
         * @return this builder
         */
        public Builder keyFacts(KeyFactSource source) {
            this.keyFacts = Objects.requireNonNull(source, "source");
            return this;
        }

        /**
         * The sampling temperature (default {@value ChatRequest#DEFAULT_TEMPERATURE}, the seed's).
         *
         * @param temperature 0 to 2
         * @return this builder
         */
        public Builder temperature(double temperature) {
            this.temperature = temperature;
            return this;
        }

        /**
         * The token limit per answer.
         *
         * @param maxTokens at least 1, or null (the default) for the provider's
         * @return this builder
         */
        public Builder maxTokens(@Nullable Integer maxTokens) {
            this.maxTokens = maxTokens;
            return this;
        }

        /**
         * The most calls in flight at once (default {@value Evaluator#DEFAULT_CONCURRENCY}).
         *
         * @param concurrency at least 1
         * @return this builder
         */
        public Builder concurrency(int concurrency) {
            this.concurrency = concurrency;
            return this;
        }

        /**
         * The time one call may take before it is abandoned (and retried); default
         * {@link Evaluator#DEFAULT_CALL_TIMEOUT}.
         *
         * @param timeout above 0
         * @return this builder
         */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * How failed calls are retried (defaults {@link Evaluator#DEFAULT_MAX_RETRIES},
         * {@link Evaluator#DEFAULT_INITIAL_BACKOFF}, {@link Evaluator#DEFAULT_MAX_BACKOFF}).
         *
         * @param maxRetries     retries after the first attempt; at least 0
         * @param initialBackoff the first backoff; at least 0 (0 retries at once)
         * @param maxBackoff     the backoff's cap; at least {@code initialBackoff}
         * @return this builder
         */
        public Builder retries(int maxRetries, Duration initialBackoff, Duration maxBackoff) {
            this.maxRetries = maxRetries;
            this.initialBackoff = Objects.requireNonNull(initialBackoff, "initialBackoff");
            this.maxBackoff = Objects.requireNonNull(maxBackoff, "maxBackoff");
            return this;
        }

        /**
         * Where answers are cached (default: a new in-memory cache per builder).
         *
         * @param cache the cache, or null for none
         * @return this builder
         */
        public Builder cache(@Nullable CompletionCache cache) {
            this.cache = cache;
            return this;
        }

        /**
         * Adds an LLM judge comparing candidate and base in both orders ({@link PairwiseJudge#llm}).
         *
         * @param judgeModelId the judge's model id; not blank
         * @param model        the client that answers it
         * @return this builder
         */
        public Builder judge(String judgeModelId, ChatModel model) {
            this.judgeModelId = judgeModelId;
            this.judgeModel = Objects.requireNonNull(model, "model");
            return this;
        }

        /**
         * The pass threshold, margins and promotion rules (default {@link PromotionRules#DEFAULTS}).
         *
         * @param rules the rules
         * @return this builder
         */
        public Builder rules(PromotionRules rules) {
            this.rules = Objects.requireNonNull(rules, "rules");
            return this;
        }

        /**
         * Called after every finished unit, from worker threads, one call at a time; must be quick and not throw.
         *
         * @param progress the callback
         * @return this builder
         */
        public Builder progress(Consumer<EvalProgress> progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /**
         * The clock stamping the report (default system UTC).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Called with every finished report before {@link Evaluator#run()} returns (e.g. to store it); an exception
         * it throws propagates from {@code run()}.
         *
         * @param listener the listener; called on the thread that called {@code run}
         * @return this builder
         */
        public Builder onReport(Consumer<EvaluationReport> listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Evaluates a registered model version: its base model as the base, its fine-tuned model as the candidate
         * (both called through {@code model}), and records the result on the version ({@link #recordTo}).
         *
         * @param registry the registry holding the version
         * @param version  the version's name
         * @param model    the client that answers both models
         * @return this builder
         * @throws dev.tuneloop.errors.NotFoundException when the version does not exist
         * @throws ValidationException            when the version has no fine-tuned model yet
         */
        public Builder forVersion(ModelRegistry registry, String version, ChatModel model) {
            ModelVersion v = Objects.requireNonNull(registry, "registry").getVersion(version);
            String fineTuned = v.fineTunedModel();
            if (fineTuned == null) {
                String job = v.jobId();
                throw new ValidationException("model version " + version + " has no fine-tuned model yet"
                        + (job == null ? "" : " (job " + job + ")") + "; there is nothing to evaluate");
            }
            base(v.baseModel(), model);
            candidate(fineTuned, model);
            return recordTo(registry, version);
        }

        /**
         * Records every finished report on {@code version} in {@code registry}
         * ({@link ModelRegistry#recordEvaluation} with {@link EvaluationReport#toSummary()}), before {@code run}
         * returns. The version must exist when the evaluator is built, and its fine-tuned model, when known, must be
         * the candidate.
         *
         * @param registry the registry holding the version
         * @param version  the version's name
         * @return this builder
         */
        public Builder recordTo(ModelRegistry registry, String version) {
            this.registry = Objects.requireNonNull(registry, "registry");
            this.registryVersion = Objects.requireNonNull(version, "version");
            return this;
        }

        /**
         * Builds the evaluator.
         *
         * @return the evaluator
         * @throws ValidationException naming every broken setting
         */
        public Evaluator build() {
            Checks c = Checks.start()
                    .require(
                            base != null && baseId != null && !baseId.isBlank(),
                            "base model is required (a non-blank id and a ChatModel)")
                    .require(
                            candidate != null && candidateId != null && !candidateId.isBlank(),
                            "candidate model is required (a non-blank id and a ChatModel)")
                    .require(
                            baseId == null || !baseId.equals(candidateId),
                            "base and candidate must be different models, but both were " + baseId)
                    .require(
                            baseId == null || !others.containsKey(baseId),
                            "model " + baseId + " is both the base and an extra model")
                    .require(
                            candidateId == null || !others.containsKey(candidateId),
                            "model " + candidateId + " is both the candidate and an extra model")
                    .require(
                            temperature >= 0 && temperature <= 2,
                            "temperature must be between 0 and 2, but was " + temperature)
                    .require(maxTokens == null || maxTokens > 0, "maxTokens must be > 0, but was " + maxTokens)
                    .require(concurrency >= 1, "concurrency must be >= 1, but was " + concurrency)
                    .require(
                            !callTimeout.isNegative() && !callTimeout.isZero(),
                            "callTimeout must be > 0, but was " + callTimeout)
                    .require(maxRetries >= 0, "maxRetries must be >= 0, but was " + maxRetries)
                    .require(!initialBackoff.isNegative(), "initialBackoff must be >= 0, but was " + initialBackoff)
                    .require(
                            maxBackoff.compareTo(initialBackoff) >= 0,
                            "maxBackoff must be >= initialBackoff, but was " + maxBackoff)
                    .require(
                            judgeModel == null || (judgeModelId != null && !judgeModelId.isBlank()),
                            "judge model id must not be blank");
            ModelRegistry r = registry;
            String version = registryVersion;
            if (r != null && version != null) { // both or neither: recordTo sets them together
                java.util.Optional<ModelVersion> v = r.findVersion(version);
                c.require(v.isPresent(), "model version " + version + " does not exist in the registry");
                v.ifPresent(x -> {
                    String fineTuned = x.fineTunedModel();
                    if (fineTuned != null && !fineTuned.equals(candidateId)) {
                        c.add("candidate " + candidateId + " is not the fine-tuned model of version " + version + " ("
                                + fineTuned + ")");
                    }
                });
            }
            c.orThrow();
            Map<String, ChatModel> models = new LinkedHashMap<>();
            // checked above: base, candidate and their ids are set
            models.put(Objects.requireNonNull(baseId), Objects.requireNonNull(base));
            models.put(Objects.requireNonNull(candidateId), Objects.requireNonNull(candidate));
            models.putAll(others);
            List<Consumer<EvaluationReport>> all = new ArrayList<>(listeners);
            if (r != null && version != null) {
                all.add(report -> r.recordEvaluation(version, report.toSummary()));
            }
            return new Evaluator(this, models, all);
        }
    }
}
