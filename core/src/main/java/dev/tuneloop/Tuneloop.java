package dev.tuneloop;

import dev.tuneloop.curate.CurationOptions;
import dev.tuneloop.curate.Curator;
import dev.tuneloop.curate.PairMarker;
import dev.tuneloop.curate.PreferencePairStore;
import dev.tuneloop.curate.ReadinessChecklist;
import dev.tuneloop.curate.RetrainAdvisor;
import dev.tuneloop.curate.Taxonomy;
import dev.tuneloop.errors.Checks;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.export.ExampleImporter;
import dev.tuneloop.export.JsonlExporter;
import dev.tuneloop.metrics.FlywheelMetrics;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.record.Limits;
import dev.tuneloop.record.RecorderOptions;
import dev.tuneloop.route.AbRouter;
import dev.tuneloop.route.RoutingPlan;
import dev.tuneloop.store.Store;
import dev.tuneloop.tune.FineTuneClient;
import dev.tuneloop.tune.FineTuneLauncher;
import dev.tuneloop.tune.JobWatcher;
import dev.tuneloop.tune.ModelLifecycle;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The entry point: wires a {@link Store}, a clock and options, and hands out the parts of the loop.
 *
 * <pre>{@code
 * Tuneloop tuneloop = Tuneloop.builder().store(Store.inMemory()).build();
 * InteractionRecorder recorder = tuneloop.recorder();      // Phase 1: after each LLM call
 * Curator curator = tuneloop.curator();                     // Phase 2: weekly review
 * ReadinessReport ready = tuneloop.readiness().evaluate(tuneloop.store().examples());
 * JsonlExporter exporter = tuneloop.exporter();             // Phase 3: the training file
 * AbRouter router = tuneloop.router(plan);                  // Phase 5: base vs fine-tuned per user
 * }</pre>
 *
 * <p>Every part it hands out shares the store, the clock and the taxonomy given to the builder. Parts that are
 * stateless (curator, checklist, exporter) are made once; {@link #router(RoutingPlan)} makes a new router per call.
 *
 * <p>Thread-safe. {@link #close()} closes the recorder it made (draining its queue).
 */
public final class Tuneloop implements AutoCloseable {
    private final Store store;
    private final Clock clock;
    private final Limits limits;
    private final Taxonomy taxonomy;
    private final InteractionRecorder recorder;
    private final Curator curator;
    private final ReadinessChecklist readiness;
    private final JsonlExporter exporter;
    private final ExampleImporter importer;
    private final ModelLifecycle lifecycle;

    private Tuneloop(
            Store store,
            Clock clock,
            Limits limits,
            Taxonomy taxonomy,
            CurationOptions curation,
            RecorderOptions options,
            boolean synchronous,
            ModelLifecycle lifecycle) {
        this.store = store;
        this.clock = clock;
        this.limits = limits;
        this.taxonomy = taxonomy;
        this.curator = Curator.create(store.interactions(), store.examples(), curation);
        this.lifecycle = lifecycle;
        this.readiness = ReadinessChecklist.builder()
                .clock(clock)
                .taxonomy(taxonomy)
                .lifecycleWarnings(lifecycle.warnings(store.registry()))
                .build();
        this.exporter = markedPairsOf(store)
                .map(pairs -> JsonlExporter.create(store.examples(), store.interactions(), pairs))
                .orElseGet(() -> JsonlExporter.create(store.examples(), store.interactions()));
        this.importer = ExampleImporter.create(store.examples(), curation);
        this.recorder = synchronous
                ? InteractionRecorder.sync(store.interactions(), clock, limits)
                : InteractionRecorder.async(store.interactions(), options);
    }

    /**
     * A builder; {@link Builder#store(Store)} is required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The recorder (asynchronous unless {@link Builder#synchronousRecorder()} was asked for).
     *
     * @return the recorder this instance made; closed by {@link #close()}
     */
    public InteractionRecorder recorder() {
        return recorder;
    }

    /**
     * A builder for interactions with this instance's clock and limits.
     *
     * @return a new interaction builder
     */
    public Interaction.Builder interaction() {
        return Interaction.builder().clock(clock).limits(limits);
    }

    /**
     * The store every part reads and writes.
     *
     * @return the store given to the builder
     */
    public Store store() {
        return store;
    }

    /**
     * The clock every time-dependent rule reads.
     *
     * @return the clock given to the builder (or taken from the curation options), system UTC by default
     */
    public Clock clock() {
        return clock;
    }

    /**
     * The categories curation and the readiness checklist accept.
     *
     * @return the taxonomy given to the builder (or taken from the curation options), {@link Taxonomy#OPEN} by default
     */
    public Taxonomy taxonomy() {
        return taxonomy;
    }

    /**
     * The curator (Phase 2): candidates, approve, reject, re-review.
     *
     * @return the curator over this instance's store
     */
    public Curator curator() {
        return curator;
    }

    /**
     * Marks preference pairs by hand on approved examples ({@link PairMarker}), with this instance's clock.
     *
     * @return a marker over this instance's store
     * @throws UnsupportedOperationException when the store keeps no marked pairs ({@link Store#preferencePairs()})
     */
    public PairMarker pairMarker() {
        return PairMarker.create(store.interactions(), store.examples(), store.preferencePairs(), clock);
    }

    /** The store's marked pairs; empty for a store written before they existed. */
    private static Optional<PreferencePairStore> markedPairsOf(Store store) {
        try {
            return Optional.of(store.preferencePairs());
        } catch (UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /**
     * The pre-training checklist with this instance's clock and taxonomy and the default thresholds, including the
     * {@code MODEL_LIFECYCLE} item (warns when the deployed model version or its base retires within 60 days, by
     * {@link #lifecycle()}).
     *
     * @return the checklist
     */
    public ReadinessChecklist readiness() {
        return readiness;
    }

    /**
     * A retrain advisor over this instance's example store with its clock, whose advice includes the lifecycle
     * calendar's warnings about the deployed model version.
     *
     * @return a new advisor with the default thresholds
     */
    public RetrainAdvisor retrainAdvisor() {
        return RetrainAdvisor.builder(store.examples())
                .clock(clock)
                .lifecycleWarnings(lifecycle.warnings(store.registry()))
                .build();
    }

    /**
     * The model lifecycle calendar the checklist and the retrain advisor warn from; give it to
     * {@link FineTuneLauncher.Builder#lifecycle} too.
     *
     * @return the calendar given to the builder, {@link ModelLifecycle#defaults()} by default
     */
    public ModelLifecycle lifecycle() {
        return lifecycle;
    }

    /**
     * The JSONL exporter over this instance's example store (Phase 3); it also reads the interaction store, so a
     * {@code TRL_KTO} or {@code CHAT_KTO} export can add rated, never-reviewed interactions
     * ({@link dev.tuneloop.export.ExportOptions.Builder#includeRatedInteractions(boolean)}), and the store's marked
     * pairs, so a preference export can add them
     * ({@link dev.tuneloop.export.ExportOptions.Builder#includeMarkedPairs(boolean)}; not with a store that keeps no
     * marked pairs).
     *
     * @return the exporter
     */
    public JsonlExporter exporter() {
        return exporter;
    }

    /**
     * The importer of golden examples (CSV or supervised JSONL) into this instance's example store, with the curation's
     * taxonomy, holdout settings, redactor and clock.
     *
     * @return the importer
     */
    public ExampleImporter importer() {
        return importer;
    }

    /**
     * A new watcher of fine-tuning jobs on {@code client} that keeps job state in this instance's store and polls on
     * its own daemon thread; close it when done. For other settings use {@link JobWatcher#builder}.
     *
     * @param client the provider to poll
     * @return a new watcher
     */
    public JobWatcher watcher(FineTuneClient client) {
        return JobWatcher.builder(client, store.jobs(), store.registry())
                .clock(clock)
                .build();
    }

    /**
     * A new router for {@code plan}; swap plans later with {@link AbRouter#update(RoutingPlan)}.
     *
     * @param plan the arms and their weights
     * @return a new router
     */
    public AbRouter router(RoutingPlan plan) {
        return AbRouter.builder(plan).clock(clock).build();
    }

    /**
     * The seed's key metrics over this instance's store.
     *
     * @return a metrics view; each call of its methods reads the store anew
     */
    public FlywheelMetrics flywheelMetrics() {
        return FlywheelMetrics.builder(store.interactions(), store.examples())
                .clock(clock)
                .registry(store.registry())
                .build();
    }

    /**
     * Closes the recorder this instance made: the asynchronous one writes what it has queued within its close timeout.
     * The store is the host's and stays open. Idempotent.
     */
    @Override
    public void close() {
        recorder.close();
    }

    /**
     * Builds a {@link Tuneloop}. A store is required. The clock and the taxonomy can be given here or inside
     * {@link CurationOptions} (and the clock inside {@link RecorderOptions}); given in two places, they must agree, so
     * that every part of the loop reads one clock and one taxonomy. Setters throw {@link NullPointerException} for a
     * null argument. Not thread-safe.
     */
    public static final class Builder {
        private @Nullable Store store;
        private @Nullable Clock clock;
        private Limits limits = Limits.DEFAULT;
        private boolean limitsSet;
        private @Nullable RecorderOptions recorderOptions;
        private boolean synchronous;
        private @Nullable Taxonomy taxonomy;
        private @Nullable CurationOptions curationOptions;
        private ModelLifecycle lifecycle = ModelLifecycle.defaults();

        private Builder() {}

        /**
         * The model lifecycle calendar the readiness checklist and the retrain advisor warn from (default
         * {@link ModelLifecycle#defaults()}).
         *
         * @param lifecycle the calendar, e.g. {@code ModelLifecycle.defaults().with(row)}
         * @return this builder
         */
        public Builder lifecycle(ModelLifecycle lifecycle) {
            this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
            return this;
        }

        /**
         * Where everything is kept: {@link Store#inMemory()} in tests, {@code JdbcStore} in production.
         *
         * @param store the store
         * @return this builder
         */
        public Builder store(Store store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * The categories curation and the readiness checklist accept (default {@link Taxonomy#OPEN}, any category;
         * {@link Taxonomy#SEED} for the seed's eight).
         *
         * @param taxonomy the taxonomy
         * @return this builder
         */
        public Builder taxonomy(Taxonomy taxonomy) {
            this.taxonomy = Objects.requireNonNull(taxonomy, "taxonomy");
            return this;
        }

        /**
         * Full curation options (holdout settings, record-time redaction, and possibly clock and taxonomy, which must
         * then agree with {@link #clock} and {@link #taxonomy} when those are set too).
         *
         * @param options the curation options
         * @return this builder
         */
        public Builder curationOptions(CurationOptions options) {
            this.curationOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * The clock every time-dependent rule reads (default: system UTC).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Size limits for interactions built through {@link Tuneloop#interaction()}, and for the edits and follow-up
         * messages its recorder accepts (given {@link #recorderOptions} too, their limits must be the same).
         *
         * @param limits the limits
         * @return this builder
         */
        public Builder limits(Limits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            this.limitsSet = true;
            return this;
        }

        /**
         * Options of the asynchronous recorder (default {@link RecorderOptions#defaults()} with this builder's clock
         * and {@link #limits}); a clock or limits set both here and on this builder must agree. Not allowed with
         * {@link #synchronousRecorder()}, which has no queue to configure.
         *
         * @param options the recorder options
         * @return this builder
         */
        public Builder recorderOptions(RecorderOptions options) {
            this.recorderOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Use a write-through recorder instead of the asynchronous one.
         *
         * @return this builder
         */
        public Builder synchronousRecorder() {
            this.synchronous = true;
            return this;
        }

        /**
         * Builds the instance.
         *
         * @return a new instance
         * @throws ValidationException when no store was given, or the clock or the taxonomy was given in two places
         *     with different values; every problem is listed
         */
        public Tuneloop build() {
            Checks checks = Checks.start().require(store != null, "store is required, but was not set");
            Clock effectiveClock = clock;
            Taxonomy effectiveTaxonomy = taxonomy;
            if (curationOptions != null) {
                checks.require(
                        clock == null || clock.equals(curationOptions.clock()),
                        "clock is set twice with different values: Tuneloop.Builder.clock(" + clock
                                + ") and CurationOptions.clock(" + curationOptions.clock() + "); set it in one place");
                checks.require(
                        taxonomy == null || taxonomy.equals(curationOptions.taxonomy()),
                        "taxonomy is set twice with different values: Tuneloop.Builder.taxonomy("
                                + describe(taxonomy) + ") and CurationOptions.taxonomy("
                                + describe(curationOptions.taxonomy()) + "); set it in one place");
                effectiveClock = curationOptions.clock();
                effectiveTaxonomy = curationOptions.taxonomy();
            }
            if (recorderOptions != null) {
                checks.require(
                        effectiveClock == null || effectiveClock.equals(recorderOptions.clock()),
                        "clock is set twice with different values: "
                                + (curationOptions != null ? "CurationOptions.clock(" : "Tuneloop.Builder.clock(")
                                + effectiveClock + ") and RecorderOptions.clock(" + recorderOptions.clock()
                                + "); set it in one place");
                if (effectiveClock == null) {
                    effectiveClock = recorderOptions.clock();
                }
                checks.require(
                        !limitsSet || limits.equals(recorderOptions.limits()),
                        "limits are set twice with different values: Tuneloop.Builder.limits(" + limits
                                + ") and RecorderOptions.limits(" + recorderOptions.limits()
                                + "); set them in one place");
                checks.require(
                        !synchronous,
                        "recorderOptions configure the asynchronous recorder, but synchronousRecorder() was asked for;"
                                + " use one or the other");
            }
            checks.orThrow();
            // orThrow() has thrown if the store is missing; requireNonNull only says so to NullAway
            Store s = Objects.requireNonNull(store);
            Clock c = effectiveClock != null ? effectiveClock : Clock.systemUTC();
            Taxonomy t = effectiveTaxonomy != null ? effectiveTaxonomy : Taxonomy.OPEN;
            CurationOptions curation = curationOptions != null
                    ? curationOptions
                    : CurationOptions.builder().clock(c).taxonomy(t).build();
            RecorderOptions options = recorderOptions != null
                    ? recorderOptions
                    : RecorderOptions.builder().clock(c).limits(limits).build();
            // one limit for interactions and feedback: the builder's, or the recorder options' when only they set it
            Limits l = limitsSet || recorderOptions == null ? limits : recorderOptions.limits();
            return new Tuneloop(s, c, l, t, curation, options, synchronous, lifecycle);
        }

        /** A taxonomy as a message shows it: {@code open}, or its categories' names. */
        private static String describe(@Nullable Taxonomy t) {
            if (t == null) {
                return "null";
            }
            return t.isOpen() ? "open" : t.categories().toString();
        }
    }
}
