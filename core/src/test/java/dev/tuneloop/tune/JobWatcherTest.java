package dev.tuneloop.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.curate.ExampleId;
import dev.tuneloop.errors.NotFoundException;
import dev.tuneloop.errors.RetriableException;
import dev.tuneloop.errors.TuneloopException;
import dev.tuneloop.store.Store;
import dev.tuneloop.testing.FakeFineTuneClient;
import dev.tuneloop.testing.FakeFineTuneClient.Operation;
import dev.tuneloop.testing.ManualScheduler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobWatcherTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-01T12:00:00Z"), ZoneOffset.UTC);

    private final FakeFineTuneClient client = FakeFineTuneClient.create(CLOCK);
    private final Store tuneloopStore = Store.inMemory();
    private final ModelRegistry registry = tuneloopStore.registry();
    private final JobStore jobs = tuneloopStore.jobs();
    private final ManualScheduler scheduler = ManualScheduler.create();
    private final Recording listener = new Recording();

    /** Records every callback as a line. */
    static final class Recording implements JobListener {
        final List<String> lines = new ArrayList<>();

        @Override
        public synchronized void onStatusChange(FineTuneJob job, JobStatus previous) {
            lines.add("status " + job.id() + " " + previous + "->" + job.rawStatus());
        }

        @Override
        public synchronized void onEvent(FineTuneJob job, JobEvent event) {
            lines.add("event " + job.id() + " " + event.message());
        }

        @Override
        public synchronized void onStalled(FineTuneJob job, Instant since) {
            lines.add("stalled " + job.id() + " " + job.rawStatus() + " since " + since);
        }

        @Override
        public synchronized void onFinished(FineTuneJob job) {
            lines.add("finished " + job.id() + " " + job.status());
        }

        @Override
        public synchronized void onPollFailed(String jobId, TuneloopException error, boolean willRetry) {
            lines.add("failed " + jobId + " " + error.getClass().getSimpleName() + " retry=" + willRetry);
        }
    }

    private JobWatcher watcher() {
        return JobWatcher.builder(client, jobs, registry)
                .scheduler(scheduler)
                .listener(listener)
                .initialInterval(Duration.ofSeconds(10))
                .maxInterval(Duration.ofSeconds(40))
                .multiplier(2)
                .build();
    }

    private FineTuneJob createJob() throws Exception {
        Path f = Files.createTempFile("train", ".jsonl");
        try {
            Files.writeString(f, "{\"messages\":[]}\n");
            UploadedFile file = client.upload(f);
            return client.create(FineTuneRequest.builder("gpt-4o-mini", file.id())
                    .suffix("v1")
                    .build());
        } finally {
            Files.deleteIfExists(f);
        }
    }

    @Test
    void pollsUntilTerminalReportingChangesAndEventsAndRecordsTheModel() throws Exception {
        FineTuneJob job = createJob();
        registry.register(new NewModelVersion(
                CLOCK.instant(),
                "gpt-4o-mini",
                new DatasetSnapshot("a".repeat(64), List.of(ExampleId.next(1))),
                job.id(),
                ""));
        JobWatcher watcher = watcher();

        watcher.watch(job);
        assertThat(watcher.watching()).containsExactly(job.id());
        assertThat(jobs.get(job.id()).status()).isEqualTo(JobStatus.VALIDATING_FILES);

        scheduler.runUntilIdle(10);

        assertThat(listener.lines)
                .containsExactly(
                        "status ftjob-1 VALIDATING_FILES->queued",
                        "event ftjob-1 status is now validating_files",
                        "event ftjob-1 status is now queued",
                        "status ftjob-1 QUEUED->running",
                        "event ftjob-1 status is now running",
                        "status ftjob-1 RUNNING->succeeded",
                        "event ftjob-1 status is now succeeded",
                        "finished ftjob-1 SUCCEEDED");
        FineTuneJob stored = jobs.get(job.id());
        assertThat(stored.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(stored.fineTunedModel()).isEqualTo("ft:gpt-4o-mini:fake:v1:ftjob-1");
        assertThat(registry.getVersion("v1").fineTunedModel()).isEqualTo("ft:gpt-4o-mini:fake:v1:ftjob-1");
        assertThat(jobs.active()).isEmpty();
        assertThat(watcher.watching()).isEmpty();
        assertThat(client.calls(Operation.GET)).isEqualTo(3);
    }

    @Test
    void backsOffWhileNothingChangesAndResetsOnChange() throws Exception {
        client.scriptNextJobs("queued", "queued", "queued", "queued", "running", "running", "failed");
        FineTuneJob job = createJob();
        JobWatcher watcher = watcher();
        watcher.watch(job);
        scheduler.runUntilIdle(20);

        // first poll at 10s; no change: 20, 40, capped 40; change to running: 10; no change: 20; failed: stop
        assertThat(scheduler.delays())
                .containsExactly(
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(20),
                        Duration.ofSeconds(40),
                        Duration.ofSeconds(40),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(20));
        FineTuneJob stored = jobs.get(job.id());
        assertThat(stored.status()).isEqualTo(JobStatus.FAILED);
        assertThat(stored.errorCode()).isEqualTo("fake_failure");
        assertThat(listener.lines).last().isEqualTo("finished ftjob-1 FAILED");
    }

    @Test
    void reportsAJobThatKeepsItsStatusTooLongOncePerStatus() throws Exception {
        ManualScheduler timed = ManualScheduler.startingAt(Instant.parse("2026-05-01T00:00:00Z"));
        client.scriptNextJobs(
                "queued",
                "queued",
                "queued",
                "queued",
                "queued",
                "running",
                "running",
                "running",
                "running",
                "succeeded");
        FineTuneJob job = createJob();
        JobWatcher watcher = JobWatcher.builder(client, jobs, registry)
                .scheduler(timed)
                .clock(timed.clock())
                .listener(listener)
                .initialInterval(Duration.ofSeconds(10))
                .maxInterval(Duration.ofSeconds(40))
                .multiplier(2)
                .stallAfter(Duration.ofSeconds(60))
                .build();
        watcher.watch(job);

        timed.runPending(); // t=10s queued
        timed.runPending(); // t=30s queued
        assertThat(listener.lines).noneMatch(l -> l.startsWith("stalled"));
        timed.runPending(); // t=70s queued: 70s >= 60s
        assertThat(listener.lines)
                .filteredOn(l -> l.startsWith("stalled"))
                .containsExactly("stalled ftjob-1 queued since 2026-05-01T00:00:00Z");
        timed.runPending(); // t=110s still queued: reported once
        assertThat(listener.lines).filteredOn(l -> l.startsWith("stalled")).hasSize(1);

        timed.runUntilIdle(10); // running at 150s, then 160, 180, 220: stalled
        assertThat(listener.lines)
                .contains(
                        "status ftjob-1 QUEUED->running",
                        "stalled ftjob-1 running since 2026-05-01T00:02:30Z",
                        "finished ftjob-1 SUCCEEDED");
        assertThat(listener.lines.stream().filter(l -> l.startsWith("stalled"))).hasSize(2);
    }

    @Test
    void retriesRetriableFailuresAndGivesUpOnOthers() throws Exception {
        FineTuneJob job = createJob();
        client.failNext(Operation.GET, new RetriableException("rate limited"));
        JobWatcher watcher = watcher();
        watcher.watch(job);

        scheduler.runPending();
        assertThat(listener.lines).containsExactly("failed ftjob-1 RetriableException retry=true");
        assertThat(scheduler.delays()).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(20));

        client.failNext(Operation.GET, new NotFoundException("job ftjob-1 does not exist"));
        scheduler.runPending();
        assertThat(listener.lines).last().isEqualTo("failed ftjob-1 NotFoundException retry=false");
        assertThat(scheduler.pendingCount()).isZero();
        assertThat(watcher.watching()).isEmpty();
        assertThat(jobs.active()).extracting(FineTuneJob::id).containsExactly(job.id());
    }

    @Test
    void aFreshWatcherOnTheSameRegistryResumesUnfinishedJobs() throws Exception {
        client.scriptNextJobs("validating_files", "running", "running", "succeeded");
        FineTuneJob first = createJob();
        client.scriptNextJobs("queued", "cancelled");
        FineTuneJob second = createJob();
        JobWatcher before = watcher();
        before.watch(first);
        before.watch(second);
        scheduler.runPending();
        assertThat(jobs.get(first.id()).status()).isEqualTo(JobStatus.RUNNING);
        assertThat(jobs.get(second.id()).status()).isEqualTo(JobStatus.CANCELLED);

        // the JVM "restarts": the old watcher and its pending polls are gone
        before.close();
        scheduler.runUntilIdle(5);
        assertThat(jobs.get(first.id()).status()).isEqualTo(JobStatus.RUNNING);
        listener.lines.clear();

        JobWatcher after = watcher();
        assertThat(after.resumeAll()).containsExactly(first.id());
        assertThat(after.resumeAll()).isEmpty();
        scheduler.runUntilIdle(10);

        assertThat(jobs.get(first.id()).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(jobs.active()).isEmpty();
        assertThat(listener.lines).contains("status ftjob-1 RUNNING->succeeded", "finished ftjob-1 SUCCEEDED");
    }

    @Test
    void unknownStatusesKeepTheWatchGoing() throws Exception {
        client.scriptNextJobs("running", "paused", "running", "succeeded");
        FineTuneJob job = createJob();
        watcher().watch(job);
        scheduler.runPending();
        assertThat(jobs.get(job.id()).rawStatus()).isEqualTo("paused");
        assertThat(jobs.get(job.id()).status()).isEqualTo(JobStatus.UNKNOWN);
        scheduler.runUntilIdle(10);
        assertThat(listener.lines).contains("status ftjob-1 RUNNING->paused", "status ftjob-1 UNKNOWN->running");
        assertThat(jobs.get(job.id()).status()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void aThrowingListenerDoesNotStopTheWatch() throws Exception {
        FineTuneJob job = createJob();
        JobWatcher watcher = JobWatcher.builder(client, jobs, registry)
                .scheduler(scheduler)
                .listener(new JobListener() {
                    @Override
                    public void onStatusChange(FineTuneJob j, JobStatus previous) {
                        throw new IllegalStateException("listener bug");
                    }
                })
                .build();
        watcher.watch(job);
        scheduler.runUntilIdle(10);
        assertThat(jobs.get(job.id()).status()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void rejectsBadSettingsAllAtOnce() {
        assertThatThrownBy(() -> JobWatcher.builder(client, jobs, registry)
                        .initialInterval(Duration.ZERO)
                        .maxInterval(Duration.ofSeconds(-1))
                        .multiplier(0.5)
                        .build())
                .hasMessageContaining("3 problems")
                .hasMessageContaining("initialInterval must be > 0, but was PT0S")
                .hasMessageContaining("multiplier must be >= 1, but was 0.5");
    }

    @Test
    void aClosedWatcherRefusesNewWork() throws Exception {
        FineTuneJob job = createJob();
        JobWatcher watcher = watcher();
        watcher.close();
        assertThatThrownBy(() -> watcher.watch(job))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
