package dev.tuneloop.vertex;

import dev.tuneloop.testsupport.FineTuneClientContract;
import dev.tuneloop.testsupport.ProviderScript;
import dev.tuneloop.tune.FineTuneClient;
import dev.tuneloop.tune.JobStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The shared provider contract, run by the real google-genai SDK against {@link FakeVertexServer}.
 *
 * <p>One contract test does not apply to Vertex AI and is skipped with the reason shown in the report:
 * {@code eventsReturnEveryPageOldestFirst}: Vertex AI has no job event stream; this client's events are the job's own
 * timestamps, so events a script adds cannot exist (covered for Vertex AI in {@link VertexFineTuneClientTest}). The
 * rejected-parameter test runs with Vertex AI's spelling, {@code epochCount}.
 * The contract's training file is OpenAI chat JSONL, so this client runs with {@code checkFormat(false)}; the Gemini
 * line check has its own tests.
 */
@ExtendWith(VertexContractTest.NotForVertex.class)
class VertexContractTest extends FineTuneClientContract {
    static final Map<String, String> NOT_FOR_VERTEX = Map.of(
            "eventsReturnEveryPageOldestFirst",
            "Vertex AI has no job event stream: events are derived from the job's timestamps");

    /** Skips the contract tests listed in {@link #NOT_FOR_VERTEX}, with their reason. */
    static final class NotForVertex implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String reason = context.getTestMethod()
                    .map(m -> NOT_FOR_VERTEX.get(m.getName()))
                    .orElse(null);
            return reason == null
                    ? ConditionEvaluationResult.enabled("applies to Vertex AI")
                    : ConditionEvaluationResult.disabled(reason);
        }
    }

    private FakeVertexServer server;
    private MemoryStager stager;
    private VertexFineTuneClient client;
    private Script script;

    @BeforeEach
    void start() throws Exception {
        server = new FakeVertexServer();
        stager = new MemoryStager();
        client = VertexFineTuneClient.builder("tuneloop-test", "us-central1", stager)
                .credentials(VertexFineTuneClientTest.testCredentials(FakeVertexServer.TOKEN))
                .baseUrl(server.baseUrl())
                .retryDelay(java.time.Duration.ofMillis(1))
                .attempts(3)
                .checkFormat(false)
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
        return Optional.of(FakeVertexServer.TOKEN);
    }

    @Override
    protected boolean deletesFiles() {
        return true;
    }

    /** An error answer of the fake server. */
    private record Answer(int code, String status, String message) {}

    private final class Script implements ProviderScript {
        private static final String BASE = "gemini-2.5-flash";
        private int models;

        @Override
        public void fail(Call call, ErrorKind kind, int requests) {
            Answer a = switch (kind) {
                case AUTHENTICATION ->
                    new Answer(
                            401,
                            "UNAUTHENTICATED",
                            "Request had invalid authentication credentials (token " + FakeVertexServer.TOKEN + ").");
                case REJECTED_PARAMETER ->
                    new Answer(400, "INVALID_ARGUMENT", rejectedParameter() + " must be between 1 and 1, got 2.");
                case RATE_LIMITED ->
                    new Answer(
                            429,
                            "RESOURCE_EXHAUSTED",
                            "Quota exceeded for aiplatform.googleapis.com/online_prediction_requests_per_minute.");
                case OUTAGE -> new Answer(503, "UNAVAILABLE", "The service is currently unavailable.");
                case FINE_TUNING_UNAVAILABLE ->
                    new Answer(
                            400,
                            "INVALID_ARGUMENT",
                            "Base model " + BASE + " is not supported for tuning in this region.");
            };
            int code = a.code();
            String status = a.status();
            String message = a.message();
            switch (call) {
                case CREATE -> server.failRoute("create", requests, code, status, message);
                case GET -> server.failRoute("get", requests, code, status, message);
                case CANCEL -> server.failRoute("cancel", requests, code, status, message);
                case LIST -> {
                    // events and checkpoints are read from the job itself: a job GET is a list route here
                    server.failRoute("list", requests, code, status, message);
                    server.failRoute("get", requests, code, status, message);
                }
                default -> throw new UnsupportedOperationException(call + " goes to Cloud Storage, not the tuning API");
            }
        }

        @Override
        public int attempts() {
            return 3;
        }

        @Override
        public String rejectedParameter() {
            return "epochCount";
        }

        @Override
        public void pageSize(int size) {
            server.forcePageSize(size);
        }

        @Override
        public String baseModel() {
            return BASE;
        }

        @Override
        public String addJob(JobStatus status) {
            String state = switch (status) {
                case VALIDATING_FILES, QUEUED -> "JOB_STATE_QUEUED";
                case RUNNING -> "JOB_STATE_RUNNING";
                case SUCCEEDED -> "JOB_STATE_SUCCEEDED";
                case FAILED -> "JOB_STATE_FAILED";
                case CANCELLED -> "JOB_STATE_CANCELLED";
                case UNKNOWN -> throw new IllegalArgumentException("no Vertex AI state for " + status);
            };
            String extra = status == JobStatus.SUCCEEDED
                    ? "{\"tunedModel\":{\"model\":\"projects/123456789012/locations/us-central1/models/5@1\","
                            + "\"endpoint\":\"projects/123456789012/locations/us-central1/endpoints/6\"}}"
                    : "{}";
            return server.addJob(BASE, state, extra);
        }

        @Override
        public String addJobWithRawStatus(String rawStatus) {
            return server.addJob(BASE, rawStatus, "{}");
        }

        @Override
        public List<String> addJobs(int count) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ids.add(addJob(JobStatus.RUNNING));
            }
            return ids;
        }

        @Override
        public List<String> addEvents(String jobId, int count) {
            throw new UnsupportedOperationException("Vertex AI has no job events");
        }

        @Override
        public List<Long> addCheckpoints(String jobId, int count) {
            List<Long> steps = new ArrayList<>();
            StringBuilder json = new StringBuilder("{\"tunedModel\":{\"endpoint\":\"projects/123456789012/locations/"
                    + "us-central1/endpoints/6\",\"checkpoints\":[");
            for (int i = 0; i < count; i++) {
                long step = (long) (count - i) * 10; // highest first: the client must sort
                steps.add(step);
                json.append(i == 0 ? "" : ",")
                        .append("{\"checkpointId\":\"")
                        .append(count - i)
                        .append("\",\"step\":\"")
                        .append(step)
                        .append("\",\"endpoint\":\"projects/123456789012/locations/us-central1/endpoints/6")
                        .append(step)
                        .append("\"}");
            }
            json.append("]}}");
            server.update(jobId, "JOB_STATE_SUCCEEDED", json.toString());
            return steps;
        }

        @Override
        public List<String> addModels(int count) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String endpoint = "projects/123456789012/locations/us-central1/endpoints/m" + models++;
                server.addJob(BASE, "JOB_STATE_SUCCEEDED", "{\"tunedModel\":{\"endpoint\":\"" + endpoint + "\"}}");
                ids.add(endpoint);
            }
            return ids;
        }

        @Override
        public byte[] received(String fileId) {
            byte[] bytes = stager.objects.get(fileId);
            if (bytes == null) {
                throw new AssertionError("nothing staged at " + fileId);
            }
            return bytes;
        }
    }
}
