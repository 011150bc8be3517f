package dev.tuneloop.testing;

import dev.tuneloop.errors.RetriableException;
import dev.tuneloop.errors.TuneloopException;
import dev.tuneloop.testing.FakeFineTuneClient.Operation;
import dev.tuneloop.testsupport.FineTuneClientContract;
import dev.tuneloop.testsupport.ProviderScript;
import dev.tuneloop.tune.FineTuneClient;
import dev.tuneloop.tune.FineTuneJob;
import dev.tuneloop.tune.FineTuneRequest;
import dev.tuneloop.tune.FineTuningUnavailableException;
import dev.tuneloop.tune.JobStatus;
import dev.tuneloop.tune.ProviderAuthenticationException;
import dev.tuneloop.tune.ProviderRejectedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;

/** The in-memory fake passes the provider contract; it makes no retries and has no key or paging. */
class FakeFineTuneClientContractTest extends FineTuneClientContract {
    private FakeFineTuneClient fake;
    private FakeScript script;

    @BeforeEach
    void start() {
        fake = FakeFineTuneClient.create();
        script = new FakeScript();
    }

    @Override
    protected FineTuneClient client() {
        return fake;
    }

    @Override
    protected ProviderScript script() {
        return script;
    }

    @Override
    protected Optional<String> apiKey() {
        return Optional.empty();
    }

    @Override
    protected boolean deletesFiles() {
        return true;
    }

    private final class FakeScript implements ProviderScript {
        private int seq;

        @Override
        public void fail(Call call, ErrorKind kind, int requests) {
            Operation op = switch (call) {
                case UPLOAD -> Operation.UPLOAD;
                case CREATE -> Operation.CREATE;
                case GET -> Operation.GET;
                case CANCEL -> Operation.CANCEL;
                case LIST -> Operation.LIST;
                case DELETE_FILE -> throw new IllegalArgumentException("the fake cannot fail deleteFile");
            };
            for (int i = 0; i < requests; i++) {
                fake.failNext(op, exception(kind));
            }
        }

        private TuneloopException exception(ErrorKind kind) {
            return switch (kind) {
                case AUTHENTICATION -> new ProviderAuthenticationException("fake refused the credentials", null);
                case REJECTED_PARAMETER -> new ProviderRejectedException("fake", REJECTED_PARAMETER, null, null, null);
                case RATE_LIMITED -> new RetriableException("fake rate limit");
                case OUTAGE -> new RetriableException("fake outage");
                case FINE_TUNING_UNAVAILABLE -> new FineTuningUnavailableException("fake", null, null);
            };
        }

        @Override
        public int attempts() {
            return 1;
        }

        @Override
        public void pageSize(int size) {
            // the fake has no pages
        }

        @Override
        public String baseModel() {
            return "fake-base-model";
        }

        private String create(String... script) {
            try {
                Path f = Files.writeString(contractDir.resolve("job-" + ++seq + ".jsonl"), TRAINING_JSONL);
                String fileId = fake.upload(f).id();
                fake.scriptNextJobs(script);
                FineTuneJob job = fake.create(FineTuneRequest.builder(baseModel(), fileId)
                        .suffix("s" + seq)
                        .build());
                fake.scriptNextJobs(FakeFineTuneClient.DEFAULT_SCRIPT.toArray(String[]::new));
                return job.id();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String addJob(JobStatus status) {
            if (status == JobStatus.SUCCEEDED) {
                // reaching succeeded through get gives the job its model, as the real providers do
                String id = create("running", "succeeded");
                fake.get(id);
                return id;
            }
            return create(status.wire());
        }

        @Override
        public String addJobWithRawStatus(String rawStatus) {
            return create(rawStatus);
        }

        @Override
        public List<String> addJobs(int count) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ids.add(create("queued"));
            }
            return ids;
        }

        @Override
        public List<String> addEvents(String jobId, int count) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                out.add(fake.addEvent(jobId, "info", "event " + i).message());
            }
            return out;
        }

        @Override
        public List<Long> addCheckpoints(String jobId, int count) {
            List<Long> steps = new ArrayList<>();
            for (int i = count; i >= 1; i--) {
                steps.add(fake.addCheckpoint(jobId, i * 10L, Map.of("train_loss", 1.0 / i))
                        .stepNumber());
            }
            return steps;
        }

        @Override
        public List<String> addModels(int count) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                fake.addModel("fake-model-" + i, "fake-org");
                ids.add("fake-model-" + i);
            }
            return ids;
        }

        @Override
        public byte[] received(String fileId) {
            return fake.uploads().stream()
                    .filter(u -> u.file().id().equals(fileId))
                    .findFirst()
                    .orElseThrow()
                    .bytes();
        }
    }
}
