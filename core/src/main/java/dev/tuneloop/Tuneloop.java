package dev.tuneloop;

import dev.tuneloop.curate.CurationOptions;
import dev.tuneloop.curate.Curator;
import dev.tuneloop.curate.ReadinessChecklist;
import dev.tuneloop.curate.Taxonomy;
import dev.tuneloop.export.JsonlExporter;
import dev.tuneloop.internal.Checks;
import dev.tuneloop.metrics.FlywheelMetrics;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.record.Limits;
import dev.tuneloop.record.RecorderOptions;
import dev.tuneloop.route.AbRouter;
import dev.tuneloop.route.RoutingPlan;
import dev.tuneloop.store.ExampleStore;
import dev.tuneloop.store.InteractionStore;
import dev.tuneloop.store.ModelRegistry;
import java.time.Clock;
import java.util.Objects;

/**
 * The entry point: wires a store, a clock and options, and hands out the parts of the loop.
 *
 * <pre>{@code
 * Tuneloop tuneloop = Tuneloop.builder().store(InteractionStore.inMemory()).build();
 * InteractionRecorder recorder = tuneloop.recorder();      // Phase 1: after each LLM call
 * Curator curator = tuneloop.curator();                     // Phase 2: weekly review
 * ReadinessReport ready = tuneloop.readiness().evaluate(tuneloop.exampleStore());
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
    private final InteractionStore interactions;
    private final ExampleStore examples;
    private final Clock clock;
    private final Limits limits;
    private final InteractionRecorder recorder;
    private final ModelRegistry registry;
    private final Taxonomy taxonomy;
    private final Curator curator;
    private final ReadinessChecklist readiness;
    private final JsonlExporter exporter;

    private Tuneloop(Builder b) {
        this.interactions = b.interactions;
        this.examples = b.examples;
        this.clock = b.clock;
        this.limits = b.limits;
        this.registry = b.registry != null ? b.registry : ModelRegistry.inMemory();
        this.taxonomy = b.taxonomy;
        CurationOptions curation = b.curationOptions != null
                ? b.curationOptions
                : CurationOptions.builder().clock(clock).taxonomy(taxonomy).build();
        this.curator = Curator.create(interactions, examples, curation);
        this.readiness =
                ReadinessChecklist.builder().clock(clock).taxonomy(taxonomy).build();
        this.exporter = JsonlExporter.create(examples);
        RecorderOptions options = b.recorderOptions != null
                ? b.recorderOptions
                : RecorderOptions.builder().clock(clock).limits(limits).build();
        this.recorder = b.synchronous
                ? InteractionRecorder.sync(interactions, clock, limits)
                : InteractionRecorder.async(interactions, options);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The recorder (asynchronous unless {@link Builder#synchronousRecorder()} was asked for). */
    public InteractionRecorder recorder() {
        return recorder;
    }

    /** A builder for interactions with this instance's clock and limits. */
    public Interaction.Builder interaction() {
        return Interaction.builder().clock(clock).limits(limits);
    }

    public InteractionStore interactionStore() {
        return interactions;
    }

    public ExampleStore exampleStore() {
        return examples;
    }

    public Clock clock() {
        return clock;
    }

    /** The model registry: the builder's, the store itself when it is one, else an in-memory registry. */
    public ModelRegistry registry() {
        return registry;
    }

    /** The curator (Phase 2): candidates, approve, reject, re-review. */
    public Curator curator() {
        return curator;
    }

    /** The pre-training checklist with this instance's clock and taxonomy and the default thresholds. */
    public ReadinessChecklist readiness() {
        return readiness;
    }

    /** The JSONL exporter over this instance's example store (Phase 3). */
    public JsonlExporter exporter() {
        return exporter;
    }

    /** A new router for {@code plan}; swap plans later with {@link AbRouter#update(RoutingPlan)}. */
    public AbRouter router(RoutingPlan plan) {
        return AbRouter.builder(plan).clock(clock).build();
    }

    /** The seed's key metrics over this instance's stores and registry. */
    public FlywheelMetrics flywheelMetrics() {
        return FlywheelMetrics.builder(interactions, examples)
                .clock(clock)
                .registry(registry)
                .build();
    }

    /** Closes the recorder, writing what it has queued within its close timeout. */
    @Override
    public void close() {
        recorder.close();
    }

    /** Builds a {@link Tuneloop}. A store is required. */
    public static final class Builder {
        private InteractionStore interactions;
        private ExampleStore examples;
        private Clock clock = Clock.systemUTC();
        private Limits limits = Limits.DEFAULT;
        private RecorderOptions recorderOptions;
        private boolean synchronous;
        private ModelRegistry registry;
        private Taxonomy taxonomy = Taxonomy.OPEN;
        private CurationOptions curationOptions;

        private Builder() {}

        /** One store that keeps both interactions and examples (the in-memory store, the JDBC store). */
        public <S extends InteractionStore & ExampleStore> Builder store(S store) {
            Objects.requireNonNull(store, "store");
            this.interactions = store;
            this.examples = store;
            if (store instanceof ModelRegistry r && registry == null) {
                this.registry = r;
            }
            return this;
        }

        /** Where jobs and model versions are kept (default: the store when it is a registry, else in memory). */
        public Builder registry(ModelRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** The categories curation accepts (default {@link Taxonomy#OPEN}; {@link Taxonomy#SEED} for the seed's eight). */
        public Builder taxonomy(Taxonomy taxonomy) {
            this.taxonomy = Objects.requireNonNull(taxonomy, "taxonomy");
            return this;
        }

        /** Full curation options (clock, taxonomy, holdout settings, record-time redaction); overrides {@link #taxonomy}. */
        public Builder curationOptions(CurationOptions options) {
            this.curationOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /** The clock every time-dependent rule reads (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Size limits for interactions built through {@link Tuneloop#interaction()}, and for the edits and follow-up
         * messages its recorder accepts (unless {@link #recorderOptions} are given: they carry their own).
         */
        public Builder limits(Limits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * Options of the asynchronous recorder (default {@link RecorderOptions#defaults()} with this clock and
         * {@link #limits}); options given here are used as they are, including their clock and limits.
         */
        public Builder recorderOptions(RecorderOptions options) {
            this.recorderOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /** Use a write-through recorder instead of the asynchronous one. */
        public Builder synchronousRecorder() {
            this.synchronous = true;
            return this;
        }

        /** @throws ValidationException when no store was given */
        public Tuneloop build() {
            Checks.start()
                    .require(interactions != null, "store is required, but was not set")
                    .orThrow();
            return new Tuneloop(this);
        }
    }
}
