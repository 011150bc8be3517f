package dev.tuneloop.micrometer;

import dev.tuneloop.metrics.FlywheelMetric;
import dev.tuneloop.metrics.FlywheelMetrics;
import dev.tuneloop.metrics.FlywheelReport;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.record.RecorderStats;
import dev.tuneloop.route.AbRouter;
import dev.tuneloop.route.Arm;
import dev.tuneloop.route.Assignment;
import dev.tuneloop.route.RouterStats;
import dev.tuneloop.tune.FineTuneJob;
import dev.tuneloop.tune.JobStatus;
import dev.tuneloop.tune.JobStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link MeterBinder} for Tuneloop's parts: each part given to the builder gets its meters, the others none.
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>from</th></tr>
 *   <tr><td>{@code tuneloop.recorder.enqueued}, {@code .persisted}, {@code .dropped}, {@code .rejected},
 *       {@code .retries}, {@code .batches.failed}</td><td>function counter</td><td></td><td>{@link RecorderStats}</td></tr>
 *   <tr><td>{@code tuneloop.recorder.rejected.rule}</td><td>function counter</td><td>{@code rule} (the field and the
 *       rule, never the value; one counter per rule seen, added when {@code tuneloop.recorder.rejected} is read)</td>
 *       <td>{@link RecorderStats#rejectedByRule()}</td></tr>
 *   <tr><td>{@code tuneloop.recorder.queue.depth}</td><td>gauge</td><td></td><td>{@link RecorderStats}</td></tr>
 *   <tr><td>{@code tuneloop.router.exposures}</td><td>function counter</td><td>{@code arm}</td>
 *       <td>{@link ArmExposures}</td></tr>
 *   <tr><td>{@code tuneloop.router.exposures.sampled}, {@code .delivered}, {@code .dropped}, {@code .failed}</td>
 *       <td>function counter</td><td></td><td>{@link RouterStats}</td></tr>
 *   <tr><td>{@code tuneloop.router.queue.depth}</td><td>gauge</td><td></td><td>{@link RouterStats}</td></tr>
 *   <tr><td>{@code tuneloop.finetune.jobs.active}</td><td>gauge</td><td>{@code status}</td>
 *       <td>{@link JobStore#active()}</td></tr>
 *   <tr><td>{@code tuneloop.flywheel.training.examples}, {@code .curation.rate}, {@code .feedback.coverage},
 *       {@code .eval.accuracy}</td><td>gauge</td><td></td><td>{@link FlywheelMetrics}</td></tr>
 *   <tr><td>{@code tuneloop.flywheel.since.training}</td><td>time gauge (seconds)</td><td></td>
 *       <td>{@link FlywheelMetrics}</td></tr>
 * </table>
 *
 * <p>Counters read the parts' own counters when the registry asks (nothing is counted twice). Meters that read the
 * store (jobs, flywheel) share one snapshot that is refreshed at most once per {@link Builder#refreshInterval}, so a
 * scrape costs the store one query per interval at most; a failed read keeps the last values and is logged at debug
 * level. A value never measured is {@code NaN}. Rates are ratios in [0, 1]; the time since the last training is in
 * the registry's base time unit.
 *
 * <p>Per-arm exposure counters exist for every arm of the router's plan at bind time and for every arm seen later.
 */
public final class TuneloopMetrics implements MeterBinder {
    private static final Logger LOG = LoggerFactory.getLogger(TuneloopMetrics.class);

    /** How long the store-reading meters reuse one snapshot by default. */
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(30);

    private final @Nullable InteractionRecorder recorder;
    private final @Nullable AbRouter router;
    private final @Nullable ArmExposures exposures;
    private final @Nullable Snapshot<Map<JobStatus, Integer>> jobs;
    private final @Nullable Snapshot<FlywheelReport> flywheel;
    private final Tags tags;

    private TuneloopMetrics(Builder b) {
        this.recorder = b.recorder;
        this.router = b.router;
        this.exposures = b.exposures;
        JobStore store = b.jobs;
        this.jobs = store == null ? null : new Snapshot<>(() -> countByStatus(store.active()), b.refreshInterval);
        FlywheelMetrics metrics = b.flywheel;
        this.flywheel = metrics == null ? null : new Snapshot<>(metrics::measure, b.refreshInterval);
        this.tags = b.tags;
    }

    /**
     * A builder; give it the parts to measure.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        if (recorder != null) {
            bindRecorder(registry, recorder);
        }
        if (router != null) {
            bindRouter(registry, router);
        }
        if (exposures != null) {
            ArmExposures counted = exposures;
            if (router != null) {
                for (Arm arm : router.plan().arms()) {
                    armCounter(registry, counted, arm.name());
                }
            }
            armCounter(registry, counted, Assignment.KILL_SWITCH_ARM);
            counted.onNewArm(arm -> armCounter(registry, counted, arm));
        }
        if (jobs != null) {
            Snapshot<Map<JobStatus, Integer>> s = jobs;
            for (JobStatus status : JobStatus.values()) {
                if (status.isTerminal()) {
                    continue;
                }
                Gauge.builder("tuneloop.finetune.jobs.active", s, x -> {
                            Map<JobStatus, Integer> counts = x.get();
                            return counts == null ? Double.NaN : counts.getOrDefault(status, 0);
                        })
                        .description("Fine-tuning jobs not finished yet, by status")
                        .baseUnit("jobs")
                        .tags(tags)
                        .tag("status", status.wire())
                        .register(registry);
            }
        }
        if (flywheel != null) {
            bindFlywheel(registry, flywheel);
        }
    }

    private void bindRecorder(MeterRegistry registry, InteractionRecorder r) {
        counter(
                registry,
                "tuneloop.recorder.enqueued",
                "Items (interactions, feedback) accepted by the recorder",
                r,
                x -> x.stats().enqueued());
        counter(
                registry,
                "tuneloop.recorder.persisted",
                "Items the store acknowledged",
                r,
                x -> x.stats().persisted());
        counter(
                registry,
                "tuneloop.recorder.dropped",
                "Items lost: queue full, recorder closed, or unwritten at close",
                r,
                x -> x.stats().dropped());
        RejectionRules rules = new RejectionRules(registry, r);
        counter(registry, "tuneloop.recorder.rejected", "Items refused as invalid (never retried)", r, x -> {
            RecorderStats stats = x.stats();
            rules.registerNew(stats.rejectedByRule().keySet());
            return stats.rejected();
        });
        rules.registerNew(r.stats().rejectedByRule().keySet());
        counter(
                registry,
                "tuneloop.recorder.retries",
                "Retry attempts of failed store writes",
                r,
                x -> x.stats().retries());
        FunctionCounter.builder(
                        "tuneloop.recorder.batches.failed", r, x -> x.stats().failedBatches())
                .description("Store writes that failed (each retried)")
                .baseUnit("batches")
                .tags(tags)
                .register(registry);
        Gauge.builder("tuneloop.recorder.queue.depth", r, x -> x.stats().queueDepth())
                .description("Items waiting to be written")
                .baseUnit("items")
                .tags(tags)
                .register(registry);
    }

    /**
     * The per-rule rejection counters: one {@code tuneloop.recorder.rejected.rule} counter per rule the recorder has
     * counted, added when {@code tuneloop.recorder.rejected} is read (each scrape) or at bind time. Rules name a field
     * and a rule, never a value, and come from a fixed set, so the tag's cardinality stays small.
     */
    private final class RejectionRules {
        private final MeterRegistry registry;
        private final InteractionRecorder recorder;
        private final Set<String> registered = ConcurrentHashMap.newKeySet();

        RejectionRules(MeterRegistry registry, InteractionRecorder recorder) {
            this.registry = registry;
            this.recorder = recorder;
        }

        void registerNew(Set<String> rules) {
            for (String rule : rules) {
                if (registered.add(rule)) {
                    FunctionCounter.builder(
                                    "tuneloop.recorder.rejected.rule",
                                    recorder,
                                    x -> x.stats().rejectedByRule().getOrDefault(rule, 0L))
                            .description("Items refused as invalid, by the rule they broke (an item breaking several"
                                    + " rules counts under each)")
                            .baseUnit("items")
                            .tags(tags)
                            .tag("rule", rule)
                            .register(registry);
                }
            }
        }
    }

    private void counter(
            MeterRegistry registry,
            String name,
            String description,
            InteractionRecorder r,
            ToDoubleFunction<InteractionRecorder> f) {
        FunctionCounter.builder(name, r, f)
                .description(description)
                .baseUnit("items")
                .tags(tags)
                .register(registry);
    }

    private void bindRouter(MeterRegistry registry, AbRouter r) {
        routerCounter(
                registry,
                "sampled",
                "Assignments picked by the exposure sample rate",
                r,
                x -> x.stats().exposuresSampled());
        routerCounter(
                registry,
                "delivered",
                "Exposures the listener handled",
                r,
                x -> x.stats().exposuresDelivered());
        routerCounter(
                registry,
                "dropped",
                "Exposures dropped: delivery queue full or router closed",
                r,
                x -> x.stats().exposuresDropped());
        routerCounter(
                registry,
                "failed",
                "Exposures whose listener threw",
                r,
                x -> x.stats().exposuresFailed());
        Gauge.builder("tuneloop.router.queue.depth", r, x -> x.stats().queueDepth())
                .description("Exposures waiting for delivery")
                .baseUnit("exposures")
                .tags(tags)
                .register(registry);
    }

    private void routerCounter(
            MeterRegistry registry, String what, String description, AbRouter r, ToDoubleFunction<AbRouter> f) {
        FunctionCounter.builder("tuneloop.router.exposures." + what, r, f)
                .description(description)
                .baseUnit("exposures")
                .tags(tags)
                .register(registry);
    }

    private void armCounter(MeterRegistry registry, ArmExposures counted, String arm) {
        FunctionCounter.builder("tuneloop.router.exposures", counted, x -> x.count(arm))
                .description("Sampled exposures per arm")
                .baseUnit("exposures")
                .tags(tags)
                .tag("arm", arm)
                .register(registry);
    }

    private void bindFlywheel(MeterRegistry registry, Snapshot<FlywheelReport> s) {
        flywheelGauge(
                registry,
                s,
                "tuneloop.flywheel.training.examples",
                FlywheelMetric.Kind.TRAINING_EXAMPLES,
                "examples",
                "Approved training examples");
        flywheelGauge(
                registry,
                s,
                "tuneloop.flywheel.curation.rate",
                FlywheelMetric.Kind.CURATION_RATE,
                null,
                "Share of the window's interactions promoted to examples (target 0.10-0.20)");
        flywheelGauge(
                registry,
                s,
                "tuneloop.flywheel.feedback.coverage",
                FlywheelMetric.Kind.FEEDBACK_COVERAGE,
                null,
                "Share of the window's interactions with feedback (target above 0.30)");
        flywheelGauge(
                registry,
                s,
                "tuneloop.flywheel.eval.accuracy",
                FlywheelMetric.Kind.EVAL_ACCURACY,
                null,
                "The deployed model's accuracy on the evaluation set (target above 0.85)");
        TimeGauge.builder(
                        "tuneloop.flywheel.since.training",
                        s,
                        TimeUnit.DAYS,
                        x -> value(x, FlywheelMetric.Kind.DAYS_SINCE_TRAINING))
                .description("Time since the last training started (target at most 31 days)")
                .tags(tags)
                .register(registry);
    }

    private void flywheelGauge(
            MeterRegistry registry,
            Snapshot<FlywheelReport> s,
            String name,
            FlywheelMetric.Kind kind,
            @Nullable String unit,
            String description) {
        Gauge.Builder<Snapshot<FlywheelReport>> g = Gauge.builder(name, s, x -> value(x, kind))
                .description(description)
                .tags(tags);
        if (unit != null) {
            g.baseUnit(unit);
        }
        g.register(registry);
    }

    private static double value(Snapshot<FlywheelReport> s, FlywheelMetric.Kind kind) {
        FlywheelReport report = s.get();
        return report == null ? Double.NaN : report.get(kind).value();
    }

    private static Map<JobStatus, Integer> countByStatus(List<FineTuneJob> active) {
        Map<JobStatus, Integer> counts = new EnumMap<>(JobStatus.class);
        for (FineTuneJob job : active) {
            counts.merge(job.status(), 1, Integer::sum);
        }
        return counts;
    }

    @Override
    public String toString() {
        return "TuneloopMetrics[recorder=" + (recorder != null) + ", router=" + (router != null) + ", exposures="
                + (exposures != null) + ", jobs=" + (jobs != null) + ", flywheel=" + (flywheel != null) + "]";
    }

    /** A value read from a store at most once per interval; the last good one is kept when a read fails. */
    static final class Snapshot<T> {
        private final Supplier<T> read;
        private final long intervalNanos;
        private @Nullable T value;
        private long readAt;
        private boolean read0;

        Snapshot(Supplier<T> read, Duration interval) {
            this.read = read;
            this.intervalNanos = interval.toNanos();
        }

        synchronized @Nullable T get() {
            long now = System.nanoTime();
            if (!read0 || now - readAt >= intervalNanos) {
                read0 = true;
                readAt = now;
                try {
                    value = read.get();
                } catch (RuntimeException e) {
                    LOG.debug(
                            "tuneloop metrics: reading the store failed ({}); keeping the last values",
                            e.getClass().getName());
                }
            }
            return value;
        }
    }

    /** The parts to measure. Not thread-safe; build once. */
    public static final class Builder {
        private @Nullable InteractionRecorder recorder;
        private @Nullable AbRouter router;
        private @Nullable ArmExposures exposures;
        private @Nullable JobStore jobs;
        private @Nullable FlywheelMetrics flywheel;
        private Duration refreshInterval = DEFAULT_REFRESH_INTERVAL;
        private Tags tags = Tags.empty();

        private Builder() {}

        /**
         * Measures the recorder's counters and queue depth.
         *
         * @param recorder the recorder
         * @return this builder
         */
        public Builder recorder(InteractionRecorder recorder) {
            this.recorder = Objects.requireNonNull(recorder, "recorder");
            return this;
        }

        /**
         * Measures the router's exposure delivery counters and queue depth.
         *
         * @param router the router
         * @return this builder
         */
        public Builder router(AbRouter router) {
            this.router = Objects.requireNonNull(router, "router");
            return this;
        }

        /**
         * Counts exposures per arm: the listener the router was built with (see {@link ArmExposures}).
         *
         * @param exposures the per-arm counter
         * @return this builder
         */
        public Builder exposures(ArmExposures exposures) {
            this.exposures = Objects.requireNonNull(exposures, "exposures");
            return this;
        }

        /**
         * Measures the fine-tuning jobs not finished yet, by status.
         *
         * @param jobs the job store
         * @return this builder
         */
        public Builder jobs(JobStore jobs) {
            this.jobs = Objects.requireNonNull(jobs, "jobs");
            return this;
        }

        /**
         * Measures the seed's key metrics.
         *
         * @param flywheel the metrics view
         * @return this builder
         */
        public Builder flywheel(FlywheelMetrics flywheel) {
            this.flywheel = Objects.requireNonNull(flywheel, "flywheel");
            return this;
        }

        /**
         * How long the store-reading meters reuse one snapshot (default {@link #DEFAULT_REFRESH_INTERVAL}).
         *
         * @param interval at least 1 ms
         * @return this builder
         * @throws IllegalArgumentException when {@code interval} is shorter than 1 ms
         */
        public Builder refreshInterval(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.toMillis() < 1) {
                throw new IllegalArgumentException("refreshInterval must be at least 1 ms, but was " + interval);
            }
            this.refreshInterval = interval;
            return this;
        }

        /**
         * Tags added to every meter.
         *
         * @param tags the tags
         * @return this builder
         */
        public Builder tags(Iterable<Tag> tags) {
            this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
            return this;
        }

        /**
         * Builds the binder.
         *
         * @return the binder; bind it to one or more registries
         */
        public TuneloopMetrics build() {
            return new TuneloopMetrics(this);
        }
    }
}
