package dev.tuneloop.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * A loopback TCP proxy that delivers every chunk {@code oneWayNanos} after it was read, in order, in both directions:
 * a database "across the network" (round trip = 2 × one way) on this machine, like toxiproxy's latency toxic.
 * Bandwidth is not limited and chunks are pipelined (a large batch pays the delay once, not per chunk).
 */
final class LatencyProxy implements AutoCloseable {
    /** Bytes read and when to deliver them. A class, not a record: {@link #END} is a sentinel compared by identity. */
    private static final class Chunk {
        final byte[] bytes;
        final long dueNanos;

        Chunk(byte[] bytes, long dueNanos) {
            this.bytes = bytes;
            this.dueNanos = dueNanos;
        }
    }

    private static final Chunk END = new Chunk(new byte[0], 0);

    private final ServerSocket server;
    private final long oneWayNanos;
    private volatile boolean closed;

    LatencyProxy(int targetPort, long roundTripMicros) throws IOException {
        this.oneWayNanos = roundTripMicros * 500;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> accept(targetPort), "latency-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept(int targetPort) {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket target = new Socket();
                target.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
                client.setTcpNoDelay(true);
                target.setTcpNoDelay(true);
                pipe(client, target);
                pipe(target, client);
            } catch (IOException e) {
                if (!closed) {
                    throw new IllegalStateException("latency proxy failed", e);
                }
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        Thread reader = new Thread(
                () -> {
                    byte[] buf = new byte[64 * 1024];
                    try (InputStream in = from.getInputStream()) {
                        for (int n; (n = in.read(buf)) > 0; ) {
                            queue.add(new Chunk(Arrays.copyOf(buf, n), System.nanoTime() + oneWayNanos));
                        }
                    } catch (IOException ignored) {
                        // the connection closed: the writer is told below
                    }
                    queue.add(END);
                },
                "latency-proxy-read");
        Thread writer = new Thread(
                () -> {
                    try (OutputStream out = to.getOutputStream()) {
                        for (Chunk c; (c = queue.take()) != END; ) {
                            long wait;
                            while ((wait = c.dueNanos - System.nanoTime()) > 0) {
                                LockSupport.parkNanos(wait);
                            }
                            out.write(c.bytes);
                            out.flush();
                        }
                    } catch (IOException | InterruptedException ignored) {
                        // the other side closed
                    } finally {
                        try {
                            to.shutdownOutput();
                        } catch (IOException ignored) {
                            // already closed
                        }
                    }
                },
                "latency-proxy-write");
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
    }
}
