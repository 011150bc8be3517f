package dev.tuneloop.export;

import dev.tuneloop.curate.Category;
import dev.tuneloop.internal.Checks;
import dev.tuneloop.redact.Redactor;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;

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
    private final Instant reviewedFrom;
    private final Instant reviewedUntil;
    private final int limit;
    private final String systemPrompt;
    private final boolean includeRetrievedContext;
    private final double validationShare;
    private final String baseModel;
    private final Integer epochs;
    private final Redactor redactor;
    private final boolean redact;
    private final PriceTable prices;
    private final TokenLimits tokenLimits;
    private final int minExamples;
    private final Consumer<ExportProgress> progress;
    private final int progressEvery;
    private final WrittenListener onWritten;
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

    /** The defaults. */
    public static ExportOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    public ExportFormat format() {
        return format;
    }

    /** The minimum asked for (1-10); the applied one is {@link #effectiveMinQuality()}. */
    public int minQuality() {
        return minQuality;
    }

    /** The minimum applied: never below {@link dev.tuneloop.curate.QualityScore#MIN_EXPORTABLE}. */
    public int effectiveMinQuality() {
        return Math.max(minQuality, dev.tuneloop.curate.QualityScore.MIN_EXPORTABLE);
    }

    /** Categories to keep; empty for all. */
    public Set<Category> categories() {
        return categories;
    }

    /** Inclusive lower bound on {@code reviewedAt}, if any. */
    public Optional<Instant> reviewedFrom() {
        return Optional.ofNullable(reviewedFrom);
    }

    /** Exclusive upper bound on {@code reviewedAt}, if any. */
    public Optional<Instant> reviewedUntil() {
        return Optional.ofNullable(reviewedUntil);
    }

    /** The most examples written (training and validation together). */
    public int limit() {
        return limit;
    }

    /** The finalized system prompt every example gets; empty to keep each example's own. */
    public Optional<String> systemPrompt() {
        return Optional.ofNullable(systemPrompt);
    }

    public boolean includeRetrievedContext() {
        return includeRetrievedContext;
    }

    /** The share of examples written to the validation output; 0 for no split. */
    public double validationShare() {
        return validationShare;
    }

    public String baseModel() {
        return baseModel;
    }

    /** The epochs for the estimates; empty for OpenAI's "auto". */
    public OptionalInt epochs() {
        return epochs == null ? OptionalInt.empty() : OptionalInt.of(epochs);
    }

    /** The redactor applied when {@link #redact()} is true. */
    public Redactor redactor() {
        return redactor;
    }

    public boolean redact() {
        return redact;
    }

    public PriceTable prices() {
        return prices;
    }

    public TokenLimits tokenLimits() {
        return tokenLimits;
    }

    /** The validator's minimum number of examples for the training output. */
    public int minExamples() {
        return minExamples;
    }

    /** The progress callback, if any. */
    public Optional<Consumer<ExportProgress>> progress() {
        return Optional.ofNullable(progress);
    }

    public int progressEvery() {
        return progressEvery;
    }

    /** The listener told of every example written, if any. */
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
         * @param id         the example written
         * @param validation true when it went to the validation file
         */
        void written(dev.tuneloop.curate.ExampleId id, boolean validation);
    }

    /** Threads that redact, write and check lines (1 = all on the calling thread). */
    public int parallelism() {
        return parallelism;
    }

    /** Settings for an export; not thread-safe. {@link #build()} checks them all at once. */
    public static final class Builder {
        private ExportFormat format = ExportFormat.SUPERVISED;
        private int minQuality = DEFAULT_MIN_QUALITY;
        private Set<Category> categories = Set.of();
        private Instant reviewedFrom;
        private Instant reviewedUntil;
        private int limit = Integer.MAX_VALUE;
        private String systemPrompt;
        private boolean includeRetrievedContext;
        private double validationShare;
        private String baseModel = DEFAULT_BASE_MODEL;
        private Integer epochs;
        private Redactor redactor;
        private boolean redact = true;
        private PriceTable prices = PriceTable.standard();
        private TokenLimits tokenLimits = TokenLimits.standard();
        private int minExamples = JsonlValidator.DEFAULT_MIN_EXAMPLES;
        private Consumer<ExportProgress> progress;
        private int progressEvery = DEFAULT_PROGRESS_EVERY;
        private WrittenListener onWritten;
        private int parallelism =
                Math.min(DEFAULT_MAX_PARALLELISM, Runtime.getRuntime().availableProcessors());

        private Builder() {}

        /** Supervised (default) or preference pairs. */
        public Builder format(ExportFormat format) {
            this.format = format;
            return this;
        }

        /** Keep examples scored at least this (1-10, default 6). Scores 1-4 are never exported, whatever is asked. */
        public Builder minQuality(int minQuality) {
            this.minQuality = minQuality;
            return this;
        }

        /** Keep only these categories (default: all). */
        public Builder categories(Set<Category> categories) {
            this.categories = categories;
            return this;
        }

        /** Keep examples reviewed in {@code [from, until)}; either may be null for no bound. */
        public Builder reviewedBetween(Instant from, Instant until) {
            this.reviewedFrom = from;
            this.reviewedUntil = until;
            return this;
        }

        /** Write at most this many examples. */
        public Builder limit(int limit) {
            this.limit = limit;
            return this;
        }

        /**
         * Give every example this finalized system prompt (the seed's checklist: "System prompt is finalized"), in
         * place of the one it was recorded with.
         */
        public Builder systemPrompt(String finalized) {
            this.systemPrompt = Objects.requireNonNull(finalized, "finalized system prompt");
            return this;
        }

        /** Keep each example's own system prompt (the default); differing prompts are reported as a warning. */
        public Builder keepEachExamplesSystemPrompt() {
            this.systemPrompt = null;
            return this;
        }

        /**
         * Append each example's retrieved documents to its user message, in a delimited block (default: left out, as
         * in the seed's examples). The block is {@code \n\n<context>\n<document id="…" source="…">\n…\n</document>\n
         * </context>}, one document element per retrieved document, in order; {@code source} is left out when
         * null; the characters {@code & " < >} in id and source are written as XML entities; the text as recorded.
         */
        public Builder includeRetrievedContext(boolean include) {
            this.includeRetrievedContext = include;
            return this;
        }

        /**
         * Write this share (0 to 0.5) of the examples to a separate validation output, chosen by a stable hash of the
         * example id, so the same example always lands on the same side (default 0: no split).
         */
        public Builder validationShare(double share) {
            this.validationShare = share;
            return this;
        }

        /** The base model: tokenizer, token limit, price and estimates (default gpt-4o-mini-2024-07-18). */
        public Builder baseModel(String baseModel) {
            this.baseModel = baseModel;
            return this;
        }

        /** The epochs the job will use, for the estimates (1-50); default OpenAI's "auto". */
        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /** Use "auto" epochs for the estimates (the default). */
        public Builder autoEpochs() {
            this.epochs = null;
            return this;
        }

        /** The redactor (default {@code Redactor.standard()}). */
        public Builder redactor(Redactor redactor) {
            this.redactor = Objects.requireNonNull(redactor, "redactor");
            return this;
        }

        /** Whether to redact PII (default true). */
        public Builder redact(boolean redact) {
            this.redact = redact;
            return this;
        }

        /** Training prices (default {@link PriceTable#standard()}). */
        public Builder prices(PriceTable prices) {
            this.prices = prices;
            return this;
        }

        /** Per-example token limits (default {@link TokenLimits#standard()}). */
        public Builder tokenLimits(TokenLimits tokenLimits) {
            this.tokenLimits = tokenLimits;
            return this;
        }

        /** The fewest examples the training output should have before it is reported valid (default 10). */
        public Builder minExamples(int minExamples) {
            this.minExamples = minExamples;
            return this;
        }

        /**
         * Call {@code listener} every {@code every} scanned examples and once at the end, on the exporting thread.
         * An exception it throws fails the export.
         */
        public Builder progress(Consumer<ExportProgress> listener, int every) {
            this.progress = Objects.requireNonNull(listener, "listener");
            this.progressEvery = every;
            return this;
        }

        /** Tell {@code listener} of every example written, in file order (see {@link WrittenListener}). */
        public Builder onWritten(WrittenListener listener) {
            this.onWritten = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * How many threads redact, write and check lines (1-64; default the number of processors, at most 4). Lines
         * are still written in store order, and memory stays bounded (at most 256 lines per thread in flight). With
         * more than 1, the redactor and the near-duplicate index are used from several threads.
         */
        public Builder parallelism(int parallelism) {
            this.parallelism = parallelism;
            return this;
        }

        /** @throws dev.tuneloop.errors.ValidationException naming every bad setting */
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
                    .orThrow();
            return new ExportOptions(this);
        }
    }
}
