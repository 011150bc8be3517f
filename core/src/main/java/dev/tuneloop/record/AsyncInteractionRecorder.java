package dev.tuneloop.record;

import dev.tuneloop.errors.ValidationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The asynchronous recorder: a bounded queue and one worker thread that writes batches.
 *
 * <p>Hot path: one {@code offer} into an {@link ArrayBlockingQueue}, one counter increment and one volatile read.
 * Producers wake the worker only when it is parked and a full batch is waiting; otherwise it wakes every
 * {@code maxDelay}. So the caller never waits on the worker, on the store or on I/O. The counter is set to the queue's
 * size each time the worker parks and a producer wakes it once the counter reaches {@code maxBatchSize}, so the size
 * trigger keeps working however many items arrived while a write was slow.
 *
 * <p>Failure handling: a failed batch is retried as it is, in order, with capped exponential backoff and jitter,
 * while later items wait in the queue (and overflow by the policy once it is full). A {@link #flush} call cuts the
 * current backoff wait short once (the store may be back: a flush should not wait out a backoff slot), without making
 * the worker retry in a loop while the flush waits. A failure that says the data itself is bad
 * ({@link ValidationException}, {@link IllegalArgumentException}) is not retried: the batch is split and each item
 * written alone, so one bad item cannot block the rest; the bad ones are counted as rejected.
 *
 * <p>A logged {@link Interaction.Builder} is built on the worker, against {@link RecorderOptions#limits()}: the
 * caller's thread only stamps its id and time and enqueues it. One that breaks a rule is counted in
 * {@link RecorderStats#rejectedByRule()}, logged once per rule, and never reaches the store.
 */
final class AsyncInteractionRecorder implements InteractionRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(InteractionRecorder.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final InteractionSink sink;
    private final RecorderOptions options;
    private final ArrayBlockingQueue<Object> queue;
    private final int maxBatch;
    private final long maxDelayNanos;
    private final Thread worker;

    private final LongAdder enqueued = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final AtomicLong persisted = new AtomicLong();
    private final Rejections rejections = new Rejections(LOG);
    private final AtomicLong failedBatches = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    /** Accepted items that are finished: persisted, rejected, or given up at close. */
    private final AtomicLong completed = new AtomicLong();

    /** Items enqueued since the worker last parked, plus what the queue held then. */
    private final AtomicInteger sinceWake = new AtomicInteger();
    /** Calls to {@link #flush}, so that a backoff wait can tell it was asked to end early. */
    private final AtomicLong flushCalls = new AtomicLong();

    private final AtomicLong lastDropWarning = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong lastFailureWarning = new AtomicLong(Long.MIN_VALUE);
    private final Object progress = new Object();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** True while the worker waits for a trigger (not while it writes or backs off). */
    private volatile boolean parked;

    private volatile boolean closing;
    private volatile boolean flushRequested;
    private volatile long closeDeadlineNanos;

    AsyncInteractionRecorder(InteractionSink sink, RecorderOptions options) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.options = Objects.requireNonNull(options, "options");
        this.queue = new ArrayBlockingQueue<>(options.maxQueueSize());
        this.maxBatch = options.maxBatchSize();
        this.maxDelayNanos = options.maxDelay().toNanos();
        this.worker = new Thread(this::run, "tuneloop-recorder-" + THREADS.incrementAndGet());
        this.worker.setDaemon(true);
        this.worker.start();
    }

    // ------------------------------------------------------------------ caller side

    @Override
    public InteractionId log(Interaction interaction) {
        Objects.requireNonNull(interaction, "interaction");
        enqueue(interaction);
        return interaction.id();
    }

    @Override
    public InteractionId log(Interaction.Builder draft) {
        Objects.requireNonNull(draft, "draft");
        InteractionId id = draft.stampForLog();
        enqueue(draft);
        return id;
    }

    @Override
    public void feedback(InteractionId id, Feedback feedback) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(feedback, "feedback");
        FeedbackTexts.check(feedback, options.limits());
        enqueue(FeedbackEvent.of(id, options.clock().instant(), feedback));
    }

    private void enqueue(Object item) {
        if (closing) {
            drop("the recorder is closed");
            return;
        }
        boolean accepted;
        if (options.overflowPolicy() == OverflowPolicy.DROP_NEWEST) {
            accepted = queue.offer(item);
        } else {
            try {
                accepted = queue.offer(item, options.blockTimeout().toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                accepted = false;
            }
        }
        if (!accepted) {
            drop("the queue is full (" + options.maxQueueSize() + " items)");
            return;
        }
        enqueued.increment();
        // >=, not ==: the count may pass maxBatch while the worker is busy; it is reset when the worker parks
        if (sinceWake.incrementAndGet() >= maxBatch && parked) {
            LockSupport.unpark(worker);
        }
    }

    private void drop(String why) {
        dropped.increment();
        long now = System.nanoTime();
        long last = lastDropWarning.get();
        long interval = options.dropWarningInterval().toNanos();
        if ((last == Long.MIN_VALUE || now - last >= interval) && lastDropWarning.compareAndSet(last, now)) {
            LOG.warn("Tuneloop recorder dropped an item because {}; {} dropped so far", why, dropped.sum());
        }
    }

    @Override
    public boolean flush(Duration timeout) {
        long target = enqueued.sum();
        long deadline = System.nanoTime() + timeout.toNanos();
        flushCalls.incrementAndGet();
        flushRequested = true;
        LockSupport.unpark(worker);
        synchronized (progress) {
            while (completed.get() < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(progress, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return completed.get() >= target;
                }
                if (completed.get() < target) {
                    flushRequested = true;
                    LockSupport.unpark(worker);
                }
            }
        }
        return true;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long timeout = options.closeTimeout().toNanos();
        closeDeadlineNanos = System.nanoTime() + timeout;
        closing = true;
        LockSupport.unpark(worker);
        try {
            worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeout) + 50));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            // the store call itself is hanging; the worker is a daemon and gives up at its next check
            worker.interrupt();
        }
        int left = discardQueue();
        if (left > 0) {
            LOG.error("Tuneloop recorder closed with {} items unwritten; they are counted as dropped", left);
        }
    }

    private int discardQueue() {
        List<Object> rest = new ArrayList<>();
        queue.drainTo(rest);
        if (!rest.isEmpty()) {
            dropped.add(rest.size());
            complete(rest.size());
        }
        return rest.size();
    }

    @Override
    public RecorderStats stats() {
        return new RecorderStats(
                enqueued.sum(),
                persisted.get(),
                dropped.sum(),
                rejections.total(),
                failedBatches.get(),
                retries.get(),
                queue.size(),
                rejections.byRule());
    }

    // ------------------------------------------------------------------ worker side

    private void run() {
        List<Object> batch = new ArrayList<>(maxBatch);
        while (!(closing && queue.isEmpty())) {
            long deadline = System.nanoTime() + maxDelayNanos;
            // reset before parking, then publish "parked" before the size check: a producer either sees the worker
            // parked (and wakes it) or enqueued before the check (and the check sees its item)
            sinceWake.set(queue.size());
            parked = true;
            while (!closing && !flushRequested && queue.size() < maxBatch) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                LockSupport.parkNanos(this, left);
            }
            parked = false;
            flushRequested = false;
            while (!queue.isEmpty()) {
                if (closing && System.nanoTime() - closeDeadlineNanos > 0) {
                    return; // close() counts what is left
                }
                batch.clear();
                queue.drainTo(batch, maxBatch);
                List<Object> valid = buildDrafts(batch);
                if (!valid.isEmpty()) {
                    write(valid, true);
                }
            }
        }
    }

    /** Builds the logged builders (checking every rule); those that break one are counted and left out. */
    private List<Object> buildDrafts(List<Object> batch) {
        List<Object> valid = new ArrayList<>(batch.size());
        int refused = 0;
        for (Object o : batch) {
            if (o instanceof Interaction.Builder draft) {
                try {
                    valid.add(draft.build(options.limits()));
                } catch (ValidationException e) {
                    rejections.reject("interaction " + draft.idOrNull(), e.problems());
                    refused++;
                } catch (RuntimeException e) {
                    // a host's list holding null, or a collection that failed while read: still never the host's
                    // problem
                    rejections.reject(
                            "interaction " + draft.idOrNull(),
                            List.of("interaction could not be built: "
                                    + e.getClass().getName()));
                    refused++;
                }
            } else {
                valid.add(o);
            }
        }
        if (refused > 0) {
            complete(refused);
        }
        return valid;
    }

    private void write(List<Object> batch, boolean mayIsolate) {
        List<Interaction> interactions = new ArrayList<>(batch.size());
        List<FeedbackEvent> events = new ArrayList<>();
        for (Object o : batch) {
            if (o instanceof Interaction i) {
                interactions.add(i);
            } else {
                events.add((FeedbackEvent) o);
            }
        }
        int n = batch.size();
        int attempt = 0;
        while (true) {
            long flushMark = flushCalls.get();
            try {
                sink.append(interactions, events);
                persisted.addAndGet(n);
                complete(n);
                return;
            } catch (RuntimeException e) {
                failedBatches.incrementAndGet();
                if (isDataError(e)) {
                    if (mayIsolate && n > 1) {
                        for (Object o : batch) {
                            write(List.of(o), false);
                        }
                    } else {
                        rejections.reject(
                                describe(batch) + " (refused by the store)",
                                e instanceof ValidationException v
                                        ? v.problems()
                                        : List.of("the store refused the item: "
                                                + e.getClass().getName()));
                        complete(n);
                    }
                    return;
                }
                if (closing && System.nanoTime() - closeDeadlineNanos > 0) {
                    dropped.add(n);
                    complete(n);
                    LOG.error(
                            "Tuneloop recorder gave up {} items at close: the store still fails ({})", n, e.toString());
                    return;
                }
                long backoff = backoffNanos(attempt++);
                retries.incrementAndGet();
                warnFailure(e, attempt, backoff);
                sleepUntil(System.nanoTime() + backoff, flushMark);
            }
        }
    }

    private long backoffNanos(int attempt) {
        long initial = options.initialBackoff().toNanos();
        long max = options.maxBackoff().toNanos();
        long exp = attempt >= 40 ? max : Math.min(max, initial << Math.min(attempt, 30));
        if (exp <= 0) {
            exp = max;
        }
        long half = exp / 2;
        return half + ThreadLocalRandom.current().nextLong(half + 1);
    }

    /** Waits until {@code until}, or the close deadline, or a {@link #flush} call made after {@code flushMark}. */
    private void sleepUntil(long until, long flushMark) {
        while (true) {
            long left = until - System.nanoTime();
            if (closing) {
                left = Math.min(left, closeDeadlineNanos - System.nanoTime());
            }
            if (left <= 0 || Thread.currentThread().isInterrupted() || flushCalls.get() != flushMark) {
                return;
            }
            LockSupport.parkNanos(this, left);
        }
    }

    private void warnFailure(RuntimeException e, int attempt, long backoffNanos) {
        long now = System.nanoTime();
        long last = lastFailureWarning.get();
        long interval = options.dropWarningInterval().toNanos();
        if ((last == Long.MIN_VALUE || now - last >= interval || attempt == 1)
                && lastFailureWarning.compareAndSet(last, now)) {
            LOG.warn(
                    "Tuneloop store write failed (attempt {}), retrying in {} ms; {} items waiting: {}",
                    attempt,
                    TimeUnit.NANOSECONDS.toMillis(backoffNanos),
                    queue.size(),
                    e.toString());
        }
    }

    private void complete(int n) {
        completed.addAndGet(n);
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    private static boolean isDataError(RuntimeException e) {
        return e instanceof ValidationException || e instanceof IllegalArgumentException;
    }

    private static String describe(List<Object> batch) {
        Object o = batch.get(0);
        if (o instanceof Interaction i) {
            return "interaction " + i.id();
        }
        FeedbackEvent e = (FeedbackEvent) o;
        return "feedback event " + e.eventId() + " of interaction " + e.interactionId();
    }
}
