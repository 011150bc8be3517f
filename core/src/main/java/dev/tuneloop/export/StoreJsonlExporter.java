package dev.tuneloop.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuneloop.curate.ExampleId;
import dev.tuneloop.curate.ExampleQuery;
import dev.tuneloop.curate.ExampleStatus;
import dev.tuneloop.curate.ExampleStore;
import dev.tuneloop.curate.Holdout;
import dev.tuneloop.curate.PreferencePair;
import dev.tuneloop.curate.PreferencePairStore;
import dev.tuneloop.curate.QualityScore;
import dev.tuneloop.curate.Split;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.dedup.NearDuplicateDetector;
import dev.tuneloop.errors.TuneloopException;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.internal.Sha256;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.ContentPart;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.InteractionStore;
import dev.tuneloop.record.Rating;
import dev.tuneloop.record.RetrievedDocument;
import dev.tuneloop.record.Role;
import dev.tuneloop.record.ScanQuery;
import dev.tuneloop.record.ToolCall;
import dev.tuneloop.record.ToolDefinition;
import dev.tuneloop.redact.Redaction;
import dev.tuneloop.redact.Redactor;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** {@link JsonlExporter} over an {@link ExampleStore}. Stateless between exports; each export has its own {@link Run}. */
final class StoreJsonlExporter implements JsonlExporter {

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final ObjectMapper SCHEMAS = new ObjectMapper();

    /** A tool's JSON-schema text as a JSON object, or null when it is not one. */
    private static @Nullable JsonNode parameters(String text) {
        try {
            JsonNode n = SCHEMAS.readTree(text);
            return n != null && n.isObject() ? n : null;
        } catch (IOException e) {
            return null;
        }
    }
    /** Examples per task handed to a worker thread. */
    static final int BATCH = 64;
    /** Batches in flight per worker thread, at most; with {@link #BATCH}, bounds the lines held in memory. */
    static final int BATCHES_PER_THREAD = 4;
    /** Salt of the validation-split hash, so it is independent of the holdout's hash of the same id. */
    static final String VALIDATION_SALT = "tuneloop-validation:";

    /** Prefix of the {@code example_id} of a KTO line made from a rated interaction. */
    static final String INTERACTION_ID_PREFIX = "interaction:";

    private final ExampleStore store;
    private final NearDuplicateDetector detector;
    private final @Nullable InteractionStore interactions; // null: rated interactions cannot be added
    private final @Nullable PreferencePairStore pairs; // null: marked pairs cannot be added

    StoreJsonlExporter(ExampleStore store, NearDuplicateDetector detector) {
        this(store, detector, null);
    }

    StoreJsonlExporter(ExampleStore store, NearDuplicateDetector detector, @Nullable InteractionStore interactions) {
        this(store, detector, interactions, null);
    }

    StoreJsonlExporter(
            ExampleStore store,
            NearDuplicateDetector detector,
            @Nullable InteractionStore interactions,
            @Nullable PreferencePairStore pairs) {
        this.store = store;
        this.detector = detector;
        this.interactions = interactions;
        this.pairs = pairs;
    }

    private void checkRated(ExportOptions options) {
        if (options.includeRatedInteractions() && interactions == null) {
            throw new ValidationException("includeRatedInteractions needs an exporter made with an interaction store"
                    + " (JsonlExporter.create(examples, interactions))");
        }
        if (options.includeMarkedPairs() && pairs == null) {
            throw new ValidationException("includeMarkedPairs needs an exporter made with a preference-pair store"
                    + " (JsonlExporter.create(examples, interactions, pairs))");
        }
    }

    @Override
    public ExportReport export(ExportOptions options, OutputStream out) {
        Objects.requireNonNull(options, "options");
        checkRated(options);
        Objects.requireNonNull(out, "out");
        if (options.validationShare() > 0) {
            throw new ValidationException("validationShare is " + options.validationShare()
                    + ", so the export needs two outputs (training and validation)");
        }
        return streams(options, out, null, "the output stream");
    }

    @Override
    public ExportReport export(ExportOptions options, OutputStream train, OutputStream validation) {
        Objects.requireNonNull(options, "options");
        checkRated(options);
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        requireSplit(options);
        return streams(options, train, validation, "the output streams");
    }

    @Override
    public ExportReport export(ExportOptions options, Path file) {
        Objects.requireNonNull(options, "options");
        checkRated(options);
        Objects.requireNonNull(file, "file");
        if (options.validationShare() > 0) {
            throw new ValidationException("validationShare is " + options.validationShare()
                    + ", so the export needs two files (training and validation)");
        }
        return files(options, List.of(file));
    }

    @Override
    public ExportReport export(ExportOptions options, Path trainFile, Path validationFile) {
        Objects.requireNonNull(options, "options");
        checkRated(options);
        Objects.requireNonNull(trainFile, "trainFile");
        Objects.requireNonNull(validationFile, "validationFile");
        requireSplit(options);
        if (trainFile
                .toAbsolutePath()
                .normalize()
                .equals(validationFile.toAbsolutePath().normalize())) {
            throw new ValidationException(
                    "trainFile and validationFile must differ, but both were " + trainFile.getFileName());
        }
        // validation first: renamed into place before the training file
        return files(options, List.of(validationFile, trainFile));
    }

    private static void requireSplit(ExportOptions options) {
        if (options.validationShare() <= 0) {
            throw new ValidationException(
                    "validationShare must be > 0 to export a validation output, but was " + options.validationShare());
        }
    }

    private ExportReport files(ExportOptions options, List<Path> targets) {
        Path named = targets.get(targets.size() - 1);
        @Nullable Run[] run = new Run[1];
        try {
            return AtomicFiles.write(targets, outs -> {
                OutputStream train = outs.get(outs.size() - 1);
                OutputStream validation = outs.size() > 1 ? outs.get(0) : null;
                run[0] = new Run(options, train, validation);
                return run[0].execute();
            });
        } catch (IOException e) {
            Run started = run[0];
            throw new TuneloopException(
                    "export to " + named.getFileName() + " failed"
                            + (started == null ? "" : " after " + started.written + " lines were written") + ": "
                            + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : " " + e.getMessage()),
                    e);
        }
    }

    private ExportReport streams(
            ExportOptions options, OutputStream train, @Nullable OutputStream validation, String what) {
        Run run = new Run(options, train, validation);
        try {
            ExportReport r = run.execute();
            train.flush();
            if (validation != null) {
                validation.flush();
            }
            return r;
        } catch (IOException e) {
            throw new TuneloopException(
                    "export to " + what + " failed after " + run.written + " lines were written: "
                            + e.getClass().getSimpleName(),
                    e);
        }
    }

    /** One export: its outputs, counters, validation sessions and workers. */
    private final class Run {
        private final ExportOptions o;
        private final Output train;
        private final @Nullable Output validation;
        private final LineChecker checker;
        private final @Nullable Redactor redactor;
        private final int minQuality;
        private final long validationThreshold;
        private final Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
        private final Map<String, Long> redactions = new TreeMap<>();
        private final ThreadLocal<LineWriter> writers = ThreadLocal.withInitial(LineWriter::new);
        private final ArrayDeque<Future<List<@Nullable Prepared>>> pending = new ArrayDeque<>();
        private final int maxInFlight;
        private List<TrainingExample> batch = new ArrayList<>(BATCH);
        private final @Nullable Instant reviewedFrom;
        private final @Nullable Instant reviewedUntil;
        private final @Nullable String systemPrompt;
        private final @Nullable Consumer<ExportProgress> progress;
        private final ExportOptions.@Nullable WrittenListener onWritten;
        private final NearDuplicateDetector.Index<String> holdout;
        private @Nullable ExecutorService workers;
        private long scanned;
        private long written;
        private long ratedDesirable;
        private long ratedUndesirable;
        private long ratedReviewed;
        private long ratedLeaks;
        /** The marked pairs by example, oldest first; empty unless asked for. */
        private final Map<ExampleId, List<PreferencePair>> marked = new HashMap<>();
        /** The interactions of approved holdout examples: a marked pair rejecting one of them would leak it. */
        private final Set<InteractionId> holdoutSources = new HashSet<>();

        private long markedWritten;
        private long markedLeaks;
        private long markedDuplicates;

        Run(ExportOptions o, OutputStream train, @Nullable OutputStream validation) {
            this.o = o;
            this.checker = new LineChecker(
                    TokenCounter.forModel(o.baseModel()),
                    StreamingJsonlValidator.tokenLimit(o.format(), o.tokenLimits(), o.baseModel()),
                    Integer.MAX_VALUE,
                    o.format());
            // OpenAI files are checked as before (either OpenAI shape); a preset's file holds that preset only
            ExportFormat expected = o.format().isOpenAi() ? null : o.format();
            this.train = new Output(
                    train,
                    new ValidationSession(checker, o.minExamples(), JsonlValidator.DEFAULT_MAX_PROBLEMS, expected));
            this.validation = validation == null
                    ? null
                    : new Output(
                            validation,
                            new ValidationSession(checker, 1, JsonlValidator.DEFAULT_MAX_PROBLEMS, expected));
            this.redactor = o.redact() ? o.redactor() : null;
            this.minQuality = o.effectiveMinQuality();
            this.validationThreshold = Math.round(o.validationShare() * 10_000);
            this.maxInFlight = o.parallelism() * BATCHES_PER_THREAD;
            this.reviewedFrom = o.reviewedFrom().orElse(null);
            this.reviewedUntil = o.reviewedUntil().orElse(null);
            this.systemPrompt = o.systemPrompt().orElse(null);
            this.progress = o.progress().orElse(null);
            this.onWritten = o.onWritten().orElse(null);
            for (SkipReason r : SkipReason.values()) {
                skipped.put(r, 0L);
            }
            this.holdout = detector.newIndex();
        }

        ExportReport execute() throws IOException {
            store.scan(ExampleQuery.approved().withSplit(Split.HOLDOUT), e -> {
                holdout.add(e.id().toString(), Holdout.similarityText(e));
                holdoutSources.add(e.sourceInteractionId());
            });
            PreferencePairStore markedPairs = pairs;
            if (o.includeMarkedPairs() && markedPairs != null) {
                markedPairs.scan(p -> marked.computeIfAbsent(p.exampleId(), k -> new ArrayList<>(1))
                        .add(p));
            }
            ExecutorService pool = null;
            if (o.parallelism() > 1) {
                pool = Executors.newFixedThreadPool(o.parallelism(), r -> {
                    Thread t = new Thread(r, "tuneloop-export");
                    t.setDaemon(true);
                    return t;
                });
            }
            workers = pool;
            try {
                store.scan(ExampleQuery.approved(), this::accept);
                if (!batch.isEmpty() && pool != null) {
                    submit(pool);
                }
                while (!pending.isEmpty()) {
                    await(pending.poll()).forEach(this::commit);
                }
                InteractionStore source = interactions;
                if (o.includeRatedInteractions() && source != null) {
                    addRated(source);
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            } finally {
                if (pool != null) {
                    pool.shutdownNow();
                }
                writers.remove();
            }
            progress(true);
            return report();
        }

        private void accept(TrainingExample e) {
            scanned++;
            SkipReason skip = skipReason(e);
            ExecutorService pool = workers;
            if (skip != null) {
                skipped.merge(skip, 1L, Long::sum);
            } else if (pool == null) {
                commit(prepare(e));
            } else {
                batch.add(e);
                if (batch.size() == BATCH) {
                    submit(pool);
                }
            }
            if (scanned % o.progressEvery() == 0) {
                progress(false);
            }
        }

        /**
         * Writes a KTO line for every rated interaction without an example, in the store's scan order, on this thread:
         * labelled by the latest rating, redacted, left out when a near-duplicate of a holdout example.
         */
        private void addRated(InteractionStore source) {
            Set<InteractionId> reviewed = new HashSet<>();
            store.scan(ExampleQuery.all(), e -> reviewed.add(e.sourceInteractionId()));
            LineWriter w = writers.get();
            source.scan(ScanQuery.all(), r -> {
                Rating rating = r.feedback().latestRating().orElse(null);
                if (rating == null) {
                    return;
                }
                if (reviewed.contains(r.id())) {
                    ratedReviewed++;
                    return;
                }
                Interaction i = r.interaction();
                if (!carriesToolCalls(o.format()) && hasToolExchange(i.steps(), i.priorTurns())) {
                    skipped.merge(SkipReason.TOOL_CALLS_NOT_SUPPORTED, 1L, Long::sum);
                    return;
                }
                if (!o.categories().isEmpty() || written >= o.limit()) {
                    skipped.merge(SkipReason.FILTERED, 1L, Long::sum);
                    return;
                }
                if (!holdout.matches(i.userMessage() + " " + i.assistantResponse())
                        .isEmpty()) {
                    skipped.merge(SkipReason.HOLDOUT_NEAR_DUPLICATE, 1L, Long::sum);
                    ratedLeaks++;
                    return;
                }
                boolean label = rating.value() == Rating.Value.UP;
                boolean toValidation = validation != null
                        && Sha256.bucket(VALIDATION_SALT + i.id().value(), 10_000) < validationThreshold;
                try {
                    commit(w.writeRated(i, label, toValidation));
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
                if (label) {
                    ratedDesirable++;
                } else {
                    ratedUndesirable++;
                }
            });
        }

        /** The cheap reasons, decided in store order; the near-duplicate check is made by {@link #prepare}. */
        private @Nullable SkipReason skipReason(TrainingExample e) {
            if (e.status() != ExampleStatus.APPROVED) {
                return SkipReason.FILTERED;
            }
            if (e.split() == Split.HOLDOUT) {
                return SkipReason.HOLDOUT;
            }
            if ((!o.categories().isEmpty() && !o.categories().contains(e.category()))
                    || (reviewedFrom != null && e.reviewedAt().isBefore(reviewedFrom))
                    || (reviewedUntil != null && !e.reviewedAt().isBefore(reviewedUntil))) {
                return SkipReason.FILTERED;
            }
            QualityScore quality = e.quality();
            if (quality == null || quality.value() < minQuality) {
                return SkipReason.LOW_QUALITY;
            }
            if (o.format().needsPreferencePair() && !e.hasPreferencePair() && !marked.containsKey(e.id())) {
                return SkipReason.NO_PREFERENCE_PAIR;
            }
            if (hasToolExchange(e.steps(), e.priorTurns())
                    && (!carriesToolCalls(o.format())
                            || (o.format() == ExportFormat.GEMINI_SFT
                                    && !declaresEveryCall(e.tools(), e.priorTurns(), e.steps())))) {
                return SkipReason.TOOL_CALLS_NOT_SUPPORTED;
            }
            if (written >= o.limit()) {
                return SkipReason.FILTERED;
            }
            return null;
        }

        /** Hands the current batch to a worker; waits for the oldest batch first when too many are in flight. */
        private void submit(ExecutorService pool) {
            List<TrainingExample> work = batch;
            batch = new ArrayList<>(BATCH);
            pending.add(pool.submit(() -> {
                List<@Nullable Prepared> out = new ArrayList<>(work.size());
                for (TrainingExample e : work) {
                    out.add(prepare(e));
                }
                return out;
            }));
            while (pending.size() > maxInFlight) {
                await(pending.poll()).forEach(this::commit);
            }
        }

        private List<@Nullable Prepared> await(Future<List<@Nullable Prepared>> f) {
            try {
                return f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TuneloopException("export interrupted after " + scanned + " examples", e);
            } catch (ExecutionException e) {
                // a FutureTask always sets the cause; the fallback only keeps the type non-null
                Throwable c = Objects.requireNonNullElse(e.getCause(), e);
                if (c instanceof RuntimeException re) {
                    throw re;
                }
                if (c instanceof Error err) {
                    throw err;
                }
                throw new TuneloopException("export failed after " + scanned + " examples", c);
            }
        }

        /**
         * Everything per example that needs no order: leak check, redaction, the line, its check. Any thread.
         *
         * @return the line, or null when the example is a near-duplicate of a holdout example
         */
        private @Nullable Prepared prepare(TrainingExample e) {
            if (!holdout.matches(Holdout.similarityText(e)).isEmpty()) {
                return null;
            }
            Pairs pairs = markedPairs(e);
            if (o.format().needsPreferencePair()
                    && !e.hasPreferencePair()
                    && pairs.pairs().isEmpty()) {
                return null; // its only pairs were marked ones, and each would leak the holdout
            }
            boolean toValidation = validation != null && validationBucket(e) < validationThreshold;
            LineWriter w = writers.get();
            try {
                return w.write(e, toValidation, pairs);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        /**
         * The example's marked pairs to write, in mark order: without those that would leak the holdout or repeat the
         * same two answers, which are counted. Any thread.
         */
        private Pairs markedPairs(TrainingExample e) {
            List<PreferencePair> all = marked.get(e.id());
            if (all == null) {
                return Pairs.NONE;
            }
            List<PreferencePair> keep = new ArrayList<>(all.size());
            Set<List<String>> seen = new HashSet<>();
            if (e.hasPreferencePair()) {
                seen.add(List.of(e.trainingResponse(), e.originalResponse()));
            }
            int leaks = 0;
            int duplicates = 0;
            for (PreferencePair p : all) {
                if (holdoutSources.contains(p.rejectedInteractionId())
                        || !holdout.matches(e.userMessage() + " " + p.chosen()).isEmpty()
                        || !holdout.matches(e.userMessage() + " " + p.rejected())
                                .isEmpty()) {
                    leaks++;
                } else if (!seen.add(List.of(p.chosen(), p.rejected()))) {
                    duplicates++;
                } else {
                    keep.add(p);
                }
            }
            return new Pairs(keep, leaks, duplicates);
        }

        /** Writes a prepared line in store order; null marks a holdout leak. */
        private void commit(@Nullable Prepared p) {
            if (p == null) {
                skipped.merge(SkipReason.HOLDOUT_NEAR_DUPLICATE, 1L, Long::sum);
                return;
            }
            if (written >= o.limit()) {
                skipped.merge(SkipReason.FILTERED, 1L, Long::sum);
                return;
            }
            Output out = p.toValidation && validation != null ? validation : train;
            for (LineChecker.LineResult check : p.checks) {
                out.session.add(check);
            }
            try {
                out.out.write(p.bytes);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            out.lines += p.checks.size();
            out.bytes += p.bytes.length;
            written++;
            markedWritten += p.markedLines;
            markedLeaks += p.markedLeaks;
            markedDuplicates += p.markedDuplicates;
            if (p.markedLeaks > 0) {
                skipped.merge(SkipReason.HOLDOUT_NEAR_DUPLICATE, (long) p.markedLeaks, Long::sum);
            }
            p.redactions.forEach((type, n) -> redactions.merge(type, n, Long::sum));
            ExampleId id = p.id;
            if (onWritten != null && id != null) {
                onWritten.written(id, p.toValidation);
            }
        }

        private void progress(boolean done) {
            if (progress != null) {
                long bytes = train.bytes + (validation == null ? 0 : validation.bytes);
                long skippedTotal =
                        skipped.values().stream().mapToLong(Long::longValue).sum();
                progress.accept(new ExportProgress(scanned, written, skippedTotal, bytes, done));
            }
        }

        private ExportReport report() {
            ValidationResult trainResult = train.session.finish();
            ValidationResult validationResult = validation == null ? null : validation.session.finish();
            TokenStats tokens = trainResult.tokens();
            boolean auto = o.epochs().isEmpty();
            int epochs = auto
                    ? (train.lines == 0 ? TrainingEstimates.TARGET_EPOCHS : TrainingEstimates.autoEpochs(train.lines))
                    : o.epochs().getAsInt();
            long trainingTokens = tokens.billing() * epochs;
            BigDecimal cost = o.prices().cost(o.baseModel(), trainingTokens).orElse(null);
            return new ExportReport(
                    o.format(),
                    o.baseModel(),
                    minQuality,
                    scanned,
                    train.lines,
                    validation == null ? 0 : validation.lines,
                    skipped,
                    train.bytes + (validation == null ? 0 : validation.bytes),
                    tokens,
                    epochs,
                    auto,
                    trainingTokens,
                    cost,
                    TrainingEstimates.trainingTime(train.lines),
                    redactor != null,
                    redactions,
                    trainResult,
                    validationResult,
                    o.includeRatedInteractions()
                            ? new ExportReport.RatedInteractions(
                                    ratedDesirable, ratedUndesirable, ratedReviewed, ratedLeaks)
                            : ExportReport.RatedInteractions.NONE,
                    o.includeMarkedPairs()
                            ? new ExportReport.MarkedPairs(markedWritten, markedLeaks, markedDuplicates)
                            : ExportReport.MarkedPairs.NONE);
        }

        /** Makes one line: a generator over a reusable buffer, one per worker thread. */
        private final class LineWriter {
            private final LineBuffer buffer = new LineBuffer();
            private final JsonGenerator gen;
            private @Nullable Map<String, Long> counts;
            private @Nullable Redactor active;

            LineWriter() {
                try {
                    this.gen = JSON.createGenerator(buffer, JsonEncoding.UTF8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                gen.setRootValueSeparator(null);
            }

            /** A KTO line for a rated interaction: its original answer, always redacted (no reviewer read it). */
            Prepared writeRated(Interaction i, boolean label, boolean toValidation) throws IOException {
                buffer.reset();
                counts = null;
                active = o.redactor();
                List<PresetWriter.Turn> turns = new ArrayList<>(i.priorTurns().size() + 1);
                for (ChatMessage turn : i.priorTurns()) {
                    turns.add(new PresetWriter.Turn(turn.role(), redact(turn.content())));
                }
                String user = i.userMessage();
                if (o.includeRetrievedContext() && !i.retrievedContext().isEmpty()) {
                    user = user + contextBlock(i.retrievedContext());
                }
                turns.add(new PresetWriter.Turn(Role.USER, redact(user)));
                String own = i.systemPrompt();
                String system =
                        systemPrompt != null ? systemPrompt : (own != null && !own.isEmpty() ? redact(own) : null);
                PresetWriter.kto(
                        gen,
                        o.format(),
                        new PresetWriter.Conversation(system, turns),
                        redact(i.assistantResponse()),
                        label,
                        INTERACTION_ID_PREFIX + i.id());
                List<LineChecker.LineResult> checks = List.of(endLine(0));
                Map<String, Long> found = counts;
                return new Prepared(
                        null,
                        buffer.toByteArray(),
                        checks,
                        toValidation,
                        found == null ? Map.of() : found,
                        Pairs.NONE,
                        0);
            }

            Prepared write(TrainingExample e, boolean toValidation, Pairs marked) throws IOException {
                buffer.reset();
                counts = null;
                active = redactor;
                List<LineChecker.LineResult> checks;
                switch (o.format()) {
                    case SUPERVISED -> {
                        supervised(e);
                        checks = List.of(endLine(0));
                    }
                    case PREFERENCE -> {
                        checks = new ArrayList<>(1 + marked.pairs().size());
                        if (e.hasPreferencePair()) {
                            preference(e, e.trainingResponse(), e.originalResponse());
                            checks.add(endLine(0));
                        }
                        for (PreferencePair p : marked.pairs()) {
                            int start = buffer.size();
                            preference(e, p.chosen(), p.rejected());
                            checks.add(endLine(start));
                        }
                    }
                    default -> checks = preset(e, marked.pairs());
                }
                Map<String, Long> found = counts;
                return new Prepared(
                        e.id(),
                        buffer.toByteArray(),
                        checks,
                        toValidation,
                        found == null ? Map.of() : found,
                        marked,
                        marked.pairs().size());
            }

            /** Ends the line started at {@code start}: flushes, checks it and writes its {@code \n}. */
            private LineChecker.LineResult endLine(int start) throws IOException {
                gen.flush();
                LineChecker.LineResult check = checker.check(buffer.array(), start, buffer.size() - start, true);
                buffer.write('\n');
                return check;
            }

            /** The lines of a TRL or Gemini preset; each text is redacted once, also when written twice (KTO). */
            private List<LineChecker.LineResult> preset(TrainingExample e, List<PreferencePair> marked)
                    throws IOException {
                Map<String, String> names = toolNames(e.priorTurns(), e.steps());
                PresetWriter.Conversation c = conversationOf(e, names);
                String gold = redact(e.trainingResponse());
                String id = e.id().toString();
                ExportFormat f = o.format();
                if (f.isKto()) {
                    PresetWriter.kto(gen, f, c, gold, true, id);
                    LineChecker.LineResult desirable = endLine(0);
                    if (!e.hasPreferencePair()) {
                        return List.of(desirable);
                    }
                    int start = buffer.size();
                    PresetWriter.kto(gen, f, c, redact(e.originalResponse()), false, id);
                    return List.of(desirable, endLine(start));
                }
                if (f.needsPreferencePair()) {
                    List<LineChecker.LineResult> lines = new ArrayList<>(1 + marked.size());
                    if (e.hasPreferencePair()) {
                        pair(f, c, gold, redact(e.originalResponse()), id);
                        lines.add(endLine(0));
                    }
                    for (PreferencePair p : marked) {
                        int start = buffer.size();
                        pair(f, c, redact(p.chosen()), redact(p.rejected()), id);
                        lines.add(endLine(start));
                    }
                    return lines;
                }
                switch (f) {
                    case TRL_SFT -> PresetWriter.trlSft(gen, c, turns(e.steps(), names), gold, e.tools(), id);
                    case GEMINI_SFT -> PresetWriter.geminiSft(gen, c, turns(e.steps(), names), gold, e.tools());
                    default -> throw new IllegalStateException("not a preset: " + f);
                }
                return List.of(endLine(0));
            }

            /** One preference line of a TRL or Gemini preset, its texts already redacted. */
            private void pair(ExportFormat f, PresetWriter.Conversation c, String chosen, String rejected, String id)
                    throws IOException {
                switch (f) {
                    case TRL_DPO -> PresetWriter.trlDpo(gen, c, chosen, rejected, id);
                    case GEMINI_PREFERENCE -> PresetWriter.geminiPreference(gen, c, chosen, rejected);
                    case CHAT_PREFERENCE -> PresetWriter.chatPreference(gen, c, chosen, rejected, id);
                    default -> throw new IllegalStateException("not a pair preset: " + f);
                }
            }

            /** The example's prompt side, redacted: the system prompt (finalized or its own), prior turns, user. */
            private PresetWriter.Conversation conversationOf(TrainingExample e, Map<String, String> names) {
                String own = e.systemPrompt();
                String system =
                        systemPrompt != null ? systemPrompt : (own != null && !own.isEmpty() ? redact(own) : null);
                List<PresetWriter.Turn> turns = turns(e.priorTurns(), names);
                String user = e.userMessage();
                if (o.includeRetrievedContext() && !e.retrievedContext().isEmpty()) {
                    user = user + contextBlock(e.retrievedContext());
                }
                turns.add(new PresetWriter.Turn(Role.USER, redact(user)));
                return new PresetWriter.Conversation(system, turns);
            }

            /**
             * Messages as preset turns, redacted: texts, tool results, and the string values inside tool-call arguments
             * (arguments that are not a JSON object are redacted as one text, as the OpenAI export does).
             */
            private List<PresetWriter.Turn> turns(List<ChatMessage> messages, Map<String, String> names) {
                List<PresetWriter.Turn> turns = new ArrayList<>(messages.size() + 1);
                for (ChatMessage m : messages) {
                    List<ToolCall> calls = new ArrayList<>(m.toolCalls().size());
                    for (ToolCall call : m.toolCalls()) {
                        calls.add(new ToolCall(call.id(), call.name(), redactArguments(call.arguments())));
                    }
                    String answered = m.toolCallId();
                    turns.add(new PresetWriter.Turn(
                            m.role(),
                            redact(m.content()),
                            calls,
                            answered == null ? null : names.getOrDefault(answered, "")));
                }
                return turns;
            }

            private String redactArguments(String arguments) {
                if (active == null) {
                    return arguments;
                }
                JsonNode tree = PresetWriter.parseObject(arguments);
                if (tree == null) {
                    return redact(arguments);
                }
                try {
                    return SCHEMAS.writeValueAsString(redactStrings(tree));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            private JsonNode redactStrings(JsonNode n) {
                if (n.isTextual()) {
                    return SCHEMAS.getNodeFactory().textNode(redact(n.textValue()));
                }
                if (n instanceof ObjectNode o) {
                    List<String> keys = new ArrayList<>();
                    o.properties().forEach(f -> keys.add(f.getKey()));
                    for (String k : keys) {
                        o.replace(k, redactStrings(Objects.requireNonNull(o.get(k))));
                    }
                } else if (n instanceof ArrayNode a) {
                    for (int i = 0; i < a.size(); i++) {
                        a.set(i, redactStrings(a.get(i)));
                    }
                }
                return n;
            }

            private void supervised(TrainingExample e) throws IOException {
                gen.writeStartObject();
                gen.writeArrayFieldStart("messages");
                conversation(e);
                boolean parallel = false;
                for (ChatMessage step : e.steps()) {
                    message(step);
                    parallel |= step.toolCalls().size() > 1;
                }
                message("assistant", redact(e.trainingResponse()));
                gen.writeEndArray();
                if (!e.tools().isEmpty()) {
                    tools(e.tools());
                }
                if (!e.steps().isEmpty() || !e.tools().isEmpty()) {
                    gen.writeBooleanField("parallel_tool_calls", parallel);
                }
                gen.writeEndObject();
            }

            /** OpenAI's {@code tools}: {@code [{"type":"function","function":{name, description, parameters}}]}. */
            private void tools(List<ToolDefinition> tools) throws IOException {
                gen.writeArrayFieldStart("tools");
                for (ToolDefinition t : tools) {
                    gen.writeStartObject();
                    gen.writeStringField("type", "function");
                    gen.writeObjectFieldStart("function");
                    gen.writeStringField("name", t.name());
                    if (t.description() != null) {
                        gen.writeStringField("description", t.description());
                    }
                    gen.writeFieldName("parameters");
                    JsonNode schema = parameters(t.parameters());
                    if (schema == null) {
                        // kept as the host gave it; the validator reports it (a schema must be a JSON object)
                        gen.writeString(t.parameters());
                    } else {
                        SCHEMAS.writeTree(gen, schema);
                    }
                    gen.writeEndObject();
                    gen.writeEndObject();
                }
                gen.writeEndArray();
            }

            /** A message with its tool calls ({@code tool_calls}) or the call it answers ({@code tool_call_id}). */
            private void message(ChatMessage m) throws IOException {
                if (m.toolCalls().isEmpty() && m.toolCallId() == null && !m.hasParts()) {
                    message(m.role().wireName(), redact(m.content()));
                    return;
                }
                gen.writeStartObject();
                gen.writeStringField("role", m.role().wireName());
                if (m.hasParts()) {
                    parts(m.parts());
                } else if (!m.content().isEmpty() || m.toolCalls().isEmpty()) {
                    gen.writeStringField("content", redact(m.content()));
                }
                if (!m.toolCalls().isEmpty()) {
                    gen.writeArrayFieldStart("tool_calls");
                    for (ToolCall c : m.toolCalls()) {
                        gen.writeStartObject();
                        gen.writeStringField("id", c.id());
                        gen.writeStringField("type", "function");
                        gen.writeObjectFieldStart("function");
                        gen.writeStringField("name", c.name());
                        gen.writeStringField("arguments", redact(c.arguments()));
                        gen.writeEndObject();
                        gen.writeEndObject();
                    }
                    gen.writeEndArray();
                }
                String callId = m.toolCallId();
                if (callId != null) {
                    gen.writeStringField("tool_call_id", callId);
                }
                gen.writeEndObject();
            }

            /**
             * OpenAI's content-part array: {@code {"type":"text","text":…}} (redacted), an image by URL as
             * {@code {"type":"image_url","image_url":{"url":…}}}, an image by file id as
             * {@code {"type":"file","file":{"file_id":…}}} (which the validator reports: fine-tuning takes images by
             * URL only).
             */
            private void parts(List<ContentPart> parts) throws IOException {
                gen.writeArrayFieldStart("content");
                for (ContentPart p : parts) {
                    gen.writeStartObject();
                    String url = p.url();
                    if (p.type() == ContentPart.Type.TEXT) {
                        gen.writeStringField("type", "text");
                        gen.writeStringField("text", redact(Objects.requireNonNull(p.text())));
                    } else if (url != null) {
                        gen.writeStringField("type", "image_url");
                        gen.writeObjectFieldStart("image_url");
                        gen.writeStringField("url", url);
                        gen.writeEndObject();
                    } else {
                        gen.writeStringField("type", "file");
                        gen.writeObjectFieldStart("file");
                        gen.writeStringField("file_id", Objects.requireNonNull(p.fileId()));
                        gen.writeEndObject();
                    }
                    gen.writeEndObject();
                }
                gen.writeEndArray();
            }

            /**
             * OpenAI's DPO line: {@code input} holds the conversation up to the answer, the tool-calling steps
             * included, with the {@code tools} and {@code parallel_tool_calls} as in a supervised line; the outputs are
             * the final answers (gold and original).
             */
            private void preference(TrainingExample e, String chosen, String rejected) throws IOException {
                gen.writeStartObject();
                gen.writeObjectFieldStart("input");
                gen.writeArrayFieldStart("messages");
                conversation(e);
                boolean parallel = false;
                for (ChatMessage step : e.steps()) {
                    message(step);
                    parallel |= step.toolCalls().size() > 1;
                }
                gen.writeEndArray();
                if (!e.tools().isEmpty()) {
                    tools(e.tools());
                }
                if (!e.steps().isEmpty() || !e.tools().isEmpty()) {
                    gen.writeBooleanField("parallel_tool_calls", parallel);
                }
                gen.writeEndObject();
                gen.writeArrayFieldStart("preferred_output");
                message("assistant", redact(chosen));
                gen.writeEndArray();
                gen.writeArrayFieldStart("non_preferred_output");
                message("assistant", redact(rejected));
                gen.writeEndArray();
                gen.writeEndObject();
            }

            private void conversation(TrainingExample e) throws IOException {
                String own = e.systemPrompt();
                if (systemPrompt != null) {
                    message("system", systemPrompt);
                } else if (own != null && !own.isEmpty()) {
                    message("system", redact(own));
                }
                for (ChatMessage turn : e.priorTurns()) {
                    message(turn);
                }
                if (!e.userMessageParts().isEmpty()) {
                    userParts(e);
                    return;
                }
                String user = e.userMessage();
                if (o.includeRetrievedContext() && !e.retrievedContext().isEmpty()) {
                    user = user + contextBlock(e.retrievedContext());
                }
                message("user", redact(user));
            }

            /**
             * The final user message as OpenAI's content-part array, like a multi-part prior turn; included retrieved
             * context is a last text part.
             */
            private void userParts(TrainingExample e) throws IOException {
                List<ContentPart> parts = e.userMessageParts();
                if (o.includeRetrievedContext() && !e.retrievedContext().isEmpty()) {
                    parts = new ArrayList<>(parts);
                    parts.add(
                            ContentPart.text(contextBlock(e.retrievedContext()).substring(2)));
                }
                gen.writeStartObject();
                gen.writeStringField("role", "user");
                parts(parts);
                gen.writeEndObject();
            }

            private void message(String role, String content) throws IOException {
                gen.writeStartObject();
                gen.writeStringField("role", role);
                gen.writeStringField("content", content);
                gen.writeEndObject();
            }

            private String redact(String text) {
                Redactor with = active;
                if (with == null || text.isEmpty()) {
                    return text;
                }
                Redaction r = with.redact(text);
                if (!r.counts().isEmpty()) {
                    Map<String, Long> found = counts;
                    if (found == null) {
                        found = new TreeMap<>();
                        counts = found;
                    }
                    Map<String, Long> into = found;
                    r.counts().forEach((type, n) -> into.merge(String.valueOf(type), (long) n, Long::sum));
                }
                return r.text();
            }
        }
    }

    /** One output and its validation. Used by the committing thread only. */
    private static final class Output {
        private final OutputStream out;
        private final ValidationSession session;
        private long lines;
        private long bytes;

        Output(OutputStream out, ValidationSession session) {
            this.out = out;
            this.session = session;
        }
    }

    /** A line ready to be written. */
    private static final class Prepared {
        final @Nullable ExampleId id; // null for a line made from a rated interaction
        final byte[] bytes;
        final List<LineChecker.LineResult> checks;
        final boolean toValidation;
        final Map<String, Long> redactions;
        final int markedLines;
        final int markedLeaks;
        final int markedDuplicates;

        Prepared(
                @Nullable ExampleId id,
                byte[] bytes,
                List<LineChecker.LineResult> checks,
                boolean toValidation,
                Map<String, Long> redactions,
                Pairs marked,
                int markedLines) {
            this.id = id;
            this.bytes = bytes;
            this.checks = checks;
            this.toValidation = toValidation;
            this.redactions = redactions;
            this.markedLines = markedLines;
            this.markedLeaks = marked.leaks();
            this.markedDuplicates = marked.duplicates();
        }
    }

    /** An example's marked pairs to write, and how many were left out as leaks or duplicates. */
    private record Pairs(List<PreferencePair> pairs, int leaks, int duplicates) {
        static final Pairs NONE = new Pairs(List.of(), 0, 0);
    }

    /** Whether a format writes the tool-calling exchange (the steps and the prior turns' calls and results). */
    static boolean carriesToolCalls(ExportFormat f) {
        return f.isOpenAi() || f == ExportFormat.TRL_SFT || f == ExportFormat.GEMINI_SFT;
    }

    /** The names of the tools called, by call id, for the {@code name} of TRL's tool messages. */
    static Map<String, String> toolNames(List<ChatMessage> priorTurns, List<ChatMessage> steps) {
        Map<String, String> names = new HashMap<>();
        for (List<ChatMessage> list : List.of(priorTurns, steps)) {
            for (ChatMessage m : list) {
                for (ToolCall c : m.toolCalls()) {
                    names.putIfAbsent(c.id(), c.name());
                }
            }
        }
        return names;
    }

    /**
     * Whether the tools offered declare every function called in the prior turns and steps: Vertex AI's function
     * calling needs the declaration of each function a {@code functionCall} names.
     */
    static boolean declaresEveryCall(
            List<ToolDefinition> tools, List<ChatMessage> priorTurns, List<ChatMessage> steps) {
        Set<String> declared = new HashSet<>();
        for (ToolDefinition t : tools) {
            declared.add(t.name());
        }
        for (List<ChatMessage> list : List.of(priorTurns, steps)) {
            for (ChatMessage m : list) {
                for (ToolCall c : m.toolCalls()) {
                    if (!declared.contains(c.name())) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** Whether the steps or prior turns hold a tool call, a tool result or a tool turn. */
    static boolean hasToolExchange(List<ChatMessage> steps, List<ChatMessage> priorTurns) {
        if (!steps.isEmpty()) {
            return true;
        }
        for (ChatMessage m : priorTurns) {
            if (!m.toolCalls().isEmpty() || m.toolCallId() != null || m.role() == Role.TOOL) {
                return true;
            }
        }
        return false;
    }

    /** The delimited block appended to the user message when retrieved context is included. */
    static String contextBlock(List<RetrievedDocument> docs) {
        StringBuilder b = new StringBuilder("\n\n<context>");
        for (RetrievedDocument d : docs) {
            b.append("\n<document id=\"").append(attribute(d.id())).append('"');
            String source = d.source();
            if (source != null) {
                b.append(" source=\"").append(attribute(source)).append('"');
            }
            b.append(">\n").append(d.text()).append("\n</document>");
        }
        return b.append("\n</context>").toString();
    }

    private static String attribute(String s) {
        return s.replace("&", "&amp;")
                .replace("\"", "&quot;")
                .replace("<", "&lt;")
                .replace(">", "&gt;");
    }

    /** The example's validation bucket in [0, 10 000): SHA-256 of the salted id, first 8 bytes, unsigned, mod 10 000. */
    static long validationBucket(TrainingExample e) {
        return Sha256.bucket(VALIDATION_SALT + e.id().value(), 10_000);
    }
}
