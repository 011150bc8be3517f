package dev.tuneloop.admin;

import com.sun.net.httpserver.HttpServer;
import dev.tuneloop.Tuneloop;
import dev.tuneloop.curate.CurationPolicy;
import dev.tuneloop.curate.Curator;
import dev.tuneloop.curate.ExampleStore;
import dev.tuneloop.curate.ReadinessChecklist;
import dev.tuneloop.curate.ReadinessReport;
import dev.tuneloop.curate.Taxonomy;
import dev.tuneloop.errors.Checks;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.export.ExportOptions;
import dev.tuneloop.export.JsonlExporter;
import dev.tuneloop.metrics.FlywheelMetrics;
import dev.tuneloop.tune.FineTuneClient;
import dev.tuneloop.tune.FineTuneLauncher;
import dev.tuneloop.tune.JobStore;
import dev.tuneloop.tune.ModelLifecycle;
import dev.tuneloop.tune.ModelRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The seed's admin HTTP endpoints and the browser review console, on the JDK's built-in
 * {@link com.sun.net.httpserver.HttpServer}.
 *
 * <p>Every endpoint lives under {@code /admin/}; the console page is {@code /admin/console/}. Every API call needs
 * {@code Authorization: Bearer <token>}; only the console's static files (HTML, JS, CSS, which hold no data) are served
 * without it. A server is built from the parts it serves ({@link Builder#curation}, {@link Builder#export},
 * {@link Builder#fineTuning}, …): an endpoint whose part is missing answers 404 {@code not_configured}.
 *
 * <p>Either {@link Builder#start()} runs its own server on a host and port (default {@value Builder#DEFAULT_HOST}), or
 * {@link Builder#mount(HttpServer)} registers the {@code /admin/} context on a server the host already runs.
 * {@link #close()} stops the own server, or removes the context from the host's server. Thread-safe.
 *
 * <p>Slow or hostile clients are bounded: a request's headers must arrive within {@link Builder#headerTimeout} (own
 * server) and its body within {@link Builder#bodyTimeout}, and an own server answers up to
 * {@link Builder#maxActiveConnections} requests at once, each on its own thread, so that a few connections that never
 * finish their request cannot take every thread. The JDK server's JVM-wide settings are listed in the README.
 */
public interface AdminServer extends AutoCloseable {

    /** The prefix of every path this server answers. */
    String BASE_PATH = "/admin/";

    /** A builder; {@link Builder#token(String)} is required. */
    static Builder builder() {
        return new Builder();
    }

    /**
     * A fresh random token (32 bytes from {@link SecureRandom}, base64url without padding, 43 characters), for hosts
     * that make one at start-up and hand it to their operators.
     */
    static String randomToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The base address, e.g. {@code http://127.0.0.1:8090/admin/}. */
    URI uri();

    /** The review console's address: {@code uri().resolve("console/")}. */
    default URI consoleUri() {
        return uri().resolve("console/");
    }

    /** Stops the own server (or unmounts from the host's server) and releases its threads. Idempotent. */
    @Override
    void close();

    /**
     * Settings and parts of an {@link AdminServer}. Not thread-safe; build once.
     */
    final class Builder {
        /** The interface an own server binds to by default: loopback only. */
        public static final String DEFAULT_HOST = "127.0.0.1";
        /** The port an own server binds to by default. */
        public static final int DEFAULT_PORT = 8090;
        /** The largest request body accepted by default (1 MiB); larger ones get 413. */
        public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
        /** The threads an own server keeps ready by default (more are made on demand, up to the active bound). */
        public static final int DEFAULT_THREADS = 4;
        /** The most connections an own server reads or answers a request on at once, by default. */
        public static final int DEFAULT_MAX_ACTIVE_CONNECTIONS = 256;
        /** How long a request's line and headers may take to arrive, from its first byte, by default. */
        public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
        /** How long a request's body may take to arrive (or to be drained when unread), by default. */
        public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(30);
        /** The longest header or body timeout accepted. */
        public static final Duration MAX_TIMEOUT = Duration.ofHours(1);
        /** The reviewer recorded when a request names none. */
        public static final String DEFAULT_REVIEWER = "admin";
        /** The shortest token accepted. */
        public static final int MIN_TOKEN_CHARS = 16;

        String token;
        String host = DEFAULT_HOST;
        int port = DEFAULT_PORT;
        long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        int threads = DEFAULT_THREADS;
        int maxActiveConnections = DEFAULT_MAX_ACTIVE_CONNECTIONS;
        Duration headerTimeout = DEFAULT_HEADER_TIMEOUT;
        Duration bodyTimeout = DEFAULT_BODY_TIMEOUT;
        String defaultReviewer = DEFAULT_REVIEWER;
        Path workDirectory = Path.of(System.getProperty("java.io.tmpdir"));
        Curator curator;
        CurationPolicy policy;
        Taxonomy taxonomy;
        JsonlExporter exporter;
        IntFunction<ExportOptions> exportOptions;
        FineTuneLauncher launcher;
        FineTuneClient fineTuneClient;
        JobStore jobs;
        ModelRegistry registry;
        ModelLifecycle lifecycle = ModelLifecycle.defaults();
        Supplier<ReadinessReport> readiness;
        FlywheelMetrics metrics;

        Builder() {}

        /**
         * The bearer token every API request must carry; required, at least {@value #MIN_TOKEN_CHARS} characters of
         * visible ASCII. There is no way to run without one. See {@link AdminServer#randomToken()}.
         */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /** The interface an own server binds to (default {@value #DEFAULT_HOST}). Ignored by {@link #mount}. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** The port an own server binds to (default {@value #DEFAULT_PORT}; 0 picks a free one). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The largest request body accepted (default {@link #DEFAULT_MAX_BODY_BYTES}); larger ones get 413. */
        public Builder maxBodyBytes(long maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /**
         * Threads an own server keeps ready for requests (default {@value #DEFAULT_THREADS}); more are made on demand,
         * up to {@link #maxActiveConnections}, and end after 60 s without work. At most {@code maxActiveConnections}.
         * Ignored by {@link #mount}, which runs on the host server's executor.
         */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /**
         * The most connections an own server reads or answers a request on at once (default
         * {@value #DEFAULT_MAX_ACTIVE_CONNECTIONS}), each on its own thread, so that slow clients (bounded by the
         * {@link #headerTimeout} and {@link #bodyTimeout}) cannot take the threads every other request needs: they
         * would have to hold this many connections at once. A connection whose request arrives beyond the bound is
         * closed without an answer. Connections between requests (keep-alive) or that have sent nothing yet hold no
         * thread and do not count; the JDK closes them after {@code sun.net.httpserver.idleInterval} (30 s), and only
         * the JVM-wide {@code jdk.httpserver.maxConnections} bounds their number (see the README's admin section).
         * Ignored by {@link #mount}.
         */
        public Builder maxActiveConnections(int maxActiveConnections) {
            this.maxActiveConnections = maxActiveConnections;
            return this;
        }

        /**
         * How long a request line and its headers may take to arrive, counted from their first byte (default
         * {@link #DEFAULT_HEADER_TIMEOUT}); then the connection is closed without an answer. An own server only: a
         * mounted context starts after the host's server has read the headers (see the README for the JVM-wide
         * {@code sun.net.httpserver.maxReqTime} that covers that case).
         */
        public Builder headerTimeout(Duration timeout) {
            this.headerTimeout = timeout;
            return this;
        }

        /**
         * How long a request body may take to arrive once the handler reads it, and how long the unread body of a
         * refused request may take to be drained after the answer (default {@link #DEFAULT_BODY_TIMEOUT}); then the
         * connection is closed. Own and mounted servers.
         */
        public Builder bodyTimeout(Duration timeout) {
            this.bodyTimeout = timeout;
            return this;
        }

        /** The reviewer recorded when an approve or reject request names none (default {@value #DEFAULT_REVIEWER}). */
        public Builder defaultReviewer(String reviewer) {
            this.defaultReviewer = reviewer;
            return this;
        }

        /** Where exports are written before they are streamed, then deleted (default: {@code java.io.tmpdir}). */
        public Builder workDirectory(Path directory) {
            this.workDirectory = directory;
            return this;
        }

        /**
         * Serves the curation endpoints and the console's review: candidates chosen by {@code policy}, approved and
         * rejected through {@code curator}, categories from {@code taxonomy} (give the one the curator checks
         * against; {@link Taxonomy#OPEN} lets reviewers type any category).
         */
        public Builder curation(Curator curator, CurationPolicy policy, Taxonomy taxonomy) {
            this.curator = Objects.requireNonNull(curator, "curator");
            this.policy = Objects.requireNonNull(policy, "policy");
            this.taxonomy = Objects.requireNonNull(taxonomy, "taxonomy");
            return this;
        }

        /**
         * Serves every part {@code tuneloop} hands out: curation with its curator (the seed's candidate rule and
         * {@code taxonomy}, which should be the one {@code tuneloop} was built with), its readiness checklist, its
         * exporter, its flywheel metrics and its lifecycle calendar. Fine-tuning still needs {@link #fineTuning}.
         */
        public Builder tuneloop(Tuneloop tuneloop, Taxonomy taxonomy) {
            Objects.requireNonNull(tuneloop, "tuneloop");
            curation(tuneloop.curator(), CurationPolicy.seedDefault(), taxonomy);
            readiness(tuneloop.readiness(), tuneloop.store().examples());
            export(tuneloop.exporter());
            lifecycle(tuneloop.lifecycle());
            return metrics(tuneloop.flywheelMetrics());
        }

        /**
         * Serves {@code GET /admin/export/jsonl?min_quality=N} through {@code exporter} with the default
         * {@link ExportOptions} and the asked minimum quality.
         */
        public Builder export(JsonlExporter exporter) {
            return export(
                    exporter,
                    minQuality -> ExportOptions.builder().minQuality(minQuality).build());
        }

        /**
         * Serves {@code GET /admin/export/jsonl?min_quality=N} through {@code exporter}, with the options
         * {@code options} makes for the asked minimum quality (1-10); the options must not ask for a validation split.
         */
        public Builder export(JsonlExporter exporter, IntFunction<ExportOptions> options) {
            this.exporter = Objects.requireNonNull(exporter, "exporter");
            this.exportOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Serves {@code POST /admin/fine-tune/create} through {@code launcher} (readiness → export → validate → upload →
         * create → register the version), {@code GET /admin/fine-tune/{id}/status}
         * (asked of {@code client} live, and saved to {@code jobs} when the job is there), and
         * {@code GET /admin/fine-tune/models} (the registry's versions).
         */
        public Builder fineTuning(
                FineTuneLauncher launcher, FineTuneClient client, JobStore jobs, ModelRegistry registry) {
            this.launcher = Objects.requireNonNull(launcher, "launcher");
            this.fineTuneClient = Objects.requireNonNull(client, "client");
            this.jobs = Objects.requireNonNull(jobs, "jobs");
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * The lifecycle calendar whose dates {@code GET /admin/fine-tune/models} shows per version (default
         * {@link ModelLifecycle#defaults()}; {@link #tuneloop} takes the instance's).
         *
         * @param lifecycle the calendar
         * @return this builder
         */
        public Builder lifecycle(ModelLifecycle lifecycle) {
            this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
            return this;
        }

        /** Serves {@code GET /admin/curation/readiness} (and the console's checklist): {@code checklist} over {@code store}. */
        public Builder readiness(ReadinessChecklist checklist, ExampleStore store) {
            Objects.requireNonNull(checklist, "checklist");
            Objects.requireNonNull(store, "store");
            this.readiness = () -> checklist.evaluate(store);
            return this;
        }

        /** Serves {@code GET /admin/metrics} (and the console's metrics panel): the seed's key metrics. */
        public Builder metrics(FlywheelMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        /**
         * Starts an own server on {@link #host}:{@link #port}.
         *
         * @throws ValidationException listing every problem of the settings (no token, a short token, …); nothing
         *                             is started
         * @throws dev.tuneloop.errors.TuneloopException when the port cannot be bound
         */
        public AdminServer start() {
            validate(true);
            return JdkAdminServer.start(this);
        }

        /**
         * Registers the {@code /admin/} context on {@code server}, which the host starts and stops; {@link #close()}
         * removes the context.
         *
         * @throws ValidationException listing every problem of the settings; nothing is registered
         * @throws IllegalArgumentException when {@code server} already has an {@code /admin/} context
         */
        public AdminServer mount(HttpServer server) {
            Objects.requireNonNull(server, "server");
            validate(false);
            return JdkAdminServer.mount(this, server);
        }

        private void validate(boolean ownServer) {
            Checks c = Checks.start();
            if (token == null || token.isEmpty()) {
                c.add("token is required: the admin server never runs without one (see AdminServer.randomToken())");
            } else {
                c.require(
                        token.length() >= MIN_TOKEN_CHARS,
                        "token must be at least " + MIN_TOKEN_CHARS + " characters, but has " + token.length());
                c.require(
                        token.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f),
                        "token must be visible ASCII characters without spaces");
            }
            c.require(
                    maxBodyBytes > 0 && maxBodyBytes <= Integer.MAX_VALUE - 8,
                    "maxBodyBytes must be in 1.." + (Integer.MAX_VALUE - 8) + ", but was " + maxBodyBytes);
            c.text("defaultReviewer", defaultReviewer, true, 1024);
            c.require(workDirectory != null, "workDirectory is required, but was null");
            timeout(c, "headerTimeout", headerTimeout);
            timeout(c, "bodyTimeout", bodyTimeout);
            if (ownServer) {
                c.require(host != null && !host.isBlank(), "host is required, but was " + host);
                c.require(port >= 0 && port <= 65535, "port must be in 0..65535, but was " + port);
                c.require(
                        maxActiveConnections >= 1 && maxActiveConnections <= 100_000,
                        "maxActiveConnections must be in 1..100000, but was " + maxActiveConnections);
                c.require(
                        threads >= 1 && threads <= Math.max(1, maxActiveConnections),
                        "threads must be in 1..maxActiveConnections (" + maxActiveConnections + "), but was "
                                + threads);
            }
            c.orThrow();
        }

        private static void timeout(Checks c, String name, Duration d) {
            c.require(
                    d != null && !d.isNegative() && !d.isZero() && d.compareTo(MAX_TIMEOUT) <= 0,
                    name + " must be > 0 and <= " + MAX_TIMEOUT + ", but was " + d);
        }
    }
}
