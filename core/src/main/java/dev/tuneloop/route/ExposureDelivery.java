package dev.tuneloop.route;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands sampled exposures from request threads to one daemon thread through a bounded queue. {@link #offer} never
 * waits: when the queue is full the exposure is dropped and counted.
 */
final class ExposureDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(ExposureDelivery.class);
    private static final long POLL_MILLIS = 200;

    private final ExposureListener listener;
    private final BlockingQueue<Exposure> queue;
    private final Duration closeTimeout;
    private final Clock clock;
    private final Thread worker;
    private final AtomicLong sampled = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean closed;

    ExposureDelivery(ExposureListener listener, int capacity, Duration closeTimeout, Clock clock) {
        this.listener = listener;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.closeTimeout = closeTimeout;
        this.clock = clock;
        this.worker = new Thread(this::run, "tuneloop-exposures");
        this.worker.setDaemon(true);
        this.worker.start();
    }

    void offer(String userId, Assignment assignment) {
        sampled.incrementAndGet();
        if (closed || !queue.offer(new Exposure(userId, assignment, clock.instant()))) {
            dropped.incrementAndGet();
        }
    }

    private void run() {
        while (!closed || !queue.isEmpty()) {
            Exposure e;
            try {
                e = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException ie) {
                // close() timed out: stop and count what is left as dropped
                dropped.addAndGet(queue.size());
                queue.clear();
                return;
            }
            if (e == null) {
                continue;
            }
            try {
                listener.onExposure(e);
                delivered.incrementAndGet();
            } catch (RuntimeException ex) {
                long n = failed.incrementAndGet();
                if (Long.bitCount(n) == 1) {
                    // log the 1st, 2nd, 4th, 8th ... failure so a broken listener cannot flood the log
                    LOG.warn("exposure listener failed ({} failures so far)", n, ex);
                }
            }
        }
    }

    RouterStats stats() {
        return new RouterStats(sampled.get(), delivered.get(), dropped.get(), failed.get(), queue.size());
    }

    void close() {
        closed = true;
        try {
            worker.join(Math.max(1, closeTimeout.toMillis()));
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            worker.interrupt();
        }
    }
}
