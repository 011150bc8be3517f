package dev.tuneloop.openai;

import com.openai.client.OpenAIClient;
import dev.tuneloop.openai.OpenAiContractServer.Failure;
import dev.tuneloop.openai.OpenAiContractServer.Route;
import dev.tuneloop.testsupport.FineTuneClientContract;
import dev.tuneloop.testsupport.ProviderScript;
import dev.tuneloop.tune.FineTuneClient;
import dev.tuneloop.tune.JobStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The real openai-java client, through {@link OpenAiFineTuneClient}, against a stateful local OpenAI server. */
class OpenAiContractTest extends FineTuneClientContract {
    private static final String KEY = "sk-test-contract0123456789abcdefSECRET";
    private static final String BASE = "gpt-4o-mini-2024-07-18";
    private static final int RETRIES = 2;

    private OpenAiContractServer server;
    private OpenAIClient sdk;
    private OpenAiFineTuneClient client;
    private Script script;

    @BeforeEach
    void start() throws Exception {
        server = new OpenAiContractServer(KEY);
        sdk = OpenAiClients.builder()
                .baseUrl(server.baseUrl())
                .apiKey(KEY)
                .maxRetries(RETRIES)
                .sleeper(new NoSleep())
                .build();
        client = OpenAiFineTuneClient.create(sdk);
        script = new Script();
    }

    @AfterEach
    void stop() {
        sdk.close();
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
            Failure f = switch (kind) {
                case AUTHENTICATION ->
                    new Failure(401, "Incorrect API key provided", "invalid_request_error", "invalid_api_key", null);
                case REJECTED_PARAMETER ->
                    new Failure(
                            400,
                            "Invalid n_epochs: must be at most 50",
                            "invalid_request_error",
                            "invalid_value",
                            "hyperparameters.n_epochs");
                case RATE_LIMITED ->
                    new Failure(429, "Rate limit reached for requests", "requests", "rate_limit_exceeded", null);
                case OUTAGE -> new Failure(503, "The server is overloaded", "server_error", null, null);
                case FINE_TUNING_UNAVAILABLE ->
                    new Failure(
                            400,
                            "Model " + BASE + " is not available for fine-tuning",
                            "invalid_request_error",
                            "model_not_available",
                            "model");
            };
            server.fail(Route.valueOf(call.name()), f, requests);
        }

        @Override
        public int attempts() {
            return RETRIES + 1;
        }

        @Override
        public void pageSize(int size) {
            server.pageSize(size);
        }

        @Override
        public String baseModel() {
            return BASE;
        }

        @Override
        public String addJob(JobStatus status) {
            if (status == JobStatus.UNKNOWN) {
                throw new IllegalArgumentException("use addJobWithRawStatus");
            }
            return server.addJob(status.wire(), BASE);
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
                steps.add(server.addCheckpoint(jobId, i * 10L));
            }
            return steps;
        }

        @Override
        public List<String> addModels(int count) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String id = "ft:gpt-4o-mini:org-test::m" + ++seq;
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
