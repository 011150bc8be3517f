package dev.tuneloop.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.tuneloop.curate.CurationPolicy;
import dev.tuneloop.curate.Taxonomy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Clients that send their request slowly, or declare a body and never send it, must neither hold the server's threads
 * for ever nor keep legitimate requests from being answered. Everything runs on the loopback interface.
 */
class SlowClientsTest {

    private static final String TOKEN = Harness.TOKEN;

    /** A connection that sends the start of a request and then one more byte of it every {@code interval}. */
    private static final class Trickler {
        private final URI base;
        private final String head;
        private Socket socket;
        int reconnects;

        Trickler(URI base, String head) {
            this.base = base;
            this.head = head;
        }

        void open() throws IOException {
            socket = new Socket();
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
        }

        /** Sends one more header byte ('x' in a header that never ends); reconnects when the server closed it. */
        void trickle(boolean sendByte) {
            try {
                if (sendByte) {
                    socket.getOutputStream().write('x');
                    socket.getOutputStream().flush();
                }
                if (socket.getInputStream().available() > 0 || isClosedByPeer()) {
                    reopen();
                }
            } catch (IOException e) {
                reopen();
            }
        }

        private boolean isClosedByPeer() throws IOException {
            socket.setSoTimeout(1);
            try {
                return socket.getInputStream().read() < 0;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (SocketException e) {
                return true;
            }
        }

        private void reopen() {
            close();
            reconnects++;
            try {
                open();
            } catch (IOException ignored) {
                // the server refused the connection (at its bound): try again on the next round
            }
        }

        void close() {
            try {
                if (socket != null) {
                    socket.close();
                }
            } catch (IOException ignored) {
                // closing a test connection
            }
        }
    }

    /**
     * The availability property: 200 connections sending their headers one byte at a time and 20 declaring a body they
     * never send (half with the token, half without) for 10 s, while a client keeps asking for the taxonomy; every
     * legitimate request must be answered within 1 s.
     */
    @Test
    void slow_headers_and_unsent_bodies_do_not_starve_legitimate_requests() throws Exception {
        try (Harness h = Harness.start()) {
            URI base = h.server.uri();
            String approve = "/admin/curation/candidates/0190b3c4-5d6e-7f80-9a1b-2c3d4e5f6a7b/approve";
            List<Trickler> slow = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                slow.add(new Trickler(base, "GET /admin/curation/taxonomy HTTP/1.1\r\nHost: x\r\nX-Slow: "));
            }
            List<Trickler> bodies = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String auth = i % 2 == 0 ? "Authorization: Bearer " + TOKEN + "\r\n" : "";
                bodies.add(new Trickler(
                        base,
                        "POST " + approve + " HTTP/1.1\r\nHost: x\r\n" + auth
                                + "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n"));
            }
            HttpClient client = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            HttpRequest legitimate = HttpRequest.newBuilder(base.resolve("curation/taxonomy"))
                    .header("Authorization", "Bearer " + TOKEN)
                    .timeout(Duration.ofSeconds(5))
                    .build();
            // one request before the attack, so that the first measured one does not pay for loading the HTTP client
            assertThat(client.send(legitimate, HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(200);
            for (Trickler t : slow) {
                t.open();
            }
            for (Trickler t : bodies) {
                t.open();
            }

            AtomicBoolean attacking = new AtomicBoolean(true);
            ExecutorService attacker = Executors.newSingleThreadExecutor();
            Future<?> attack = attacker.submit(() -> {
                int round = 0;
                while (attacking.get()) {
                    for (Trickler t : slow) {
                        t.trickle(true);
                    }
                    for (Trickler t : bodies) {
                        t.trickle(false);
                    }
                    round++;
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        return round;
                    }
                }
                return round;
            });

            List<Long> latenciesMs = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            List<String> lateAt = new ArrayList<>();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            try {
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    try {
                        HttpResponse<String> r = client.send(legitimate, HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            failures.add("status " + r.statusCode());
                        }
                    } catch (IOException e) {
                        failures.add(e.getClass().getSimpleName());
                    }
                    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    latenciesMs.add(ms);
                    if (ms > 1_000) {
                        lateAt.add("#" + latenciesMs.size() + " at "
                                + TimeUnit.NANOSECONDS.toMillis(start - (end - TimeUnit.SECONDS.toNanos(10)))
                                + " ms: " + ms + " ms");
                    }
                    Thread.sleep(50);
                }
            } finally {
                attacking.set(false);
                attacker.shutdownNow();
                assertThat(attacker.awaitTermination(10, TimeUnit.SECONDS))
                        .as("attacker stopped")
                        .isTrue();
                assertThat(attack).isDone();
                slow.forEach(Trickler::close);
                bodies.forEach(Trickler::close);
            }

            List<Long> sorted = new ArrayList<>(latenciesMs);
            Collections.sort(sorted);
            long late = latenciesMs.stream().filter(ms -> ms > 1_000).count();
            int reconnects = slow.stream().mapToInt(t -> t.reconnects).sum()
                    + bodies.stream().mapToInt(t -> t.reconnects).sum();
            String summary = String.format(
                    "%d of %d legitimate requests took longer than 1 s %s and %d failed %s; latency p50 %d ms, p99 %d ms,"
                            + " max %d ms; slow connections the server answered or closed (and the test reopened): %d",
                    late,
                    latenciesMs.size(),
                    lateAt.subList(0, Math.min(5, lateAt.size())),
                    failures.size(),
                    failures.subList(0, Math.min(5, failures.size())),
                    sorted.get(sorted.size() / 2),
                    sorted.get((int) Math.min(sorted.size() - 1, Math.round(sorted.size() * 0.99))),
                    sorted.get(sorted.size() - 1),
                    reconnects);
            System.out.println("slow clients: " + summary);
            assertThat(late + failures.size()).as(summary).isZero();
            assertThat(latenciesMs).as("legitimate requests made").hasSizeGreaterThan(10);
        }
    }

    /** Reads until the server closes the connection (or 20 s pass); returns what it sent. */
    private static String untilClosed(Socket s, OutputStream trickle) throws IOException {
        s.setSoTimeout(200);
        InputStream in = s.getInputStream();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        byte[] buf = new byte[4096];
        while (System.nanoTime() < end) {
            try {
                int n = in.read(buf);
                if (n < 0) {
                    return got.toString(StandardCharsets.UTF_8);
                }
                got.write(buf, 0, n);
            } catch (SocketTimeoutException e) {
                if (trickle != null) {
                    try {
                        trickle.write('x');
                        trickle.flush();
                    } catch (IOException closed) {
                        return got.toString(StandardCharsets.UTF_8);
                    }
                }
            } catch (SocketException reset) {
                return got.toString(StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("the server kept the connection open for 20 s; it sent: " + got);
    }

    private static Socket connect(URI base, String head) throws IOException {
        Socket s = new Socket(base.getHost(), base.getPort());
        s.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
        return s;
    }

    @Test
    void a_request_whose_headers_never_end_is_cut_off_at_the_header_timeout() throws Exception {
        try (Harness h = Harness.start(b -> b.headerTimeout(Duration.ofMillis(500)));
                Socket s = connect(h.server.uri(), "GET /admin/curation/taxonomy HTTP/1.1\r\nX-Slow: ")) {
            assertThat(untilClosed(s, s.getOutputStream()))
                    .as("nothing is answered")
                    .isEmpty();
            assertThat(h.get("curation/taxonomy").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void a_declared_body_that_never_comes_is_cut_off_at_the_body_timeout_with_or_without_the_token() throws Exception {
        String head = "POST /admin/curation/candidates/0190b3c4-5d6e-7f80-9a1b-2c3d4e5f6a7b/approve HTTP/1.1\r\n"
                + "Host: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n";
        try (Harness h = Harness.start(b -> b.bodyTimeout(Duration.ofMillis(500)))) {
            try (Socket s = connect(h.server.uri(), head + "Authorization: Bearer " + TOKEN + "\r\n\r\n{")) {
                assertThat(untilClosed(s, null))
                        .as("read by the handler: nothing to answer")
                        .isEmpty();
            }
            try (Socket s = connect(h.server.uri(), head + "\r\n{")) {
                assertThat(untilClosed(s, null))
                        .as("refused without reading: answered, then the unread body is not waited for")
                        .startsWith("HTTP/1.1 401");
            }
            assertThat(h.get("curation/taxonomy").statusCode()).isEqualTo(200);
        }
    }

    @Test
    @SuppressWarnings("try") // a and b are closed early on purpose: that frees the two threads
    void beyond_max_active_connections_a_request_is_refused_not_queued() throws Exception {
        try (Harness h = Harness.start(b -> b.maxActiveConnections(2).threads(1));
                Socket a = connect(h.server.uri(), "GET /admin/curation/taxonomy HTTP/1.1\r\nX-Slow: ");
                Socket b = connect(h.server.uri(), "GET /admin/curation/taxonomy HTTP/1.1\r\nX-Slow: ")) {
            // both threads now wait for the rest of those headers (10 s); a third request finds no thread
            Thread.sleep(300);
            try (Socket c = connect(
                    h.server.uri(),
                    "GET /admin/curation/taxonomy HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN
                            + "\r\n\r\n")) {
                assertThat(untilClosed(c, null)).as("closed without an answer").isEmpty();
            }
            a.close();
            b.close();
            HttpResponse<String> r = null;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < end) { // the two threads are freed once their reads see the closed sockets
                try {
                    r = h.get("curation/taxonomy");
                    break;
                } catch (java.io.UncheckedIOException refused) {
                    Thread.sleep(50);
                }
            }
            assertThat(r).isNotNull();
            assertThat(r.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void a_mounted_server_cuts_off_bodies_that_never_come_on_the_hosts_threads() throws Exception {
        HttpServer host = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ExecutorService hostThreads = Executors.newFixedThreadPool(2);
        host.setExecutor(hostThreads);
        host.start();
        try (Harness h = Harness.start()) {
            AdminServer mounted = AdminServer.builder()
                    .token(TOKEN)
                    .bodyTimeout(Duration.ofMillis(500))
                    .curation(h.curator, CurationPolicy.seedDefault(), Taxonomy.SEED)
                    .mount(host);
            URI base = URI.create("http://127.0.0.1:" + host.getAddress().getPort() + "/admin/");
            String head = "POST /admin/curation/candidates/0190b3c4-5d6e-7f80-9a1b-2c3d4e5f6a7b/approve HTTP/1.1\r\n"
                    + "Host: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n";
            AtomicInteger closed = new AtomicInteger();
            for (int i = 0; i < 4; i++) { // twice the host's threads
                try (Socket s = connect(base, head + "Authorization: Bearer " + TOKEN + "\r\n\r\n{")) {
                    untilClosed(s, null);
                    closed.incrementAndGet();
                }
            }
            assertThat(closed).hasValue(4);
            HttpResponse<String> r = h.send(HttpRequest.newBuilder(base.resolve("curation/taxonomy"))
                    .header("Authorization", "Bearer " + TOKEN)
                    .build());
            assertThat(r.statusCode()).isEqualTo(200);
            mounted.close();
        } finally {
            host.stop(0);
            hostThreads.shutdownNow();
        }
    }
}
