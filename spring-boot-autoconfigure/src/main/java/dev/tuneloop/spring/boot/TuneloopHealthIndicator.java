package dev.tuneloop.spring.boot;

import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.record.RecorderStats;
import dev.tuneloop.tune.FineTuneJob;
import dev.tuneloop.tune.JobStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the recording path and of fine-tuning jobs: DOWN while the store keeps refusing the recorder's batches
 * (failed batches since the last check and nothing persisted in between), or when an active job has run longer than
 * {@code tuneloop.health.stuck-job-after}; UP otherwise. The details report the recorder's counters (drops
 * included) and the stuck jobs' ids.
 */
public class TuneloopHealthIndicator implements HealthIndicator {
    private final InteractionRecorder recorder;
    private final JobStore jobs;
    private final Clock clock;
    private final Duration stuckAfter;
    private RecorderStats last;

    /**
     * An indicator over these parts.
     *
     * @param recorder the recorder
     * @param jobs the job store
     * @param clock the clock jobs' ages are measured with
     * @param stuckAfter how long an active job may run before it counts as stuck
     */
    public TuneloopHealthIndicator(InteractionRecorder recorder, JobStore jobs, Clock clock, Duration stuckAfter) {
        this.recorder = recorder;
        this.jobs = jobs;
        this.clock = clock;
        this.stuckAfter = stuckAfter;
        this.last = recorder.stats();
    }

    @Override
    public Health health() {
        RecorderStats now = recorder.stats();
        RecorderStats before;
        synchronized (this) {
            before = last;
            last = now;
        }
        boolean failing = now.failedBatches() > before.failedBatches() && now.persisted() == before.persisted();
        Instant cutoff = clock.instant().minus(stuckAfter);
        List<String> stuck = new ArrayList<>();
        for (FineTuneJob j : jobs.active()) {
            if (j.createdAt().isBefore(cutoff)) {
                stuck.add(j.id());
            }
        }
        Health.Builder b = failing || !stuck.isEmpty() ? Health.down() : Health.up();
        b.withDetail("recorder", TuneloopEndpoint.recorder(now));
        if (failing) {
            b.withDetail(
                    "recording",
                    "the store refused " + (now.failedBatches() - before.failedBatches())
                            + " batches since the last check and persisted none (retrying)");
        }
        if (!stuck.isEmpty()) {
            b.withDetail("stuckJobs", stuck);
            b.withDetail("stuckJobAfter", stuckAfter.toString());
        }
        return b.build();
    }
}
