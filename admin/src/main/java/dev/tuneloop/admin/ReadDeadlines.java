package dev.tuneloop.admin;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Deadlines for reading a request from the network: its headers, its body, and the unread rest of a body that the JDK
 * server drains when the response is closed.
 *
 * <p>The JDK server reads with blocking socket-channel calls on the thread that handles the exchange and has no read
 * timeout of its own (only the JVM-wide {@code sun.net.httpserver.maxReqTime}). So a deadline is a timer that
 * interrupts that thread: an interrupted channel read ends with {@link java.nio.channels.ClosedByInterruptException},
 * which closes the connection. The timer is armed only around network reads, never while a handler does other work
 * (an interrupt would also close a file channel the handler reads), and disarming clears an interrupt that arrived
 * too late to hit a read, so no interrupt outlives its phase.
 *
 * <p>Headers are only guarded on an own server, whose executor ({@link #executor}) starts each exchange with a
 * header deadline; a mounted context starts when the host's server has read the headers.
 */
final class ReadDeadlines implements AutoCloseable {
    private static final ThreadLocal<Guard> CURRENT = new ThreadLocal<>();

    private final ScheduledThreadPoolExecutor timer;
    private final Duration headerTimeout;
    private final Duration bodyTimeout;

    ReadDeadlines(Duration headerTimeout, Duration bodyTimeout) {
        this.headerTimeout = headerTimeout;
        this.bodyTimeout = bodyTimeout;
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "tuneloop-admin-deadlines");
            t.setDaemon(true);
            return t;
        });
        this.timer.setRemoveOnCancelPolicy(true);
    }

    /** An executor that runs each exchange on {@code pool} with the header deadline armed from its start. */
    Executor executor(Executor pool) {
        return task -> pool.execute(() -> {
            Guard g = new Guard(Thread.currentThread());
            CURRENT.set(g);
            g.arm(headerTimeout);
            try {
                task.run();
            } finally {
                g.disarm();
                CURRENT.remove();
            }
        });
    }

    /**
     * Called when a handler starts: ends the header phase of an own server's exchange (or starts the guard of a
     * mounted one on the host's thread).
     *
     * @return the guard of this exchange; {@link Guard#expired} tells whether the headers came too late
     */
    Guard enter() {
        Guard g = CURRENT.get();
        if (g == null) {
            g = new Guard(Thread.currentThread());
            g.owned = true;
            CURRENT.set(g);
        } else {
            g.expired = g.disarm();
        }
        return g;
    }

    /** Called when a handler ends, after {@link #enter}. */
    void leave(Guard g) {
        g.disarm();
        if (g.owned) {
            CURRENT.remove();
        }
    }

    /** Reads from the network within the body deadline, on an exchange that {@link #enter} started. */
    static <T> T readBody(IoCall<T> read) throws IOException {
        Guard g = CURRENT.get();
        if (g == null) {
            return read.call();
        }
        g.arm(g.deadlines().bodyTimeout);
        T result;
        try {
            result = read.call();
        } catch (IOException e) {
            if (g.disarm()) {
                throw new ConnectionGone("the request body did not arrive within " + g.deadlines().bodyTimeout, e);
            }
            throw e;
        }
        if (g.disarm()) {
            throw new ConnectionGone("the request body did not arrive within " + g.deadlines().bodyTimeout, null);
        }
        return result;
    }

    /**
     * Runs a call that may drain the unread request body (closing a response stream, closing the exchange) within
     * the body deadline; when it expires the connection is closed, which ends the drain.
     */
    static void drain(IoRun run) throws IOException {
        Guard g = CURRENT.get();
        if (g == null) {
            run.run();
            return;
        }
        g.arm(g.deadlines().bodyTimeout);
        try {
            run.run();
        } finally {
            g.disarm();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** A network read. */
    @FunctionalInterface
    interface IoCall<T> {
        T call() throws IOException;
    }

    /** A network call without a result. */
    @FunctionalInterface
    interface IoRun {
        void run() throws IOException;
    }

    /** The request could not be read in time (or the client went away): there is no one to answer. */
    static final class ConnectionGone extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConnectionGone(String message, @Nullable Throwable cause) {
            super(message, cause, false, false);
        }
    }

    /**
     * The deadline of one exchange's thread. States are packed with a generation so that a timer armed for an
     * earlier phase can never interrupt a later one.
     */
    final class Guard {
        private static final long IDLE = 0;
        private static final long ARMED = 1;
        private static final long FIRING = 2;
        private static final long FIRED = 3;

        private final Thread thread;
        private final AtomicLong state = new AtomicLong(); // generation << 2 | phase
        private @Nullable ScheduledFuture<?> pending;
        /** True when this guard was made by {@link #enter} (a mounted context) and must be removed by it. */
        boolean owned;
        /** True when the header deadline had passed by the time the handler started. */
        boolean expired;

        private Guard(Thread thread) {
            this.thread = thread;
        }

        ReadDeadlines deadlines() {
            return ReadDeadlines.this;
        }

        void arm(Duration timeout) {
            long generation = (state.get() >>> 2) + 1;
            long armed = generation << 2 | ARMED;
            state.set(armed);
            pending = timer.schedule(() -> fire(armed), timeout.toNanos(), TimeUnit.NANOSECONDS);
        }

        private void fire(long armed) {
            if (state.compareAndSet(armed, (armed & ~3L) | FIRING)) {
                thread.interrupt();
                state.set((armed & ~3L) | FIRED);
            }
        }

        /**
         * Ends the current phase. Returns whether its deadline had passed; then the interrupt it caused is cleared
         * here, whether or not it ended a read.
         */
        boolean disarm() {
            if (pending != null) {
                pending.cancel(false);
                pending = null;
            }
            long s = state.get();
            long generation = s & ~3L;
            if ((s & 3L) == IDLE) {
                return false;
            }
            if (state.compareAndSet(generation | ARMED, generation | IDLE)) {
                return false;
            }
            while ((state.get() & 3L) == FIRING) {
                Thread.onSpinWait();
            }
            Thread.interrupted();
            state.set(generation | IDLE);
            return true;
        }
    }
}
