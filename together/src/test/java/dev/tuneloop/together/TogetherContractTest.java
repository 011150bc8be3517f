package dev.tuneloop.together;

import dev.tuneloop.testsupport.FineTuneClientContract;
import dev.tuneloop.testsupport.ProviderScript;
import dev.tuneloop.together.LocalTogetherServer.Failure;
import dev.tuneloop.together.LocalTogetherServer.Route;
import dev.tuneloop.tune.FineTuneClient;
import dev.tuneloop.tune.JobStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The real {@link TogetherFineTuneClient} over HTTP against a local server playing Together's API passes the
 * provider contract. Together's lists are not paged (the spec's answers carry the whole {@code data} array), so the
 * server ignores {@link ProviderScript#pageSize(int)}.
 */
class TogetherContractTest extends FineTuneClientContract {
    static final String KEY = "tgp_v1_contractSecretKey0123456789abcdef";
    static final String BASE = "meta-llama/Meta-Llama-3.1-8B-Instruct-Reference";
    private static final int RETRIES = 2;

    private LocalTogetherServer server;
    private TogetherFineTuneClient client;
    private Script script;

    @BeforeEach
    void start() throws Exception {
        server = new LocalTogetherServer(KEY);
        client = TogetherFineTuneClient.builder(KEY)
                .baseUrl(server.baseUrl())
                .maxRetries(RETRIES)
                .backoff(Duration.ZERO)
                .build();
        script = new Script();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Override
    protected FineTuneClient client() {
        return client;
    }

    @Override
    protected ProviderScript script() {
        return script;
    }

    @Override
    protected Optional<String> apiKey() {
        return Optional.of(KEY);
    }

    @Override
    protected boolean deletesFiles() {
        return true;
    }

    private final class Script implements ProviderScript {
        private int seq;

        @Override
        public void fail(Call call, ErrorKind kind, int requests) {
            Route route = Route.valueOf(call.name());
            Failure f = switch (kind) {
                case AUTHENTICATION ->
                    new Failure(401, "invalid_request_error", "Invalid API key provided", null, "invalid_api_key");
                case REJECTED_PARAMETER ->
                    new Failure(400, "invalid_request_error", "n_epochs must be at most 20 for this model", null, null);
                case RATE_LIMITED -> new Failure(429, "rate_limit", "Rate limit exceeded, slow down", null, null);
                case OUTAGE -> new Failure(503, "server_error", "The server is overloaded", null, null);
                case FINE_TUNING_UNAVAILABLE ->
                    new Failure(
                            400,
                            "invalid_request_error",
                            "Model " + BASE + " is not available for fine-tuning",
                            "model",
                            null);
            };
            server.fail(route, f, requests);
        }

        @Override
        public int attempts() {
            return RETRIES + 1;
        }

        @Override
        public void pageSize(int size) {
            // Together's lists are not paged
        }

        @Override
        public String baseModel() {
            return BASE;
        }

        @Override
        public String addJob(JobStatus status) {
            return server.addJob(
                    switch (status) {
                        case VALIDATING_FILES -> "pending";
                        case QUEUED -> "queued";
                        case RUNNING -> "running";
                        case SUCCEEDED -> "completed";
                        case FAILED -> "error";
                        case CANCELLED -> "cancelled";
                        case UNKNOWN -> throw new IllegalArgumentException("use addJobWithRawStatus");
                    },
                    BASE);
        }

        @Override
        public String addJobWithRawStatus(String rawStatus) {
            return server.addJob(rawStatus, BASE);
        }

        @Override
        public List<String> addJobs(int count) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ids.add(server.addJob("queued", BASE));
            }
            return ids;
        }

        @Override
        public List<String> addEvents(String jobId, int count) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                out.add(server.addEvent(jobId, "event " + ++seq));
            }
            return out;
        }

        @Override
        public List<Long> addCheckpoints(String jobId, int count) {
            List<Long> steps = new ArrayList<>();
            for (int i = count; i >= 1; i--) {
                steps.add(server.addCheckpoint(jobId, i * 100L));
            }
            return steps;
        }

        @Override
        public List<String> addModels(int count) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String id = "Qwen/Qwen3-" + ++seq + "B";
                server.addModel(id);
                ids.add(id);
            }
            return ids;
        }

        @Override
        public byte[] received(String fileId) {
            return server.content(fileId);
        }
    }
}
