package dev.tuneloop.store;

import dev.tuneloop.tune.FineTuneJob;
import dev.tuneloop.tune.JobStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link JobStore} in memory; one monitor guards all state, so every call is atomic. */
final class InMemoryJobStore implements JobStore {
    private final Map<String, FineTuneJob> jobs = new HashMap<>();

    @Override
    public synchronized void save(FineTuneJob job) {
        Objects.requireNonNull(job, "job");
        jobs.put(job.id(), job);
    }

    @Override
    public synchronized Optional<FineTuneJob> find(String jobId) {
        Objects.requireNonNull(jobId, "jobId");
        return Optional.ofNullable(jobs.get(jobId));
    }

    @Override
    public synchronized List<FineTuneJob> active() {
        List<FineTuneJob> active = new ArrayList<>();
        for (FineTuneJob j : jobs.values()) {
            if (!j.isTerminal()) {
                active.add(j);
            }
        }
        active.sort(Comparator.comparing(FineTuneJob::createdAt).thenComparing(FineTuneJob::id));
        return List.copyOf(active);
    }
}
