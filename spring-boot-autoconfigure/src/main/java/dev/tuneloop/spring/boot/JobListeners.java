package dev.tuneloop.spring.boot;

import dev.tuneloop.errors.TuneloopException;
import dev.tuneloop.tune.FineTuneJob;
import dev.tuneloop.tune.JobEvent;
import dev.tuneloop.tune.JobListener;
import dev.tuneloop.tune.JobStatus;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands each call to every listener bean in order; one that throws is logged and the others still hear of it. */
final class JobListeners implements JobListener {
    private static final Logger LOG = LoggerFactory.getLogger(JobListeners.class);

    private final List<JobListener> listeners;

    JobListeners(List<JobListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    private void each(String what, Consumer<JobListener> call) {
        for (JobListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("Job listener {} failed in {}", l.getClass().getName(), what, e);
            }
        }
    }

    @Override
    public void onStatusChange(FineTuneJob job, @Nullable JobStatus previous) {
        each("onStatusChange", l -> l.onStatusChange(job, previous));
    }

    @Override
    public void onEvent(FineTuneJob job, JobEvent event) {
        each("onEvent", l -> l.onEvent(job, event));
    }

    @Override
    public void onStalled(FineTuneJob job, Instant since) {
        each("onStalled", l -> l.onStalled(job, since));
    }

    @Override
    public void onFinished(FineTuneJob job) {
        each("onFinished", l -> l.onFinished(job));
    }

    @Override
    public void onPollFailed(String jobId, TuneloopException error, boolean willRetry) {
        each("onPollFailed", l -> l.onPollFailed(jobId, error, willRetry));
    }
}
