package dev.tuneloop.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tuneloop.errors.ConflictException;
import dev.tuneloop.errors.NotFoundException;
import dev.tuneloop.errors.RetriableException;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.testsupport.ProviderScript.Call;
import dev.tuneloop.testsupport.ProviderScript.ErrorKind;
import dev.tuneloop.tune.Checkpoint;
import dev.tuneloop.tune.FineTuneClient;
import dev.tuneloop.tune.FineTuneJob;
import dev.tuneloop.tune.FineTuneRequest;
import dev.tuneloop.tune.FineTuningUnavailableException;
import dev.tuneloop.tune.Hyperparameters;
import dev.tuneloop.tune.JobEvent;
import dev.tuneloop.tune.JobStatus;
import dev.tuneloop.tune.ModelInfo;
import dev.tuneloop.tune.ProviderAuthenticationException;
import dev.tuneloop.tune.ProviderRejectedException;
import dev.tuneloop.tune.UploadedFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link FineTuneClient} implementation owes its callers, as one JUnit 5 suite. An
 * implementation's test extends this class, builds a fresh client and {@link ProviderScript} per test (in a
 * {@code @BeforeEach}), and answers the four hooks below. See {@code /work/scratch/notes/contract.md} for a how-to.
 *
 * <p>Covered: upload of a JSONL file (bytes arrive unchanged; a missing file is a ValidationException naming it),
 * create/get/cancel (cancelling a finished job is a ConflictException), complete lists across pages (jobs, events
 * oldest first, checkpoints lowest step first, models), each error class by what the caller can do, an unknown future
 * status kept as text, deleteFile (works, or the documented UnsupportedOperationException), and that the API key
 * never appears in an exception's message or toString() nor in the client's toString().
 */
public abstract class FineTuneClientContract {

    /** A status text no provider uses today; it must come back as {@link JobStatus#UNKNOWN} with the text kept. */
    public static final String FUTURE_STATUS = "hibernating_for_review";

    /** A small supervised JSONL file, with non-ASCII text to show the bytes arrive unchanged. */
    public static final String TRAINING_JSONL = "{\"messages\":[{\"role\":\"user\",\"content\":\"Grüße?\"},"
            + "{\"role\":\"assistant\",\"content\":\"Hallo — bonjour.\"}]}\n"
            + "{\"messages\":[{\"role\":\"user\",\"content\":\"2+2?\"},{\"role\":\"assistant\",\"content\":\"4\"}]}\n";

    /** A temporary directory for the files the contract uploads. */
    @TempDir
    protected Path contractDir;

    /**
     * The client under test, fresh for each test and talking to {@link #script()}'s provider.
     *
     * @return the client
     */
    protected abstract FineTuneClient client();

    /**
     * The script of the provider behind {@link #client()}, fresh for each test.
     *
     * @return the script
     */
    protected abstract ProviderScript script();

    /**
     * The API key the client sends, to check that it never leaks; empty for a client that has none (the fake).
     *
     * @return the key, or empty
     */
    protected abstract Optional<String> apiKey();

    /**
     * Whether the client overrides {@link FineTuneClient#deleteFile(String)}; when false the contract expects the
     * documented {@link UnsupportedOperationException}.
     *
     * @return true when files can be deleted
     */
    protected abstract boolean deletesFiles();

    private UploadedFile uploadTrainingFile() throws Exception {
        Path f = contractDir.resolve("train.jsonl");
        Files.writeString(f, TRAINING_JSONL, StandardCharsets.UTF_8);
        return client().upload(f);
    }

    private FineTuneRequest request(String fileId) {
        return FineTuneRequest.builder(script().baseModel(), fileId)
                .suffix("contract")
                .hyperparameters(Hyperparameters.AUTO.withEpochs(2))
                .build();
    }

    // ---------------------------------------------------------------- files

    @Test
    void uploadSendsTheBytesUnchangedWithPurposeFineTune() throws Exception {
        UploadedFile file = uploadTrainingFile();

        byte[] expected = TRAINING_JSONL.getBytes(StandardCharsets.UTF_8);
        assertThat(file.id()).isNotBlank();
        assertThat(file.filename()).isEqualTo("train.jsonl");
        assertThat(file.bytes()).isEqualTo(expected.length);
        assertThat(file.purpose()).isEqualTo(UploadedFile.FINE_TUNE_PURPOSE);
        assertThat(script().received(file.id())).isEqualTo(expected);
    }

    @Test
    void uploadOfAMissingFileIsAValidationExceptionNamingTheFile() {
        Path missing = contractDir.resolve("no-such-train.jsonl");

        assertThatThrownBy(() -> client().upload(missing))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("no-such-train.jsonl");
    }

    @Test
    void deleteFileDeletesOnceOrSaysItCannot() throws Exception {
        UploadedFile file = uploadTrainingFile();
        if (deletesFiles()) {
            assertThat(client().deleteFile(file.id())).as("first delete").isTrue();
            assertThat(client().deleteFile(file.id()))
                    .as("a file already deleted is reported as absent, not as an error")
                    .isFalse();
        } else {
            assertThatThrownBy(() -> client().deleteFile(file.id())).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    // ---------------------------------------------------------------- jobs

    @Test
    void createThenGetThenCancel() throws Exception {
        UploadedFile file = uploadTrainingFile();

        FineTuneJob created = client().create(request(file.id()));
        assertThat(created.id()).isNotBlank();
        assertThat(created.baseModel()).isEqualTo(script().baseModel());
        assertThat(created.trainingFileId()).isEqualTo(file.id());
        assertThat(created.isTerminal()).as("a new job").isFalse();

        FineTuneJob read = client().get(created.id());
        assertThat(read.id()).isEqualTo(created.id());
        assertThat(read.baseModel()).isEqualTo(created.baseModel());

        FineTuneJob cancelled = client().cancel(created.id());
        assertThat(cancelled.id()).isEqualTo(created.id());
        assertThat(cancelled.status())
                .as("cancelled, or a cancel the provider has not finished yet")
                .isIn(JobStatus.CANCELLED, JobStatus.RUNNING, JobStatus.QUEUED, JobStatus.VALIDATING_FILES);
        assertThat(cancelled.status()).isNotIn(JobStatus.SUCCEEDED, JobStatus.FAILED);
    }

    @Test
    void cancellingAFinishedJobIsAConflict() {
        String id = script().addJob(JobStatus.SUCCEEDED);

        assertThatThrownBy(() -> client().cancel(id)).isInstanceOf(ConflictException.class);
    }

    @Test
    void aSucceededJobNamesItsModel() {
        String id = script().addJob(JobStatus.SUCCEEDED);

        FineTuneJob job = client().get(id);
        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(job.isTerminal()).isTrue();
        assertThat(job.model())
                .as("the tuned model's name")
                .hasValueSatisfying(m -> assertThat(m).isNotBlank());
    }

    @Test
    void anUnknownFutureStatusIsKeptAsTextAndNotThrown() {
        String id = script().addJobWithRawStatus(FUTURE_STATUS);

        FineTuneJob job = client().get(id);
        assertThat(job.status()).isEqualTo(JobStatus.UNKNOWN);
        assertThat(job.rawStatus()).isEqualTo(FUTURE_STATUS);
        assertThat(job.isTerminal()).isFalse();
        assertThat(client().listJobs()).extracting(FineTuneJob::id).contains(id);
    }

    // ---------------------------------------------------------------- lists, across pages

    @Test
    void listJobsReturnsEveryPage() {
        script().pageSize(2);
        List<String> ids = script().addJobs(5);

        List<FineTuneJob> jobs = client().listJobs();

        assertThat(jobs).extracting(FineTuneJob::id).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void eventsReturnEveryPageOldestFirst() {
        String id = script().addJob(JobStatus.RUNNING);
        script().pageSize(2);
        List<String> messages = script().addEvents(id, 5);

        List<JobEvent> events = client().events(id);

        assertThat(events).extracting(JobEvent::message).containsSubsequence(messages);
        List<JobEvent> sorted = new ArrayList<>(events);
        sorted.sort((a, b) -> a.createdAt().compareTo(b.createdAt()));
        assertThat(events).as("oldest first").containsExactlyElementsOf(sorted);
    }

    @Test
    void checkpointsReturnEveryPageLowestStepFirst() {
        String id = script().addJob(JobStatus.SUCCEEDED);
        script().pageSize(2);
        List<Long> steps = new ArrayList<>(script().addCheckpoints(id, 5));
        Collections.sort(steps);

        List<Checkpoint> checkpoints = client().checkpoints(id);

        assertThat(checkpoints).extracting(Checkpoint::stepNumber).containsExactlyElementsOf(steps);
        assertThat(checkpoints).allSatisfy(c -> {
            assertThat(c.jobId()).isEqualTo(id);
            assertThat(c.model()).isNotBlank();
        });
    }

    @Test
    void listModelsReturnsEveryPage() {
        script().pageSize(2);
        List<String> ids = script().addModels(5);

        List<ModelInfo> models = client().listModels();

        assertThat(models).extracting(ModelInfo::id).containsAll(ids);
    }

    @Test
    void perJobListsOfAMissingJobAreNotFound() {
        assertThatThrownBy(() -> client().events("job-that-does-not-exist")).isInstanceOf(NotFoundException.class);
    }

    // ---------------------------------------------------------------- errors by what the caller can do

    @Test
    void aMissingJobIsNotFound() {
        Throwable t = catchThrowable(() -> client().get("job-that-does-not-exist"));
        assertThat(t).isInstanceOf(NotFoundException.class);
        assertNoKey(t);
        assertThatThrownBy(() -> client().cancel("job-that-does-not-exist")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void refusedCredentialsAreAnAuthenticationErrorWithoutTheKey() {
        String id = script().addJob(JobStatus.RUNNING);
        script().fail(Call.GET, ErrorKind.AUTHENTICATION, script().attempts());

        Throwable t = catchThrowable(() -> client().get(id));

        assertThat(t).isInstanceOf(ProviderAuthenticationException.class);
        assertNoKey(t);
    }

    @Test
    void aRejectedParameterIsNamed() throws Exception {
        UploadedFile file = uploadTrainingFile();
        script().fail(Call.CREATE, ErrorKind.REJECTED_PARAMETER, 1);

        Throwable t = catchThrowable(() -> client().create(request(file.id())));

        assertThat(t).isInstanceOf(ProviderRejectedException.class);
        assertThat(((ProviderRejectedException) t).parameter())
                .hasValueSatisfying(p -> assertThat(p).contains(script().rejectedParameter()));
        assertNoKey(t);
    }

    @Test
    void fineTuningUnavailableIsItsOwnError() throws Exception {
        UploadedFile file = uploadTrainingFile();
        script().fail(Call.CREATE, ErrorKind.FINE_TUNING_UNAVAILABLE, 1);

        Throwable t = catchThrowable(() -> client().create(request(file.id())));

        assertThat(t).isInstanceOf(FineTuningUnavailableException.class);
        assertNoKey(t);
    }

    @Test
    void aRateLimitThatOutlastsTheRetriesIsRetriable() {
        String id = script().addJob(JobStatus.RUNNING);
        script().fail(Call.GET, ErrorKind.RATE_LIMITED, script().attempts());

        Throwable t = catchThrowable(() -> client().get(id));

        assertThat(t).isInstanceOf(RetriableException.class);
        assertNoKey(t);
        assertThat(client().get(id).id())
                .as("the failures were used up by exactly attempts() requests")
                .isEqualTo(id);
    }

    @Test
    void anOutageThatOutlastsTheRetriesIsRetriable() {
        String id = script().addJob(JobStatus.RUNNING);
        script().fail(Call.LIST, ErrorKind.OUTAGE, script().attempts());

        Throwable t = catchThrowable(() -> client().events(id));

        assertThat(t).isInstanceOf(RetriableException.class);
        assertNoKey(t);
    }

    @Test
    void theClientRetriesARateLimitByItself() {
        assumeTrue(script().attempts() > 1, "this client makes no retries of its own");
        String id = script().addJob(JobStatus.RUNNING);
        script().fail(Call.GET, ErrorKind.RATE_LIMITED, script().attempts() - 1);

        assertThat(client().get(id).id()).isEqualTo(id);
    }

    @Test
    void theClientsToStringHoldsNoKey() {
        Optional<String> key = apiKey();
        assumeTrue(key.isPresent(), "this client has no key");
        assertThat(client().toString()).doesNotContain(key.get());
    }

    /**
     * Checks that the API key appears in no message or toString() of {@code t}, its causes and suppressed exceptions.
     *
     * @param t the exception a client threw
     */
    protected void assertNoKey(Throwable t) {
        Optional<String> key = apiKey();
        if (key.isEmpty()) {
            return;
        }
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> todo = new ArrayList<>(List.of(t));
        while (!todo.isEmpty()) {
            Throwable x = todo.remove(todo.size() - 1);
            if (!seen.add(x)) {
                continue;
            }
            assertThat(String.valueOf(x.getMessage())).doesNotContain(key.get());
            assertThat(x.toString()).doesNotContain(key.get());
            if (x.getCause() != null) {
                todo.add(x.getCause());
            }
            todo.addAll(List.of(x.getSuppressed()));
        }
    }
}
