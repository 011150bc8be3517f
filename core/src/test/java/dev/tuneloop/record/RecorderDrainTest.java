package dev.tuneloop.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuneloop.errors.RetriableException;
import dev.tuneloop.store.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * When the recorder writes: the size trigger after a slow write, and the end of a backoff wait. The time trigger is
 * set to an hour (and backoffs to an hour where it matters), so a batch that arrives within the tests' generous waits
 * can only have been written by the trigger under test: no assertion depends on how fast the machine is.
 */
class RecorderDrainTest {
    private static final Duration HOUR = Duration.ofHours(1);
    private static final long WAIT_SECONDS = 20;

    /** A store that records each append's size, can hold the first append until released, and can fail. */
    static final class GatedStore implements InteractionSink {
        final Store delegate = Store.inMemory();
        final BlockingQueue<Integer> batches = new LinkedBlockingQueue<>();
        final CountDownLatch firstEntered = new CountDownLatch(1);
        final CountDownLatch releaseFirst = new CountDownLatch(1);
        final AtomicBoolean holdFirst = new AtomicBoolean();
        final AtomicInteger attempts = new AtomicInteger();
        volatile boolean down;

        @Override
        public void append(List<Interaction> interactions, List<FeedbackEvent> events) {
            attempts.incrementAndGet();
            if (holdFirst.getAndSet(false)) {
                firstEntered.countDown();
                try {
                    releaseFirst.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (down) {
                throw new RetriableException("store unavailable");
            }
            delegate.interactions().append(interactions, events);
            batches.add(interactions.size() + events.size());
        }

        /** The store behind the sink, to read back what was accepted. */
        InteractionStore interactions() {
            return delegate.interactions();
        }

        /** The sizes of the next {@code n} successful appends, waiting for each at most {@value #WAIT_SECONDS} s. */
        List<Integer> next(int n) throws InterruptedException {
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Integer size = batches.poll(WAIT_SECONDS, TimeUnit.SECONDS);
                if (size == null) {
                    break;
                }
                out.add(size);
            }
            return out;
        }
    }

    private static void log(InteractionRecorder r, int n) {
        for (int k = 0; k < n; k++) {
            r.log(AsyncInteractionRecorderTest.interaction(k));
        }
    }

    @Test
    void afterASlowWriteEveryFullBatchIsStillWrittenAtOnce() throws Exception {
        int batch = 8;
        GatedStore store = new GatedStore();
        store.holdFirst.set(true);
        RecorderOptions options = RecorderOptions.builder()
                .maxBatchSize(batch)
                .maxQueueSize(1024)
                .maxDelay(HOUR) // no time trigger during the test: only the size trigger can write
                .closeTimeout(Duration.ZERO)
                .build();
        try (InteractionRecorder r = InteractionRecorder.async(store, options)) {
            log(r, batch);
            assertThat(store.firstEntered.await(WAIT_SECONDS, TimeUnit.SECONDS))
                    .as("a full batch wakes the worker")
                    .isTrue();
            log(r, 3 * batch); // while the store is slow, three more full batches queue up
            store.releaseFirst.countDown();
            assertThat(store.next(4)).as("the slow batch, then the backlog").containsExactly(8, 8, 8, 8);

            for (int round = 1; round <= 3; round++) {
                log(r, batch);
                assertThat(store.next(1))
                        .as("full batch %d after the slow write is written without waiting for the time trigger", round)
                        .containsExactly(batch);
            }
        }
    }

    @Test
    void flushCutsABackoffWaitShort() throws Exception {
        GatedStore store = new GatedStore();
        store.down = true;
        RecorderOptions options = RecorderOptions.builder()
                .maxBatchSize(4)
                .maxDelay(HOUR)
                .initialBackoff(HOUR) // a retry would otherwise wait 30-60 minutes
                .maxBackoff(HOUR)
                .closeTimeout(Duration.ZERO)
                .build();
        try (InteractionRecorder r = InteractionRecorder.async(store, options)) {
            log(r, 4);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (r.stats().retries() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(r.stats().retries())
                    .as("the first write failed and a backoff began")
                    .isEqualTo(1);
            store.down = false; // the store is back; the recorder is asleep in its backoff
            assertThat(r.flush(Duration.ofSeconds(WAIT_SECONDS)))
                    .as("flush retries now instead of after the backoff")
                    .isTrue();
            assertThat(store.next(1)).containsExactly(4);
            assertThat(store.attempts.get())
                    .as("one failed attempt, one retry cut short by flush")
                    .isEqualTo(2);
        }
    }

    @Test
    void flushDuringAnOutageRetriesOncePerCallNotInALoop() throws Exception {
        GatedStore store = new GatedStore();
        store.down = true;
        RecorderOptions options = RecorderOptions.builder()
                .maxBatchSize(4)
                .maxDelay(HOUR)
                .initialBackoff(HOUR)
                .maxBackoff(HOUR)
                .closeTimeout(Duration.ZERO)
                .build();
        try (InteractionRecorder r = InteractionRecorder.async(store, options)) {
            log(r, 4);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (r.stats().retries() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(r.flush(Duration.ofMillis(300)))
                    .as("the store is still down")
                    .isFalse();
            assertThat(store.attempts.get())
                    .as("the first attempt and at most one retry for the one flush call")
                    .isBetween(1, 2);
        }
    }

    @Test
    void theDefaultBackoffCapKeepsTheBacklogShortAfterAnOutage() {
        // the queue must hold (longest outage + backoff cap) of traffic: see README "Sizing the queue"
        assertThat(RecorderOptions.DEFAULT_MAX_BACKOFF).isEqualTo(Duration.ofSeconds(5));
        assertThat(RecorderOptions.defaults().maxBackoff()).isEqualTo(Duration.ofSeconds(5));
    }
}
