package dev.tuneloop.export;

import dev.tuneloop.curate.Category;
import dev.tuneloop.errors.Checks;
import dev.tuneloop.redact.Redactor;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * What one export writes and how. Build with {@link #builder()}; {@link #defaults()} is the seed's Quick Reference
 * export ({@code min_quality=6}, supervised, redacted, gpt-4o-mini-2024-07-18). Immutable and thread-safe.
 */
public final class ExportOptions {

    /** The seed's default minimum quality: {@value}. */
    public static final int DEFAULT_MIN_QUALITY = 6;
    /** The default base model for token counting and estimates: {@value}. */
    public static final String DEFAULT_BASE_MODEL = JsonlValidator.DEFAULT_BASE_MODEL;
    /** The most worker threads an export uses by default: {@value} (fewer when the machine has fewer processors). */
    public static final int DEFAULT_MAX_PARALLELISM = 4;
    /** Progress is reported every this many scanned examples by default: {@value}. */
    public static final int DEFAULT_PROGRESS_EVERY = 1000;

    private final ExportFormat format;
    private final int minQuality;
    private final Set<Category> categories;
    private final @Nullable Instant reviewedFrom;
    private final @Nullable Instant reviewedUntil;
    private final int limit;
    private final @Nullable String systemPrompt;
    private final boolean includeRetrievedContext;
    private final boolean includeRatedInteractions;
    private final boolean includeMarkedPairs;
    private final double validationShare;
    private final String baseModel;
    private final @Nullable Integer epochs;
    private final Redactor redactor;
    private final boolean redact;
    private final PriceTable prices;
    private final TokenLimits tokenLimits;
    private final int minExamples;
    private final @Nullable Consumer<ExportProgress> progress;
    private final int progressEvery;
    private final @Nullable WrittenListener onWritten;
    private final int parallelism;

    private ExportOptions(Builder b) {
        format = b.format;
        minQuality = b.minQuality;
        categories = Set.copyOf(b.categories);
        reviewedFrom = b.reviewedFrom;
        reviewedUntil = b.reviewedUntil;
        limit = b.limit;
        systemPrompt = b.systemPrompt;
        includeRetrievedContext = b.includeRetrievedContext;
        includeRatedInteractions = b.includeRatedInteractions;
        includeMarkedPairs = b.includeMarkedPairs;
        validationShare = b.validationShare;
        baseModel = b.baseModel;
        epochs = b.epochs;
        redactor = b.redactor == null ? Redactor.standard() : b.redactor;
        redact = b.redact;
        prices = b.prices;
        tokenLimits = b.tokenLimits;
        minExamples = b.minExamples;
        progress = b.progress;
        progressEvery = b.progressEvery;
        onWritten = b.onWritten;
        parallelism = b.parallelism;
    }

    /**
     * The defaults: the seed's Quick Reference export.
     *
     * @return options with every default
     */
    public static ExportOptions defaults() {
        return builder().build();
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding every setting of these options, to make a changed copy (another preset for the same filters:
     * {@code options.toBuilder().format(ExportFormat.TRL_SFT).build()}).
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.format = format;
        b.minQuality = minQuality;
        b.categories = categories;
        b.reviewedFrom = reviewedFrom;
        b.reviewedUntil = reviewedUntil;
        b.limit = limit;
        b.systemPrompt = systemPrompt;
        b.includeRetrievedContext = includeRetrievedContext;
        b.includeRatedInteractions = includeRatedInteractions;
        b.includeMarkedPairs = includeMarkedPairs;
        b.validationShare = validationShare;
        b.baseModel = baseModel;
        b.epochs = epochs;
        b.redactor = redactor;
        b.redact = redact;
        b.prices = prices;
        b.tokenLimits = tokenLimits;
        b.minExamples = minExamples;
        b.progress = progress;
        b.progressEvery = progressEvery;
        b.onWritten = onWritten;
        b.parallelism = parallelism;
        return b;
    }

    /**
     * The lines' format.
     *
     * @return supervised or preference pairs
     */
    public ExportFormat format() {
        return format;
    }

    /**
     * The minimum quality asked for; the applied one is {@link #effectiveMinQuality()}.
     *
     * @return 1 to 10
     */
    public int minQuality() {
        return minQuality;
    }

    /**
     * The minimum quality applied.
     *
     * @return {@link #minQuality()}, but never below {@link dev.tuneloop.curate.QualityScore#MIN_EXPORTABLE}
     */
    public int effectiveMinQuality() {
        return Math.max(minQuality, dev.tuneloop.curate.QualityScore.MIN_EXPORTABLE);
    }

    /**
     * The categories to keep.
     *
     * @return the categories; empty for all
     */
    public Set<Category> categories() {
        return categories;
    }

    /**
     * The inclusive lower bound on {@code reviewedAt}.
     *
     * @return the bound, or empty for none
     */
    public Optional<Instant> reviewedFrom() {
        return Optional.ofNullable(reviewedFrom);
    }

    /**
     * The exclusive upper bound on {@code reviewedAt}.
     *
     * @return the bound, or empty for none
     */
    public Optional<Instant> reviewedUntil() {
        return Optional.ofNullable(reviewedUntil);
    }

    /**
     * The most examples written (training and validation together).
     *
     * @return at least 1; {@link Integer#MAX_VALUE} by default
     */
    public int limit() {
        return limit;
    }

    /**
     * The finalized system prompt every example gets.
     *
     * @return the prompt, or empty to keep each example's own
     */
    public Optional<String> systemPrompt() {
        return Optional.ofNullable(systemPrompt);
    }

    /**
     * Whether each example's retrieved documents are appended to its user message (see
     * {@link Builder#includeRetrievedContext(boolean)}).
     *
     * @return true to include them
     */
    public boolean includeRetrievedContext() {
        return includeRetrievedContext;
    }

    /**
     * Whether a KTO ({@link ExportFormat#isKto()}) export also writes rated interactions that were never reviewed (see
     * {@link Builder#includeRatedInteractions(boolean)}).
     *
     * @return true to add 👍/👎 interactions as KTO lines
     */
    public boolean includeRatedInteractions() {
        return includeRatedInteractions;
    }

    /**
     * Whether a preference export also writes the pairs reviewers marked (see
     * {@link Builder#includeMarkedPairs(boolean)}).
     *
     * @return true to add a line per marked pair
     */
    public boolean includeMarkedPairs() {
        return includeMarkedPairs;
    }

    /**
     * The share of examples written to the validation output.
     *
     * @return 0 to 0.5; 0 for no split
     */
    public double validationShare() {
        return validationShare;
    }

    /**
     * The base model: tokenizer, token limit, price and estimates.
     *
     * @return the model id
     */
    public String baseModel() {
        return baseModel;
    }

    /**
     * The epochs for the estimates.
     *
     * @return 1 to 50, or empty for OpenAI's "auto"
     */
    public OptionalInt epochs() {
        return epochs == null ? OptionalInt.empty() : OptionalInt.of(epochs);
    }

    /**
     * The redactor applied when {@link #redact()} is true.
     *
     * @return the redactor; {@code Redactor.standard()} unless one was set
     */
    public Redactor redactor() {
        return redactor;
    }

    /**
     * Whether PII is redacted.
     *
     * @return true to redact (the default)
     */
    public boolean redact() {
        return redact;
    }

    /**
     * The training prices for the cost estimate.
     *
     * @return the prices
     */
    public PriceTable prices() {
        return prices;
    }

    /**
     * The per-example token limits.
     *
     * @return the limits
     */
    public TokenLimits tokenLimits() {
        return tokenLimits;
    }

    /**
     * The validator's minimum number of examples for the training output.
     *
     * @return at least 0
     */
    public int minExamples() {
        return minExamples;
    }

    /**
     * The progress callback.
     *
     * @return the callback, or empty for none
     */
    public Optional<Consumer<ExportProgress>> progress() {
        return Optional.ofNullable(progress);
    }

    /**
     * How often progress is reported.
     *
     * @return every this many scanned examples; at least 1
     */
    public int progressEvery() {
        return progressEvery;
    }

    /**
     * The listener told of every example written.
     *
     * @return the listener, or empty for none
     */
    public Optional<WrittenListener> onWritten() {
        return Optional.ofNullable(onWritten);
    }

    /**
     * Told of each example as its line is written, in file order, on the exporting thread: for lineage (which
     * examples a model was trained on) without the exporter holding the ids. An exception it throws fails the export.
     */
    @FunctionalInterface
    public interface WrittenListener {
        /**
         * Called after an example's line was written.
         *
         * @param id         the example written
         * @param validation true when it went to the validation file
         */
        void written(dev.tuneloop.curate.ExampleId id, boolean validation);
    }

    /**
     * The threads that redact, write and check lines.
     *
     * @return 1 to 64; 1 runs everything on the calling thread
     */
    public int parallelism() {
        return parallelism;
    }

    /** Settings for an export; not thread-safe. {@link #build()} checks them all at once. */
    public static final class Builder {
        private ExportFormat format = ExportFormat.SUPERVISED;
        private int minQuality = DEFAULT_MIN_QUALITY;
        private Set<Category> categories = Set.of();
        private @Nullable Instant reviewedFrom;
        private @Nullable Instant reviewedUntil;
        private int limit = Integer.MAX_VALUE;
        private @Nullable String systemPrompt;
        private boolean includeRetrievedContext;
        private boolean includeRatedInteractions;
        private boolean includeMarkedPairs;
        private double validationShare;
        private String baseModel = DEFAULT_BASE_MODEL;
        private @Nullable Integer epochs;
        private @Nullable Redactor redactor;
        private boolean redact = true;
        private PriceTable prices = PriceTable.standard();
        private TokenLimits tokenLimits = TokenLimits.standard();
        private int minExamples = JsonlValidator.DEFAULT_MIN_EXAMPLES;
        private @Nullable Consumer<ExportProgress> progress;
        private int progressEvery = DEFAULT_PROGRESS_EVERY;
        private @Nullable WrittenListener onWritten;
        private int parallelism =
                Math.min(DEFAULT_MAX_PARALLELISM, Runtime.getRuntime().availableProcessors());

        private Builder() {}

        /**
         * The lines' format: supervised (default) or preference pairs.
         *
         * @param format the format
         * @return this builder
         */
        public Builder format(ExportFormat format) {
            this.format = format;
            return this;
        }

        /**
         * Keep examples scored at least this (default {@value ExportOptions#DEFAULT_MIN_QUALITY}). Scores 1-4 are
         * never exported, whatever is asked.
         *
         * @param minQuality 1 to 10
         * @return this builder
         */
        public Builder minQuality(int minQuality) {
            this.minQuality = minQuality;
            return this;
        }

        /**
         * Keep only these categories (default: all).
         *
         * @param categories the categories; empty for all
         * @return this builder
         */
        public Builder categories(Set<Category> categories) {
            this.categories = categories;
            return this;
        }

        /**
         * Keep examples reviewed in {@code [from, until)} (default: any time).
         *
         * @param from  the inclusive lower bound, or null for none
         * @param until the exclusive upper bound, or null for none; after {@code from}
         * @return this builder
         */
        public Builder reviewedBetween(@Nullable Instant from, @Nullable Instant until) {
            this.reviewedFrom = from;
            this.reviewedUntil = until;
            return this;
        }

        /**
         * Write at most this many examples (default: no limit).
         *
         * @param limit at least 1
         * @return this builder
         */
        public Builder limit(int limit) {
            this.limit = limit;
            return this;
        }

        /**
         * Give every example this finalized system prompt (the seed's checklist: "System prompt is finalized"), in
         * place of the one it was recorded with.
         *
         * @param finalized the prompt; not blank
         * @return this builder
         * @throws NullPointerException when {@code finalized} is null
         */
        public Builder systemPrompt(String finalized) {
            this.systemPrompt = Objects.requireNonNull(finalized, "finalized system prompt");
            return this;
        }

        /**
         * Keep each example's own system prompt (the default); differing prompts are reported as a warning.
         *
         * @return this builder
         */
        public Builder keepEachExamplesSystemPrompt() {
            this.systemPrompt = null;
            return this;
        }

        /**
         * For {@link ExportFormat#TRL_KTO} and {@link ExportFormat#CHAT_KTO} only: also write every rated interaction that was never reviewed, as a KTO
         * line with its original answer, labelled by its latest rating (👍 {@code true}, 👎 {@code false}). An
         * interaction that has an example (approved or rejected) is never written this way: its example speaks for
         * it. Its texts are redacted with {@link #redactor(Redactor)} even when {@link #redact(boolean)} is off, since
         * no reviewer has read them; a near-duplicate of a holdout example is left out as for examples; with a
         * category filter none is written (they have no category). The line's {@code example_id} is
         * {@code interaction:<id>}. Needs an exporter made with
         * {@link JsonlExporter#create(dev.tuneloop.curate.ExampleStore, dev.tuneloop.record.InteractionStore)}.
         * Default false.
         *
         * @param include true to add rated interactions
         * @return this builder
         */
        public Builder includeRatedInteractions(boolean include) {
            this.includeRatedInteractions = include;
            return this;
        }

        /**
         * For the preference presets ({@link ExportFormat#needsPreferencePair()}: {@link ExportFormat#TRL_DPO},
         * {@link ExportFormat#PREFERENCE}, {@link ExportFormat#CHAT_PREFERENCE}, {@link ExportFormat#GEMINI_PREFERENCE}):
         * also write a line per pair a reviewer marked ({@link dev.tuneloop.curate.PreferencePair}), right after its
         * example's edit pair, with the example's prompt, the pair's chosen and rejected answers, and the example's id
         * (in {@value ExportFormat#EXAMPLE_ID_COLUMN} where the preset has it; to {@link Builder#onWritten} once per
         * example). A marked pair goes where its example goes: never when the example is held out, filtered, below the
         * minimum quality or a near-duplicate of a holdout example; an example approved unchanged (no edit pair) is
         * written when it has a marked pair. A pair is also left out when its rejected answer came from a holdout
         * example's interaction, when the prompt with either answer is a near-duplicate of a holdout example, or when
         * the example's line already holds the same two answers ({@link ExportReport#marked()}). Texts are redacted as
         * the example's. Needs an exporter made with {@link JsonlExporter#create(dev.tuneloop.curate.ExampleStore,
         * dev.tuneloop.record.InteractionStore, dev.tuneloop.curate.PreferencePairStore)} ({@code Tuneloop}'s
         * exporter is). Default false: edits only.
         *
         * @param include true to add the marked pairs
         * @return this builder
         */
        public Builder includeMarkedPairs(boolean include) {
            this.includeMarkedPairs = include;
            return this;
        }

        /**
         * Append each example's retrieved documents to its user message, in a delimited block (default: left out, as
         * in the seed's examples). The block is {@code \n\n<context>\n<document id="…" source="…">\n…\n</document>\n
         * </context>}, one document element per retrieved document, in order; {@code source} is left out when
         * null; the characters {@code & " < >} in id and source are written as XML entities; the text as recorded.
         *
         * @param include true to include the documents
         * @return this builder
         */
        public Builder includeRetrievedContext(boolean include) {
            this.includeRetrievedContext = include;
            return this;
        }

        /**
         * Write this share (0 to 0.5) of the examples to a separate validation output, chosen by a stable hash of the
         * example id, so the same example always lands on the same side (default 0: no split).
         *
         * @param share 0 to 0.5
         * @return this builder
         */
        public Builder validationShare(double share) {
            this.validationShare = share;
            return this;
        }

        /**
         * The base model: tokenizer, token limit, price and estimates (default
         * {@value ExportOptions#DEFAULT_BASE_MODEL}).
         *
         * @param baseModel the model id; not blank
         * @return this builder
         */
        public Builder baseModel(String baseModel) {
            this.baseModel = baseModel;
            return this;
        }

        /**
         * The epochs the job will use, for the estimates (default OpenAI's "auto").
         *
         * @param epochs 1 to 50
         * @return this builder
         */
        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /**
         * Use "auto" epochs for the estimates (the default).
         *
         * @return this builder
         */
        public Builder autoEpochs() {
            this.epochs = null;
            return this;
        }

        /**
         * The redactor used when redacting (default {@code Redactor.standard()}).
         *
         * @param redactor the redactor
         * @return this builder
         * @throws NullPointerException when {@code redactor} is null
         */
        public Builder redactor(Redactor redactor) {
            this.redactor = Objects.requireNonNull(redactor, "redactor");
            return this;
        }

        /**
         * Whether to redact PII (default true).
         *
         * @param redact false to write the text as recorded
         * @return this builder
         */
        public Builder redact(boolean redact) {
            this.redact = redact;
            return this;
        }

        /**
         * The training prices for the cost estimate (default {@link PriceTable#standard()}).
         *
         * @param prices the prices
         * @return this builder
         */
        public Builder prices(PriceTable prices) {
            this.prices = prices;
            return this;
        }

        /**
         * The per-example token limits (default {@link TokenLimits#standard()}).
         *
         * @param tokenLimits the limits
         * @return this builder
         */
        public Builder tokenLimits(TokenLimits tokenLimits) {
            this.tokenLimits = tokenLimits;
            return this;
        }

        /**
         * The fewest examples the training output should have before it is reported valid (default
         * {@value JsonlValidator#DEFAULT_MIN_EXAMPLES}).
         *
         * @param minExamples at least 0; 0 turns the check off
         * @return this builder
         */
        public Builder minExamples(int minExamples) {
            this.minExamples = minExamples;
            return this;
        }

        /**
         * Call {@code listener} every {@code every} scanned examples and once at the end, on the exporting thread.
         * An exception it throws fails the export.
         *
         * @param listener the callback
         * @param every    how many scanned examples between calls; at least 1 (default
         *                 {@value ExportOptions#DEFAULT_PROGRESS_EVERY})
         * @return this builder
         * @throws NullPointerException when {@code listener} is null
         */
        public Builder progress(Consumer<ExportProgress> listener, int every) {
            this.progress = Objects.requireNonNull(listener, "listener");
            this.progressEvery = every;
            return this;
        }

        /**
         * Tell a listener of every example written, in file order (see {@link WrittenListener}).
         *
         * @param listener the listener
         * @return this builder
         * @throws NullPointerException when {@code listener} is null
         */
        public Builder onWritten(WrittenListener listener) {
            this.onWritten = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * How many threads redact, write and check lines (1-64; default the number of processors, at most 4). Lines
         * are still written in store order, and memory stays bounded (at most 256 lines per thread in flight). With
         * more than 1, the redactor and the near-duplicate index are used from several threads.
         *
         * @param parallelism 1 to 64
         * @return this builder
         */
        public Builder parallelism(int parallelism) {
            this.parallelism = parallelism;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         * @throws dev.tuneloop.errors.ValidationException naming every bad setting
         */
        public ExportOptions build() {
            Checks.start()
                    .require(format != null, "format must not be null")
                    .require(
                            minQuality >= 1 && minQuality <= 10,
                            "minQuality must be between 1 and 10, but was " + minQuality)
                    .require(
                            categories != null && categories.stream().noneMatch(Objects::isNull),
                            "categories must not be or contain null")
                    .require(
                            reviewedFrom == null || reviewedUntil == null || reviewedUntil.isAfter(reviewedFrom),
                            "reviewedUntil must be after reviewedFrom, but was " + reviewedUntil + " <= "
                                    + reviewedFrom)
                    .require(limit > 0, "limit must be > 0, but was " + limit)
                    .require(
                            validationShare >= 0 && validationShare <= 0.5,
                            "validationShare must be between 0 and 0.5, but was " + validationShare)
                    .require(baseModel != null && !baseModel.isBlank(), "baseModel must not be blank")
                    .require(
                            epochs == null || (epochs >= 1 && epochs <= 50),
                            "epochs must be between 1 and 50, but was " + epochs)
                    .require(prices != null, "prices must not be null")
                    .require(tokenLimits != null, "tokenLimits must not be null")
                    .require(minExamples >= 0, "minExamples must be >= 0, but was " + minExamples)
                    .require(progressEvery > 0, "progressEvery must be > 0, but was " + progressEvery)
                    .require(
                            parallelism >= 1 && parallelism <= 64,
                            "parallelism must be between 1 and 64, but was " + parallelism)
                    .require(systemPrompt == null || !systemPrompt.isBlank(), "systemPrompt must not be blank")
                    .require(
                            !includeRatedInteractions || format.isKto(),
                            "includeRatedInteractions needs format TRL_KTO or CHAT_KTO, but was " + format)
                    .require(
                            !includeMarkedPairs || format == null || format.needsPreferencePair(),
                            "includeMarkedPairs needs a preference format (PREFERENCE, TRL_DPO, GEMINI_PREFERENCE or"
                                    + " CHAT_PREFERENCE), but was " + format)
                    .orThrow();
            return new ExportOptions(this);
        }
    }
}
