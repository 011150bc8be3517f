package dev.tuneloop.tune;

import dev.tuneloop.errors.RetriableException;
import dev.tuneloop.errors.TuneloopException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link JobWatcher} that polls each job on its own chain of scheduled tasks (one poll per job at a time). */
final class PollingJobWatcher implements JobWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(PollingJobWatcher.class);

    private final FineTuneClient client;
    private final JobStore jobs;
    private final ModelRegistry registry;
    private final PollScheduler scheduler;
    private final Clock clock;
    private final Duration stallAfter;
    /** The executor the watcher made for itself and shuts down on close; null when the builder gave a scheduler. */
    private final @Nullable ScheduledExecutorService ownExecutor;

    private final JobListener listener;
    private final Duration initialInterval;
    private final Duration maxInterval;
    private final double multiplier;
    private final Map<String, Watch> watches = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** One job's polling state; only its own poll chain touches it after {@link #start}. */
    private static final class Watch {
        final String jobId;
        Duration interval;
        final Set<String> seenEvents = new HashSet<>();
        Instant statusSince;
        boolean stallReported;

        Watch(String jobId, Duration interval, Instant statusSince) {
            this.jobId = jobId;
            this.interval = interval;
            this.statusSince = statusSince;
        }
    }

    PollingJobWatcher(JobWatcher.Builder b) {
        this.client = b.client;
        this.clock = b.clock;
        this.stallAfter = b.stallAfter;
        this.jobs = b.jobs;
        this.registry = b.registry;
        this.listener = b.listener;
        this.initialInterval = b.initialInterval;
        this.maxInterval = b.maxInterval;
        this.multiplier = b.multiplier;
        PollScheduler given = b.scheduler;
        if (given == null) {
            ScheduledExecutorService own = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "tuneloop-job-watcher");
                t.setDaemon(true);
                return t;
            });
            this.ownExecutor = own;
            this.scheduler = PollScheduler.on(own);
        } else {
            this.ownExecutor = null;
            this.scheduler = given;
        }
    }

    @Override
    public void watch(FineTuneJob job) {
        Objects.requireNonNull(job, "job");
        if (closed) {
            throw new IllegalStateException("the job watcher is closed; cannot watch job " + job.id());
        }
        if (jobs.find(job.id()).isEmpty()) {
            jobs.save(job);
        }
        if (!job.isTerminal()) {
            start(job.id());
        }
    }

    @Override
    public List<String> resumeAll() {
        if (closed) {
            throw new IllegalStateException("the job watcher is closed; cannot resume jobs");
        }
        List<String> started = new ArrayList<>();
        for (FineTuneJob job : jobs.active()) {
            if (start(job.id())) {
                started.add(job.id());
            }
        }
        return started;
    }

    private boolean start(String jobId) {
        Watch w = new Watch(jobId, initialInterval, clock.instant());
        if (watches.putIfAbsent(jobId, w) != null) {
            return false;
        }
        LOG.debug("watching job {}", jobId);
        scheduler.schedule(w.interval, () -> poll(w));
        return true;
    }

    @Override
    public Set<String> watching() {
        return Set.copyOf(watches.keySet());
    }

    private void poll(Watch w) {
        if (closed || watches.get(w.jobId) != w) {
            return;
        }
        try {
            @Nullable FineTuneJob before = jobs.find(w.jobId).orElse(null);
            FineTuneJob now = client.get(w.jobId);
            if (!now.equals(before)) {
                jobs.save(now);
            }
            boolean changed = before == null || !before.rawStatus().equals(now.rawStatus());
            if (changed) {
                @Nullable JobStatus previous = before == null ? null : before.status();
                safely(() -> listener.onStatusChange(now, previous));
            }
            for (JobEvent event : client.events(w.jobId)) {
                if (w.seenEvents.add(event.id())) {
                    safely(() -> listener.onEvent(now, event));
                }
            }
            if (now.isTerminal()) {
                finish(w, now);
                return;
            }
            if (changed) {
                w.statusSince = clock.instant();
                w.stallReported = false;
            } else if (!w.stallReported
                    && Duration.between(w.statusSince, clock.instant()).compareTo(stallAfter) >= 0) {
                w.stallReported = true;
                Instant since = w.statusSince;
                LOG.warn("{} since {}", now.describe(), since);
                safely(() -> listener.onStalled(now, since));
            }
            w.interval = changed ? initialInterval : grown(w.interval);
        } catch (RetriableException e) {
            LOG.info("polling job {} failed and will be retried: {}", w.jobId, e.getMessage());
            safely(() -> listener.onPollFailed(w.jobId, e, true));
            w.interval = grown(w.interval);
        } catch (TuneloopException e) {
            LOG.warn("stopped watching job {}: {}", w.jobId, e.getMessage());
            watches.remove(w.jobId, w);
            safely(() -> listener.onPollFailed(w.jobId, e, false));
            return;
        } catch (RuntimeException e) {
            // an unexpected failure (a bug, a store outage surfacing as an unchecked exception): keep the job
            // active in the registry and stop this chain so it does not spin
            LOG.error("stopped watching job {} after an unexpected failure", w.jobId, e);
            watches.remove(w.jobId, w);
            safely(() -> listener.onPollFailed(
                    w.jobId, new TuneloopException("polling job " + w.jobId + " failed unexpectedly", e), false));
            return;
        }
        if (!closed) {
            scheduler.schedule(w.interval, () -> poll(w));
        }
    }

    private void finish(Watch w, FineTuneJob job) {
        watches.remove(w.jobId, w);
        String model = job.fineTunedModel();
        if (job.status() == JobStatus.SUCCEEDED && model != null) {
            registry.versionForJob(job.id()).ifPresent(v -> {
                registry.recordFineTunedModel(v.version(), model);
                recordWeights(v.version(), job);
            });
        }
        LOG.info("{}", job.describe());
        safely(() -> listener.onFinished(job));
    }

    /** Records where the weights can be downloaded; a provider that fails to say is logged, not fatal. */
    private void recordWeights(String version, FineTuneJob job) {
        try {
            client.weights(job).ifPresent(uri -> registry.recordWeights(version, uri.toString()));
        } catch (RuntimeException e) {
            LOG.warn("Could not record where the weights of job {} (version {}) download from", job.id(), version, e);
        }
    }

    private Duration grown(Duration interval) {
        double next = interval.toMillis() * multiplier;
        return next >= maxInterval.toMillis() ? maxInterval : Duration.ofMillis((long) next);
    }

    private static void safely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("a job listener threw; the watch goes on", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        watches.clear();
        if (ownExecutor != null) {
            ownExecutor.shutdownNow();
        }
    }
}
