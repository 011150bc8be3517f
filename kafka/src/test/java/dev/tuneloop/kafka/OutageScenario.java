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
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong logged = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int id = p;
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
        recorder.flush(Duration.ofSeconds(120));
        recorder.close();
        return new Result(logged.get(), recorder.stats());
    }
}
