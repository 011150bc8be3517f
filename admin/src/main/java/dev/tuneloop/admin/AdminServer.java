package dev.tuneloop.admin;

import com.sun.net.httpserver.HttpServer;
import dev.tuneloop.Tuneloop;
import dev.tuneloop.curate.CurationPolicy;
import dev.tuneloop.curate.Curator;
import dev.tuneloop.curate.ExampleStore;
import dev.tuneloop.curate.PairMarker;
import dev.tuneloop.curate.ReadinessChecklist;
import dev.tuneloop.curate.ReadinessReport;
import dev.tuneloop.curate.ReviewQueue;
import dev.tuneloop.curate.SuggestionStore;
import dev.tuneloop.curate.Taxonomy;
import dev.tuneloop.errors.Checks;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.eval.PreReviewer;
import dev.tuneloop.export.ExampleImporter;
import dev.tuneloop.export.ExportOptions;
import dev.tuneloop.export.JsonlExporter;
import dev.tuneloop.export.PriceTable;
import dev.tuneloop.metrics.ArmReport;
import dev.tuneloop.metrics.FlywheelMetrics;
import dev.tuneloop.metrics.Guardrail;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.record.InteractionStore;
import dev.tuneloop.route.AbRouter;
import dev.tuneloop.tune.FineTuneClient;
import dev.tuneloop.tune.FineTuneLauncher;
import dev.tuneloop.tune.JobStore;
import dev.tuneloop.tune.ModelLifecycle;
import dev.tuneloop.tune.ModelRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

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

    /**
     * A builder; {@link Builder#token(String)} is required.
     *
     * @return a builder with every default
     */
    static Builder builder() {
        return new Builder();
    }

    /**
     * A fresh random token (32 bytes from {@link SecureRandom}, base64url without padding, 43 characters), for hosts
     * that make one at start-up and hand it to their operators.
     *
     * @return a new token
     */
    static String randomToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The base address, e.g. {@code http://127.0.0.1:8090/admin/}.
     *
     * @return the server's base address, ending in {@code /admin/}
     */
    URI uri();

    /**
     * The review console's address: {@code uri().resolve("console/")}.
     *
     * @return the console's address
     */
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
        /** How far back the deployment page's per-arm metrics look, by default: 7 days. */
        public static final Duration DEFAULT_ARM_WINDOW = Duration.ofDays(7);
        /** How many feedback requests one client address may send per minute, by default. */
        public static final int DEFAULT_FEEDBACK_REQUESTS_PER_MINUTE = 60;

        @Nullable
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

        @Nullable
        Curator curator;

        @Nullable
        CurationPolicy policy;

        @Nullable
        Taxonomy taxonomy;

        @Nullable
        JsonlExporter exporter;

        @Nullable
        IntFunction<ExportOptions> exportOptions;

        @Nullable
        ExampleStore tableExamples;

        @Nullable
        ExampleImporter importer;

        @Nullable
        FineTuneLauncher launcher;

        @Nullable
        FineTuneClient fineTuneClient;

        @Nullable
        JobStore jobs;

        @Nullable
        ModelRegistry registry;

        ModelLifecycle lifecycle = ModelLifecycle.defaults();

        @Nullable
        Supplier<ReadinessReport> readiness;

        @Nullable
        FlywheelMetrics metrics;

        @Nullable
        ReviewQueue reviewQueue;

        @Nullable
        SuggestionStore suggestions;

        @Nullable
        PairMarker pairMarker;

        @Nullable
        ExampleStore suggestionExamples;

        @Nullable
        PreReviewer preReviewer;

        @Nullable
        FeedbackTokens feedbackTokens;

        @Nullable
        InteractionRecorder feedbackRecorder;

        /** The providers a launch may choose, by name, in the order given; the first is the default. */
        final Map<String, LaunchProvider> providers = new LinkedHashMap<>();

        List<String> baseModels =
                List.copyOf(PriceTable.standard().usdPerMillionTokens().keySet());
        PriceTable prices = PriceTable.standard();

        @Nullable
        AbRouter router;

        @Nullable
        InteractionStore armInteractions;

        @Nullable
        Guardrail guardrail;

        Duration armWindow = DEFAULT_ARM_WINDOW;
        Clock clock = Clock.systemUTC();

        Set<String> feedbackOrigins = Set.of();
        int feedbackRequestsPerMinute = DEFAULT_FEEDBACK_REQUESTS_PER_MINUTE;
        Clock feedbackClock = Clock.systemUTC();

        Builder() {}

        /**
         * The bearer token every API request must carry; required, at least {@value #MIN_TOKEN_CHARS} characters of
         * visible ASCII. There is no way to run without one. See {@link AdminServer#randomToken()}.
         *
         * @param token the bearer token
         * @return this builder
         */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /**
         * The interface an own server binds to (default {@value #DEFAULT_HOST}). Ignored by {@link #mount}.
         *
         * @param host a host name or address
         * @return this builder
         */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /**
         * The port an own server binds to (default {@value #DEFAULT_PORT}; 0 picks a free one).
         *
         * @param port a port, 0-65535
         * @return this builder
         */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * The largest request body accepted (default {@link #DEFAULT_MAX_BODY_BYTES}); larger ones get 413.
         *
         * @param maxBodyBytes the limit in bytes, at least 1
         * @return this builder
         */
        public Builder maxBodyBytes(long maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /**
         * Threads an own server keeps ready for requests (default {@value #DEFAULT_THREADS}); more are made on demand,
         * up to {@link #maxActiveConnections}, and end after 60 s without work. At most {@code maxActiveConnections}.
         * Ignored by {@link #mount}, which runs on the host server's executor.
         *
         * @param threads the core thread count, at least 1
         * @return this builder
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
         *
         * @param maxActiveConnections the bound, at least 1
         * @return this builder
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
         *
         * @param timeout a positive duration up to {@link #MAX_TIMEOUT}
         * @return this builder
         */
        public Builder headerTimeout(Duration timeout) {
            this.headerTimeout = timeout;
            return this;
        }

        /**
         * How long a request body may take to arrive once the handler reads it, and how long the unread body of a
         * refused request may take to be drained after the answer (default {@link #DEFAULT_BODY_TIMEOUT}); then the
         * connection is closed. Own and mounted servers.
         *
         * @param timeout a positive duration up to {@link #MAX_TIMEOUT}
         * @return this builder
         */
        public Builder bodyTimeout(Duration timeout) {
            this.bodyTimeout = timeout;
            return this;
        }

        /**
         * The reviewer recorded when an approve or reject request names none (default {@value #DEFAULT_REVIEWER}).
         *
         * @param reviewer the reviewer name
         * @return this builder
         */
        public Builder defaultReviewer(String reviewer) {
            this.defaultReviewer = reviewer;
            return this;
        }

        /**
         * Where exports are written before they are streamed, then deleted (default: {@code java.io.tmpdir}).
         *
         * @param directory a writable directory
         * @return this builder
         */
        public Builder workDirectory(Path directory) {
            this.workDirectory = directory;
            return this;
        }

        /**
         * Serves the curation endpoints and the console's review: candidates chosen by {@code policy}, approved and
         * rejected through {@code curator}, categories from {@code taxonomy} (give the one the curator checks
         * against; {@link Taxonomy#OPEN} lets reviewers type any category).
         *
         * @param curator approves and rejects
         * @param policy chooses the candidates
         * @param taxonomy the categories reviewers choose from
         * @return this builder
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
         * exporter, its flywheel metrics, its lifecycle calendar, its pair marker (when its store keeps marked pairs),
         * and its store's model registry (evaluation reports) and job store (the jobs page), unless given before. Fine-tuning still needs {@link #fineTuning}, deployment
         * {@link #deployment}.
         *
         * @param tuneloop the facade whose parts are served
         * @param taxonomy the categories reviewers choose from
         * @return this builder
         */
        public Builder tuneloop(Tuneloop tuneloop, Taxonomy taxonomy) {
            Objects.requireNonNull(tuneloop, "tuneloop");
            curation(tuneloop.curator(), CurationPolicy.seedDefault(), taxonomy);
            readiness(tuneloop.readiness(), tuneloop.store().examples());
            export(tuneloop.exporter());
            tables(tuneloop.store().examples());
            imports(tuneloop.importer());
            lifecycle(tuneloop.lifecycle());
            if (registry == null) {
                registry(tuneloop.store().registry());
            }
            if (jobs == null) {
                jobs = tuneloop.store().jobs();
            }
            if (pairMarker == null) {
                try {
                    pairMarker = tuneloop.pairMarker();
                } catch (UnsupportedOperationException e) {
                    // a store written before marked pairs existed: the pair endpoints answer "not configured"
                }
            }
            return metrics(tuneloop.flywheelMetrics());
        }

        /**
         * Serves {@code GET /admin/export/examples?format=csv|json}: the examples as a table for spreadsheets and pandas
         * ({@link dev.tuneloop.export.ExampleTables}, texts redacted with the standard redactor).
         *
         * @param examples the example store
         * @return this builder
         */
        public Builder tables(ExampleStore examples) {
            this.tableExamples = Objects.requireNonNull(examples, "examples");
            return this;
        }

        /**
         * Serves {@code POST /admin/import?format=csv|supervised|trl_sft|gemini_sft&source=NAME}: golden examples in
         * the request body (at most {@link #maxBodyBytes(long)}), imported through {@code importer}; the answer is the
         * per-row report.
         *
         * @param importer the importer (e.g. {@code tuneloop.importer()})
         * @return this builder
         */
        public Builder imports(ExampleImporter importer) {
            this.importer = Objects.requireNonNull(importer, "importer");
            return this;
        }

        /**
         * Serves {@code GET /admin/export/jsonl?min_quality=N} through {@code exporter} with the default
         * {@link ExportOptions} and the asked minimum quality.
         *
         * @param exporter writes the JSONL
         * @return this builder
         */
        public Builder export(JsonlExporter exporter) {
            return export(
                    exporter,
                    minQuality -> ExportOptions.builder().minQuality(minQuality).build());
        }

        /**
         * Serves {@code GET /admin/export/jsonl?min_quality=N} through {@code exporter}, with the options
         * {@code options} makes for the asked minimum quality (1-10); the options must not ask for a validation split.
         *
         * @param exporter writes the JSONL
         * @param options the options for a minimum quality
         * @return this builder
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
         *
         * @param launcher launches jobs
         * @param client the provider, asked for live status
         * @param jobs where jobs are saved
         * @param registry the model versions listed
         * @return this builder
         */
        public Builder fineTuning(
                FineTuneLauncher launcher, FineTuneClient client, JobStore jobs, ModelRegistry registry) {
            this.launcher = Objects.requireNonNull(launcher, "launcher");
            this.fineTuneClient = Objects.requireNonNull(client, "client");
            this.jobs = Objects.requireNonNull(jobs, "jobs");
            this.registry = Objects.requireNonNull(registry, "registry");
            LaunchProvider first = new LaunchProvider(launcher, client);
            Map<String, LaunchProvider> others = new LinkedHashMap<>(providers);
            others.remove(client.provider());
            providers.clear();
            providers.put(client.provider(), first);
            providers.putAll(others);
            return this;
        }

        /**
         * Offers another provider to launch on from the console ({@code POST /admin/fine-tune/launch} with
         * {@code "provider": name}); the provider of {@link #fineTuning} is offered under its client's
         * {@link FineTuneClient#provider()} name and is the default. Jobs and versions go to the job store and registry
         * of {@link #fineTuning}, which is required with this part.
         *
         * @param name the name the console shows and requests give, e.g. {@code together}
         * @param launcher launches jobs on this provider
         * @param client the provider, asked for live status and events of its jobs
         * @return this builder
         */
        public Builder provider(String name, FineTuneLauncher launcher, FineTuneClient client) {
            Objects.requireNonNull(name, "name");
            providers.put(
                    name,
                    new LaunchProvider(
                            Objects.requireNonNull(launcher, "launcher"), Objects.requireNonNull(client, "client")));
            return this;
        }

        /**
         * The base models the launch page offers (default: the models of {@link PriceTable#standard()}); a request
         * may still name any model.
         *
         * @param models model names, e.g. {@code gpt-4.1-mini-2025-04-14}
         * @return this builder
         */
        public Builder baseModels(List<String> models) {
            this.baseModels = List.copyOf(models);
            return this;
        }

        /**
         * The prices the launch page's cost estimate uses (default {@link PriceTable#standard()}).
         *
         * @param prices dollars per million training tokens by model
         * @return this builder
         */
        public Builder prices(PriceTable prices) {
            this.prices = Objects.requireNonNull(prices, "prices");
            return this;
        }

        /**
         * Serves the evaluation reports the registry holds: {@code GET /admin/evaluation/reports} and each version's
         * HTML report. {@link #fineTuning} and {@link #tuneloop} set it too.
         *
         * @param registry the model versions and their evaluations
         * @return this builder
         */
        public Builder registry(ModelRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Serves the deployment page: {@code GET /admin/deployment} (the plan {@code router} uses), {@code POST
         * /admin/deployment/ramp} and {@code POST /admin/deployment/kill-switch}, which change the router's plan
         * atomically ({@link AbRouter#change}). Give the router the host's requests use.
         *
         * @param router the router whose plan is shown and changed
         * @return this builder
         */
        public Builder deployment(AbRouter router) {
            this.router = Objects.requireNonNull(router, "router");
            return this;
        }

        /**
         * Serves {@code GET /admin/deployment/arms}: each arm's statistics over the interactions of the last
         * {@code window}, counted per arm of the router's plan ({@link ArmReport#collect}), and {@code guardrail}'s
         * verdict on them ({@link Guardrail#evaluate}, which changes nothing). Needs {@link #deployment}.
         *
         * @param interactions where the interactions are read from
         * @param guardrail judges the candidate arm against the base arm
         * @param window how far back to count, at least one minute
         * @return this builder
         */
        public Builder armMetrics(InteractionStore interactions, Guardrail guardrail, Duration window) {
            this.armInteractions = Objects.requireNonNull(interactions, "interactions");
            this.guardrail = Objects.requireNonNull(guardrail, "guardrail");
            this.armWindow = Objects.requireNonNull(window, "window");
            return this;
        }

        /**
         * The clock of the report links' expiry and the per-arm window (tests).
         *
         * @param clock the clock
         * @return this builder
         */
        Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
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

        /**
         * Serves {@code GET /admin/curation/readiness} (and the console's checklist): {@code checklist} over {@code store}.
         *
         * @param checklist the readiness checklist
         * @param store the examples it checks
         * @return this builder
         */
        public Builder readiness(ReadinessChecklist checklist, ExampleStore store) {
            Objects.requireNonNull(checklist, "checklist");
            Objects.requireNonNull(store, "store");
            this.readiness = () -> checklist.evaluate(store);
            return this;
        }

        /**
         * Serves review at team scale through {@code queue}: {@code POST /admin/review/claim}, {@code GET
         * /admin/review/queue}, {@code POST /admin/review/renew}, {@code POST /admin/review/claims/{id}/release} and
         * {@code GET /admin/review/claims}; approvals and rejections at {@code /admin/curation/candidates/{id}/…} then
         * go through the queue, so a candidate another reviewer holds is refused with 409 naming the holder. Give a
         * queue over the same curator as {@link #curation}.
         *
         * @param queue the review queue
         * @return this builder
         */
        public Builder reviewQueue(ReviewQueue queue) {
            this.reviewQueue = Objects.requireNonNull(queue, "queue");
            return this;
        }

        /**
         * Serves the pairs reviewers mark ({@link PairMarker}): {@code POST /admin/curation/examples/{id}/pairs} with
         * {@code {"rejected_interaction_id": …, "note": …}} marks another recorded answer to the example's question as
         * the worse one, {@code GET} on the same path lists the example's pairs with their answers, and
         * {@code POST /admin/curation/pairs/{pair_id}/remove} takes a mark back.
         *
         * @param marker the marker, e.g. {@code tuneloop.pairMarker()}
         * @return this builder
         */
        public Builder preferencePairs(PairMarker marker) {
            this.pairMarker = Objects.requireNonNull(marker, "marker");
            return this;
        }

        /**
         * Serves the pre-reviewer's suggestions: each candidate of {@code GET /admin/curation/candidates} gains a
         * {@code "suggestion"} field (category, score, reason, improved answer) when the store holds one, and
         * {@code GET /admin/review/suggestions/agreement} reports how far they agree with the human decisions in
         * {@code examples}.
         *
         * @param suggestions where the pre-reviewer stores them, e.g. {@code store.suggestions()}
         * @param examples    the reviewed examples, e.g. {@code store.examples()}
         * @return this builder
         */
        public Builder suggestions(SuggestionStore suggestions, ExampleStore examples) {
            this.suggestions = Objects.requireNonNull(suggestions, "suggestions");
            this.suggestionExamples = Objects.requireNonNull(examples, "examples");
            return this;
        }

        /**
         * Serves the pre-reviewer over HTTP: {@code POST /admin/review/pre-review/estimate} (the candidates of
         * {@link #curation}, the model calls left after the cache, the estimated tokens and cost; calls no model),
         * {@code POST /admin/review/pre-review/runs} (starts a run over them in the background, only with
         * {@code "confirm": true}, optionally only within {@code "max_usd"} or {@code "max_calls"}; one run at a time
         * per server, else 409) and {@code GET /admin/review/pre-review/runs/current} (its progress). Needs
         * {@link #curation}; give {@link #suggestions} the pre-reviewer's store too, so the console shows what it
         * suggests.
         *
         * @param preReviewer the pre-reviewer, e.g. {@code PreReviewer.builder(model, id, store.suggestions())…build()}
         * @return this builder
         */
        public Builder preReview(PreReviewer preReviewer) {
            this.preReviewer = Objects.requireNonNull(preReviewer, "preReviewer");
            return this;
        }

        /**
         * Serves {@code POST /admin/feedback}: 👍/👎, edits and follow-ups straight from the browser, each authorized by
         * a token from {@code tokens} alone (never the admin token), recorded through {@code recorder}. A malformed,
         * tampered, foreign or expired token is a 401 JSON error and records nothing; a kind the token does not allow
         * is a 403. Browsers send an {@code Origin}: list the origins of your pages with {@link #feedbackOrigins}.
         *
         * @param tokens   checks the feedback tokens (the same secret the host issues them with)
         * @param recorder where accepted feedback goes (the host's recorder)
         * @return this builder
         */
        public Builder feedback(FeedbackTokens tokens, InteractionRecorder recorder) {
            this.feedbackTokens = Objects.requireNonNull(tokens, "tokens");
            this.feedbackRecorder = Objects.requireNonNull(recorder, "recorder");
            return this;
        }

        /**
         * The origins (e.g. {@code https://app.example.com}) whose pages may send feedback (CORS); requests with
         * another {@code Origin} get 403. Default: none, so only clients that send no {@code Origin} (not browsers).
         *
         * @param origins scheme, host and port as the browser sends them
         * @return this builder
         */
        public Builder feedbackOrigins(Set<String> origins) {
            this.feedbackOrigins = Set.copyOf(origins);
            return this;
        }

        /**
         * How many feedback requests one client address may send per minute (default
         * {@value #DEFAULT_FEEDBACK_REQUESTS_PER_MINUTE}); beyond it, 429 with {@code Retry-After}.
         *
         * @param requests 1 to 100000
         * @return this builder
         */
        public Builder feedbackRequestsPerMinute(int requests) {
            this.feedbackRequestsPerMinute = requests;
            return this;
        }

        /**
         * The clock of the feedback rate limit's minutes (tests).
         *
         * @param clock the clock
         * @return this builder
         */
        Builder feedbackClock(Clock clock) {
            this.feedbackClock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Serves {@code GET /admin/metrics} (and the console's metrics panel): the seed's key metrics.
         *
         * @param metrics the flywheel metrics
         * @return this builder
         */
        public Builder metrics(FlywheelMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        /**
         * Starts an own server on {@link #host}:{@link #port}.
         *
         * @return the running server
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
         * @param server the host's server, started or not
         * @return the mounted admin server
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
            c.require(
                    feedbackRequestsPerMinute >= 1 && feedbackRequestsPerMinute <= 100_000,
                    "feedbackRequestsPerMinute must be in 1..100000, but was " + feedbackRequestsPerMinute);
            timeout(c, "bodyTimeout", bodyTimeout);
            c.require(
                    providers.isEmpty() || launcher != null,
                    "provider(...) needs fineTuning(...) too: its job store and registry keep every provider's jobs");
            providers
                    .keySet()
                    .forEach(name -> c.require(
                            PROVIDER_NAME.matcher(name).matches(),
                            "provider name must be letters, digits and _ . - (at most 64), but was '" + name + "'"));
            c.require(
                    baseModels.stream().allMatch(m -> m != null && !m.isBlank()),
                    "baseModels must not contain null or blank names");
            c.require(
                    armWindow.compareTo(Duration.ofMinutes(1)) >= 0,
                    "armMetrics window must be at least 1 minute, but was " + armWindow);
            c.require(guardrail == null || router != null, "armMetrics(...) needs deployment(router) too");
            c.require(
                    preReviewer == null || curator != null,
                    "preReview(...) needs curation(...) too: the pre-reviewer runs over its candidates");
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

        /** The names a provider may have. */
        static final Pattern PROVIDER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

        private static void timeout(Checks c, String name, Duration d) {
            c.require(
                    d != null && !d.isNegative() && !d.isZero() && d.compareTo(MAX_TIMEOUT) <= 0,
                    name + " must be > 0 and <= " + MAX_TIMEOUT + ", but was " + d);
        }
    }
}
