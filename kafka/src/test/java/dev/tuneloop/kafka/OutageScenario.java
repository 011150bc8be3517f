package dev.tuneloop.kafka;

import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.record.RecorderStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Producers log continuously through one recorder while something is stopped for a while and started again; used by
 * the CI test (seconds) and by the harness (the full 30 s / 60 s).
 */
final class OutageScenario {
    private OutageScenario() {}

    /** An action that may throw, e.g. stopping a broker. */
    interface Action {
        void run() throws Exception;
    }

    /**
     * What happened.
     *
     * @param logged log() calls made
     * @param recorder the recorder's counters after close (everything written or counted as dropped)
     */
    record Result(long logged, RecorderStats recorder) {}

    static Result run(
            InteractionRecorder recorder, Action stop, Action start, Duration before, Duration outage, int producers)
            throws Exception {
        return run(List.of(recorder), stop, start, before, outage, producers);
    }

    /** Each of {@code producers} threads logs through {@code recorders.get(thread % size)}; stats are summed. */
    static Result run(
            List<InteractionRecorder> recorders,
            Action stop,
            Action start,
            Duration before,
            Duration outage,
            int producers)
            throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong logged = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int id = p;
            InteractionRecorder recorder = recorders.get(p % recorders.size());
            Thread t = new Thread(
                    () -> {
                        int n = 0;
                        while (!done.get()) {
                            Interaction i = KafkaEndToEndTest.interaction("user-" + id + "-" + (n % 97), n++);
                            recorder.log(i);
                            logged.incrementAndGet();
                            if (n % 2 == 0) {
                                try {
                                    Thread.sleep(1);
                                } catch (InterruptedException e) {
                                    return;
                                }
                            }
                        }
                    },
                    "producer-" + p);
            t.start();
            threads.add(t);
        }
        Thread.sleep(before.toMillis());
        stop.run();
        Thread.sleep(outage.toMillis());
        start.run();
        Thread.sleep(before.toMillis());
        done.set(true);
        for (Thread t : threads) {
            t.join();
        }
        long enqueued = 0;
        long persisted = 0;
        long dropped = 0;
        long rejected = 0;
        long failed = 0;
        long retries = 0;
        for (InteractionRecorder r : recorders) {
            r.flush(Duration.ofMinutes(2));
            r.close();
            RecorderStats s = r.stats();
            enqueued += s.enqueued();
            persisted += s.persisted();
            dropped += s.dropped();
            rejected += s.rejected();
            failed += s.failedBatches();
            retries += s.retries();
        }
        return new Result(logged.get(), new RecorderStats(enqueued, persisted, dropped, rejected, failed, retries, 0));
    }
}
