package dev.tuneloop.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuneloop.curate.Candidate;
import dev.tuneloop.curate.Category;
import dev.tuneloop.curate.Curator;
import dev.tuneloop.curate.QualityScore;
import dev.tuneloop.curate.Suggestion;
import dev.tuneloop.curate.SuggestionStore;
import dev.tuneloop.curate.Taxonomy;
import dev.tuneloop.errors.ConflictException;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.export.PriceTable;
import dev.tuneloop.export.TokenCounter;
import dev.tuneloop.model.ChatModel;
import dev.tuneloop.model.ChatRequest;
import dev.tuneloop.record.ChatMessage;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LLM-assisted pre-review: before a human sees a candidate, a model suggests its category (from the taxonomy), a 1-10
 * quality score with a one-line reason, and an improved answer. Suggestions are stored beside the candidate
 * ({@link SuggestionStore}) and shown to the reviewer; they never approve anything. The only action a pre-reviewer
 * takes on its own is the explicit, opt-in policy {@link Builder#autoRejectBelow}, and it logs each such action (ids and
 * scores, never a text).
 *
 * <pre>{@code
 * PreReviewer pre = PreReviewer.builder(chatModel, "gpt-4o-mini", store.suggestions())
 *         .taxonomy(Taxonomy.SEED).concurrency(4).prices(inferencePrices).build();
 * PreReviewer.CostEstimate cost = pre.estimate(candidates);   // before anything is called
 * PreReviewer.Run run = pre.start(candidates);                 // background, bounded concurrency
 * PreReviewer.Progress done = run.await(Duration.ofMinutes(10));
 * }</pre>
 *
 * <p><b>Cache.</b> A suggestion is keyed by the SHA-256 of the model id and the prompt sent; a candidate whose stored
 * suggestion has the same key is not sent again, so a re-run makes no model calls. <b>Unparseable output</b> (not one
 * JSON object with a category of the taxonomy, an integer score 1-10, a one-line reason and a non-blank improved answer)
 * is counted and skipped, never repaired or guessed; it is asked again on the next run. A model call that throws is
 * counted as failed. Nothing is thrown into the caller of a run. Thread-safe.
 */
public final class PreReviewer {
    private static final Logger LOG = LoggerFactory.getLogger(PreReviewer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The default prompt. Placeholders: {@code {{categories}}} (the taxonomy's names, or a note that any lowercase slug
     * will do), {@code {{system}}} (the candidate's system prompt, or "(none)"), {@code {{question}}} and
     * {@code {{answer}}} (the user's edit when there is one, else the original answer).
     */
    public static final String DEFAULT_PROMPT = "You pre-review an AI assistant's answer for a human expert reviewer.\n"
            + "Categories: {{categories}}\n\n"
            + "System prompt:\n{{system}}\n\nQuestion:\n{{question}}\n\nAnswer:\n{{answer}}\n\n"
            + "Reply with one JSON object and nothing else:\n"
            + "{\"category\": \"<one of the categories>\", \"quality\": <integer 1-10>,"
            + " \"reason\": \"<one line: why this score>\", \"improved_answer\": \"<a better answer>\"}";

    /** The name the auto-reject policy reviews under. */
    public static final String POLICY_REVIEWER = "pre-review-policy";

    private final ChatModel model;
    private final String modelId;
    private final SuggestionStore store;
    private final Taxonomy taxonomy;
    private final String prompt;
    private final int concurrency;
    private final int maxTokens;
    private final @Nullable PriceTable prices;
    private final Clock clock;
    private final @Nullable Curator policyCurator;
    private final int rejectBelow;

    private PreReviewer(Builder b) {
        this.model = b.model;
        this.modelId = b.modelId;
        this.store = b.store;
        this.taxonomy = b.taxonomy;
        this.prompt = b.prompt;
        this.concurrency = b.concurrency;
        this.maxTokens = b.maxTokens;
        this.prices = b.prices;
        this.clock = b.clock;
        this.policyCurator = b.policyCurator;
        this.rejectBelow = b.rejectBelow;
    }

    /**
     * A builder.
     *
     * @param model   the model that suggests (any {@link ChatModel}: a provider adapter, or a scripted one offline)
     * @param modelId the model id sent with each request; part of the cache key
     * @param store   where suggestions are kept, e.g. {@code store.suggestions()}
     * @return a new builder
     * @throws NullPointerException when an argument is null
     */
    public static Builder builder(ChatModel model, String modelId, SuggestionStore store) {
        return new Builder(model, modelId, store);
    }

    /**
     * What a run over {@code candidates} would cost, before it starts: the prompt tokens of the candidates that are
     * not cached (counted with {@link TokenCounter#forModel}), the most output tokens they may produce (the
     * {@code maxTokens} setting each), and the price at the {@link Builder#prices} rate for the model id.
     *
     * @param candidates the candidates
     * @return the estimate; makes no model call
     */
    public CostEstimate estimate(List<Candidate> candidates) {
        TokenCounter counter = TokenCounter.forModel(modelId);
        int cached = 0;
        long promptTokens = 0;
        int toCall = 0;
        for (Candidate c : candidates) {
            String text = render(c);
            if (isCached(c, text)) {
                cached++;
                continue;
            }
            toCall++;
            promptTokens += counter.count(text) + TokenCounter.TOKENS_PER_MESSAGE + TokenCounter.TOKENS_PER_EXAMPLE;
        }
        long outputTokens = (long) toCall * maxTokens;
        PriceTable p = prices;
        BigDecimal usd =
                p == null ? null : p.cost(modelId, promptTokens + outputTokens).orElse(null);
        return new CostEstimate(candidates.size(), cached, promptTokens, outputTokens, usd);
    }

    /**
     * Starts a run in the background: at most {@code concurrency} model calls at a time, on threads of its own.
     *
     * @param candidates the candidates, e.g. {@code curator.candidates(policy)}
     * @return the run, to poll or await
     */
    public Run start(List<Candidate> candidates) {
        List<Candidate> work = List.copyOf(candidates);
        Run run = new Run(work.size());
        if (work.isEmpty()) {
            run.latch.countDown();
            return run;
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, work.size()), r -> {
            Thread t = new Thread(r, "tuneloop-pre-review-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        CompletableFuture<?>[] tasks = work.stream()
                .map(c -> CompletableFuture.runAsync(() -> review(c, run), pool))
                .toArray(CompletableFuture[]::new);
        run.all = CompletableFuture.allOf(tasks).whenComplete((v, e) -> {
            pool.shutdown();
            run.latch.countDown();
        });
        return run;
    }

    /**
     * Runs over {@code candidates} and waits for the end.
     *
     * @param candidates the candidates
     * @return the final counts
     * @throws InterruptedException when interrupted while waiting
     */
    public Progress run(List<Candidate> candidates) throws InterruptedException {
        Run r = start(candidates);
        r.latch.await();
        return r.progress();
    }

    private void review(Candidate c, Run run) {
        try {
            String text = render(c);
            String key = cacheKey(text);
            Optional<Suggestion> stored = store.find(c.interactionId());
            Suggestion s;
            if (stored.isPresent() && stored.get().cacheKey().equals(key)) {
                run.cached.incrementAndGet();
                s = stored.get();
            } else {
                String answer;
                try {
                    run.called.incrementAndGet();
                    answer = model.complete(new ChatRequest(modelId, List.of(ChatMessage.user(text)), 0.0, maxTokens))
                            .text();
                } catch (RuntimeException e) {
                    run.failed.incrementAndGet();
                    LOG.warn(
                            "pre-review of interaction {} failed: {}",
                            c.interactionId(),
                            e.getClass().getSimpleName());
                    return;
                }
                Optional<Suggestion> parsed = parse(c, key, answer);
                if (parsed.isEmpty()) {
                    run.unparseable.incrementAndGet();
                    return;
                }
                s = parsed.get();
                store.save(s);
                run.suggested.incrementAndGet();
            }
            applyPolicy(s, run);
        } catch (RuntimeException e) {
            run.failed.incrementAndGet();
            LOG.warn(
                    "pre-review of interaction {} failed: {}",
                    c.interactionId(),
                    e.getClass().getSimpleName());
        } finally {
            run.done.incrementAndGet();
        }
    }

    private void applyPolicy(Suggestion s, Run run) {
        Curator curator = policyCurator;
        if (curator == null || s.quality().value() >= rejectBelow) {
            return;
        }
        try {
            curator.reject(
                    s.interactionId(),
                    "pre-review policy: suggested score " + s.quality().value() + " is below " + rejectBelow,
                    POLICY_REVIEWER);
            run.autoRejected.incrementAndGet();
            LOG.info(
                    "pre-review policy auto-rejected interaction {} (suggested score {} < {})",
                    s.interactionId(),
                    s.quality().value(),
                    rejectBelow);
        } catch (ConflictException e) {
            LOG.info("pre-review policy left interaction {} alone: it was already reviewed", s.interactionId());
        }
    }

    /** The suggestion in {@code answer}, or empty (logged with the rule it broke, never the text). */
    Optional<Suggestion> parse(Candidate c, String key, String answer) {
        String t = answer.strip();
        if (t.startsWith("```")) {
            int firstLine = t.indexOf('\n');
            int close = t.lastIndexOf("```");
            if (firstLine < 0 || close <= firstLine) {
                return unparseable(c, "an unterminated code fence");
            }
            t = t.substring(firstLine + 1, close).strip();
        }
        JsonNode j;
        try {
            j = JSON.readTree(t);
        } catch (java.io.IOException e) {
            return unparseable(c, "not JSON");
        }
        if (j == null || !j.isObject()) {
            return unparseable(c, "not one JSON object");
        }
        JsonNode cat = j.get("category");
        JsonNode q = j.get("quality");
        JsonNode reason = j.get("reason");
        JsonNode improved = j.get("improved_answer");
        if (cat == null || !cat.isTextual()) {
            return unparseable(c, "no category string");
        }
        if (q == null || !q.isIntegralNumber() || q.asInt() < 1 || q.asInt() > 10) {
            return unparseable(c, "no integer quality between 1 and 10");
        }
        if (reason == null || !reason.isTextual() || reason.asText().isBlank()) {
            return unparseable(c, "no reason");
        }
        if (improved == null || !improved.isTextual() || improved.asText().isBlank()) {
            return unparseable(c, "no improved_answer");
        }
        Category category;
        try {
            category = Category.of(cat.asText());
        } catch (ValidationException e) {
            return unparseable(c, "a category that is not a slug");
        }
        if (!taxonomy.accepts(category)) {
            return unparseable(c, "a category outside the taxonomy");
        }
        try {
            return Optional.of(new Suggestion(
                    c.interactionId(),
                    key,
                    modelId,
                    category,
                    QualityScore.of(q.asInt()),
                    reason.asText().strip(),
                    improved.asText(),
                    clock.instant()));
        } catch (ValidationException e) {
            return unparseable(c, "a reason that is not one line of at most 1024 bytes");
        }
    }

    private static Optional<Suggestion> unparseable(Candidate c, String rule) {
        LOG.warn("pre-review of interaction {} skipped: the model's output had {}", c.interactionId(), rule);
        return Optional.empty();
    }

    private boolean isCached(Candidate c, String text) {
        String key = cacheKey(text);
        return store.find(c.interactionId()).map(s -> s.cacheKey().equals(key)).orElse(false);
    }

    /**
     * The prompt sent for one candidate.
     *
     * @param c the candidate
     * @return the prompt with its placeholders filled
     */
    public String render(Candidate c) {
        String categories = taxonomy.isOpen()
                ? "(any lowercase slug, e.g. billing_question)"
                : taxonomy.categories().stream().map(Category::name).collect(Collectors.joining(", "));
        String answer = c.editedResponse() != null ? c.editedResponse() : c.originalResponse();
        String system = c.systemPrompt() == null ? "(none)" : c.systemPrompt();
        return prompt.replace("{{categories}}", categories)
                .replace("{{system}}", system)
                .replace("{{question}}", c.question())
                .replace("{{answer}}", answer);
    }

    private String cacheKey(String text) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(modelId.getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            d.update(Integer.toString(maxTokens).getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            d.update(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * A cost estimate, before a run.
     *
     * @param candidates       how many candidates were given
     * @param cached           of them, how many already have a suggestion for this prompt and model (no call)
     * @param promptTokens     prompt tokens of the calls to make
     * @param maxOutputTokens  the most output tokens those calls may produce
     * @param usd              the cost of prompt plus maximal output at the price table's rate; null when the model is
     *     not priced
     */
    public record CostEstimate(
            int candidates,
            int cached,
            long promptTokens,
            long maxOutputTokens,
            @Nullable BigDecimal usd) {

        /**
         * How many model calls the run would make.
         *
         * @return candidates minus cached
         */
        public int calls() {
            return candidates - cached;
        }
    }

    /**
     * The counts of a run.
     *
     * @param total        candidates in the run
     * @param done         candidates handled so far
     * @param called       model calls made
     * @param suggested    new suggestions stored
     * @param cached       candidates whose stored suggestion was reused (no call)
     * @param unparseable  model outputs skipped as unparseable
     * @param failed       model calls (or stores) that failed
     * @param autoRejected candidates rejected by the explicit policy
     * @param finished     whether the run has ended
     */
    public record Progress(
            int total,
            int done,
            int called,
            int suggested,
            int cached,
            int unparseable,
            int failed,
            int autoRejected,
            boolean finished) {}

    /** A run in the background. Thread-safe. */
    public static final class Run {
        private final int total;
        final CountDownLatch latch = new CountDownLatch(1);
        /** The tasks' completion, kept so its outcome is not dropped (every task catches its own failures). */
        volatile @Nullable CompletableFuture<Void> all;

        final AtomicInteger done = new AtomicInteger();
        final AtomicInteger called = new AtomicInteger();
        final AtomicInteger suggested = new AtomicInteger();
        final AtomicInteger cached = new AtomicInteger();
        final AtomicInteger unparseable = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger autoRejected = new AtomicInteger();

        private Run(int total) {
            this.total = total;
        }

        /**
         * The counts so far.
         *
         * @return a snapshot
         */
        public Progress progress() {
            return new Progress(
                    total,
                    done.get(),
                    called.get(),
                    suggested.get(),
                    cached.get(),
                    unparseable.get(),
                    failed.get(),
                    autoRejected.get(),
                    latch.getCount() == 0);
        }

        /**
         * Waits for the end, at most {@code timeout}.
         *
         * @param timeout how long to wait
         * @return the counts (check {@link Progress#finished()})
         * @throws InterruptedException when interrupted while waiting
         */
        public Progress await(Duration timeout) throws InterruptedException {
            latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return progress();
        }
    }

    /** Settings of a {@link PreReviewer}; not thread-safe. */
    public static final class Builder {
        /** At most this many model calls at a time: 4. */
        public static final int DEFAULT_CONCURRENCY = 4;
        /** The output limit of each call: 800 tokens (an improved answer fits). */
        public static final int DEFAULT_MAX_TOKENS = 800;

        private final ChatModel model;
        private final String modelId;
        private final SuggestionStore store;
        private Taxonomy taxonomy = Taxonomy.OPEN;
        private String prompt = DEFAULT_PROMPT;
        private int concurrency = DEFAULT_CONCURRENCY;
        private int maxTokens = DEFAULT_MAX_TOKENS;
        private @Nullable PriceTable prices;
        private Clock clock = Clock.systemUTC();
        private @Nullable Curator policyCurator;
        private int rejectBelow;

        private Builder(ChatModel model, String modelId, SuggestionStore store) {
            this.model = Objects.requireNonNull(model, "model");
            this.modelId = Objects.requireNonNull(modelId, "modelId");
            this.store = Objects.requireNonNull(store, "store");
        }

        /**
         * The categories a suggestion may name (default {@link Taxonomy#OPEN}: any slug); a suggestion outside a
         * closed taxonomy is unparseable.
         *
         * @param v the taxonomy, usually the curator's
         * @return this builder
         */
        public Builder taxonomy(Taxonomy v) {
            this.taxonomy = Objects.requireNonNull(v, "taxonomy");
            return this;
        }

        /**
         * The prompt template (default {@link #DEFAULT_PROMPT}); the same placeholders. Changing it changes the cache
         * key, so the next run asks again.
         *
         * @param v the template; must contain {@code {{question}}} and {@code {{answer}}}
         * @return this builder
         */
        public Builder prompt(String v) {
            this.prompt = Objects.requireNonNull(v, "prompt");
            return this;
        }

        /**
         * At most how many model calls run at a time (default {@link #DEFAULT_CONCURRENCY}).
         *
         * @param v 1 to 64
         * @return this builder
         */
        public Builder concurrency(int v) {
            this.concurrency = v;
            return this;
        }

        /**
         * The output limit of each call (default {@link #DEFAULT_MAX_TOKENS}); the estimate counts it in full.
         *
         * @param v 1 to 32 768
         * @return this builder
         */
        public Builder maxTokens(int v) {
            this.maxTokens = v;
            return this;
        }

        /**
         * The price per million tokens of the model id, for {@link #estimate} (default none: the estimate has tokens
         * but no price). One rate for prompt and output tokens: give a blended or the output rate for an upper bound.
         *
         * @param v a table with a price for the model id
         * @return this builder
         */
        public Builder prices(PriceTable v) {
            this.prices = Objects.requireNonNull(v, "prices");
            return this;
        }

        /**
         * The clock that dates suggestions (default UTC system clock).
         *
         * @param v the clock
         * @return this builder
         */
        public Builder clock(Clock v) {
            this.clock = Objects.requireNonNull(v, "clock");
            return this;
        }

        /**
         * The one explicit policy (default off): reject, through {@code curator}, every candidate whose suggested
         * score is below {@code score}, as {@link #POLICY_REVIEWER}. Each rejection is logged (interaction id and
         * scores). A candidate a human already reviewed is left alone.
         *
         * @param score   2 to 10: reject scores below it
         * @param curator the curator that rejects
         * @return this builder
         */
        public Builder autoRejectBelow(int score, Curator curator) {
            this.rejectBelow = score;
            this.policyCurator = Objects.requireNonNull(curator, "curator");
            return this;
        }

        /**
         * The pre-reviewer.
         *
         * @return a thread-safe pre-reviewer
         * @throws ValidationException listing every bad setting
         */
        public PreReviewer build() {
            dev.tuneloop.errors.Checks.start()
                    .text("modelId", modelId, true, 1024)
                    .require(
                            concurrency >= 1 && concurrency <= 64,
                            "concurrency must be between 1 and 64, but was " + concurrency)
                    .require(
                            maxTokens >= 1 && maxTokens <= 32_768,
                            "maxTokens must be between 1 and 32768, but was " + maxTokens)
                    .require(
                            prompt.contains("{{question}}") && prompt.contains("{{answer}}"),
                            "prompt must contain {{question}} and {{answer}}")
                    .require(
                            policyCurator == null || (rejectBelow >= 2 && rejectBelow <= 10),
                            "autoRejectBelow score must be between 2 and 10, but was " + rejectBelow)
                    .orThrow();
            return new PreReviewer(this);
        }
    }
}
