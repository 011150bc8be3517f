package dev.tuneloop.spring.boot;

import dev.tuneloop.tune.JobWatcher;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts watching every unfinished job in the job store when the application starts, and again every
 * {@code tuneloop.jobs.rescan-interval}, so jobs launched after startup (through the admin API, the launcher bean or
 * another instance) are watched without the host calling {@link JobWatcher#watch}. A failed scan is logged and
 * retried at the next interval.
 */
final class JobRescan implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(JobRescan.class);

    private final JobWatcher watcher;
    private final Duration interval;
    private @Nullable ScheduledExecutorService scheduler;

    JobRescan(JobWatcher watcher, Duration interval) {
        this.watcher = watcher;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tuneloop-job-rescan");
            t.setDaemon(true);
            return t;
        });
        ScheduledFuture<?> unused = s.scheduleWithFixedDelay(this::scan, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        scheduler = s;
    }

    private void scan() {
        try {
            List<String> started = watcher.resumeAll();
            if (!started.isEmpty()) {
                LOG.info("Watching {} more fine-tuning job(s): {}", started.size(), started);
            }
        } catch (IllegalStateException closed) {
            LOG.debug("The job watcher is closed; no more scans");
        } catch (RuntimeException e) {
            LOG.warn("Scanning the job store for unfinished jobs failed; retrying in {}", interval, e);
        }
    }

    @Override
    public synchronized void stop() {
        ScheduledExecutorService s = scheduler;
        scheduler = null;
        if (s != null) {
            s.shutdownNow();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
