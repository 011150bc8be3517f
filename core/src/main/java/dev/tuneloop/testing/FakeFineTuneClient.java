package dev.tuneloop.testing;

import dev.tuneloop.errors.Checks;
import dev.tuneloop.errors.ConflictException;
import dev.tuneloop.errors.NotFoundException;
import dev.tuneloop.errors.TuneloopException;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.tune.Checkpoint;
import dev.tuneloop.tune.FineTuneClient;
import dev.tuneloop.tune.FineTuneJob;
import dev.tuneloop.tune.FineTuneRequest;
import dev.tuneloop.tune.JobEvent;
import dev.tuneloop.tune.JobStatus;
import dev.tuneloop.tune.Listing;
import dev.tuneloop.tune.ModelInfo;
import dev.tuneloop.tune.UploadedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A scriptable, in-memory {@link FineTuneClient} for tests of code that fine-tunes: no network, no provider.
 *
 * <ul>
 *   <li>Each created job walks through a script of statuses, one step per {@link #get} call, and stays on the last
 *   one. The default script is {@code validating_files, queued, running, succeeded}; change it for the next jobs
 *   with {@link #scriptNextJobs(String...)} or for one job with {@link #script(String, String...)}. Unknown
 *   status texts (e.g. {@code "paused"}) are allowed and come back as {@link JobStatus#UNKNOWN}.</li>
 *   <li>Every status change adds an event ("status is now running"); add more with {@link #addEvent}.</li>
 *   <li>A succeeded job gets the model {@code ft:<base>:fake:<suffix>:<job id>} and appears in
 *   {@link #listModels()}; a failed one gets error code {@code "fake_failure"}.</li>
 *   <li>Failures are queued per operation with {@link #failNext(Operation, TuneloopException)}.</li>
 *   <li>{@link #deleteFile} removes an uploaded file: it leaves {@link #uploads()} and is listed in
 *   {@link #deletedFiles()}.</li>
 *   <li>It records what it was asked: {@link #uploads()} (with bytes), {@link #createRequests()},
 *   {@link #cancels()}, {@link #calls(Operation)}.</li>
 * </ul>
 *
 * <p>Ids are {@code file-1}, {@code file-2}, … and {@code ftjob-1}, {@code ftjob-2}, …. Thread-safe (one monitor).
 */
public final class FakeFineTuneClient implements FineTuneClient {

    /** The calls a failure can be queued for, and whose calls are counted. */
    public enum Operation {
        /** {@link FakeFineTuneClient#upload}. */
        UPLOAD,
        /** {@link FakeFineTuneClient#deleteFile}. */
        DELETE_FILE,
        /** {@link FakeFineTuneClient#create}. */
        CREATE,
        /** {@link FakeFineTuneClient#get}. */
        GET,
        /** {@link FakeFineTuneClient#cancel}. */
        CANCEL,
        /** {@link FakeFineTuneClient#list} and the conveniences built on it. */
        LIST
    }

    /** The provider id of a fake made without one: {@value}. */
    public static final String DEFAULT_PROVIDER = "fake";

    /** The status script a job follows unless told otherwise. */
    public static final List<String> DEFAULT_SCRIPT = List.of("validating_files", "queued", "running", "succeeded");

    /**
     * A file the fake received: what {@link #upload} returned, and the bytes it read. Immutable: the bytes are copied
     * in and out. Equal when the file and the bytes are equal; {@link #toString()} shows the size, not the content.
     */
    public static final class Upload {
        private final UploadedFile file;
        private final byte[] bytes;

        /**
         * A received file.
         *
         * @param file  what {@link #upload} returned
         * @param bytes the file's content; copied
         * @throws NullPointerException when an argument is null
         */
        public Upload(UploadedFile file, byte[] bytes) {
            this.file = Objects.requireNonNull(file, "file");
            this.bytes = bytes.clone();
        }

        /**
         * What {@link #upload} returned for this file.
         *
         * @return the uploaded file's description
         */
        public UploadedFile file() {
            return file;
        }

        /**
         * The content.
         *
         * @return a copy of the bytes
         */
        public byte[] bytes() {
            return bytes.clone();
        }

        /**
         * The content as text.
         *
         * @return the bytes decoded as UTF-8
         */
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        private int size() {
            return bytes.length;
        }

        @Override
        public boolean equals(@Nullable Object o) {
            return o instanceof Upload u && file.equals(u.file) && Arrays.equals(bytes, u.bytes);
        }

        @Override
        public int hashCode() {
            return 31 * file.hashCode() + Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Upload[file=" + file + ", bytes=" + bytes.length + "]";
        }
    }

    private final Clock clock;
    private final List<Upload> uploads = new ArrayList<>();
    private final List<FineTuneRequest> requests = new ArrayList<>();
    private final List<String> cancels = new ArrayList<>();
    private final List<String> deleted = new ArrayList<>();
    private final Map<String, FineTuneJob> jobs = new LinkedHashMap<>();
    private final Map<String, List<String>> scripts = new LinkedHashMap<>();
    private final Map<String, Integer> steps = new LinkedHashMap<>();
    private final Map<String, List<JobEvent>> events = new LinkedHashMap<>();
    private final Map<String, List<Checkpoint>> checkpoints = new LinkedHashMap<>();
    private final List<ModelInfo> models = new ArrayList<>();
    private final Map<Operation, Deque<TuneloopException>> failures = new EnumMap<>(Operation.class);
    private final Map<Operation, Integer> calls = new EnumMap<>(Operation.class);
    private List<String> nextScript = DEFAULT_SCRIPT;
    private int fileSeq;
    private int jobSeq;
    private int eventSeq;

    /** The provider id; the ids of files and jobs start with it unless it is the default. */
    private final String provider;

    private final String idPrefix;

    private FakeFineTuneClient(Clock clock, String provider) {
        this.clock = clock;
        Checks.start()
                .require(
                        provider != null && provider.matches("[a-z0-9._-]{1,64}"),
                        "provider must be 1-64 characters of a-z 0-9 . _ -, but was " + provider)
                .orThrow();
        this.provider = provider;
        this.idPrefix = DEFAULT_PROVIDER.equals(provider) ? "" : provider + "-";
    }

    /**
     * A fake on the system clock.
     *
     * @return a new fake with no jobs, files or scripted failures
     */
    public static FakeFineTuneClient create() {
        return new FakeFineTuneClient(Clock.systemUTC(), DEFAULT_PROVIDER);
    }

    /**
     * A fake whose timestamps come from {@code clock}, e.g. a {@link TestClock}.
     *
     * @param clock stamps files, jobs, events, checkpoints and models
     * @return a new fake with no jobs, files or scripted failures
     */
    public static FakeFineTuneClient create(Clock clock) {
        return new FakeFineTuneClient(Objects.requireNonNull(clock, "clock"), DEFAULT_PROVIDER);
    }

    /**
     * A fake standing for a named provider (e.g. {@code "openai"} or {@code "together"}), so that the lifecycle
     * calendar applies to it and two fakes can stand for two providers: its file and job ids start with
     * {@code provider + "-"} ({@code together-file-1}, {@code together-ftjob-1}).
     *
     * @param clock    stamps files, jobs, events, checkpoints and models
     * @param provider the provider id it reports from {@link #provider()}
     * @return a new fake with no jobs, files or scripted failures
     * @throws ValidationException when {@code provider} is not 1-64 characters of {@code a-z 0-9 . _ -}
     */
    public static FakeFineTuneClient create(Clock clock, String provider) {
        return new FakeFineTuneClient(Objects.requireNonNull(clock, "clock"), provider);
    }

    /**
     * The provider this fake stands for.
     *
     * @return {@value #DEFAULT_PROVIDER} unless made with {@link #create(Clock, String)}
     */
    @Override
    public String provider() {
        return provider;
    }

    // ---------------------------------------------------------------- scripting

    /**
     * Jobs created from now on follow these statuses (one step per {@link #get}); a job starts at the first.
     *
     * @param rawStatuses the provider's status texts, e.g. {@code "queued"}; at least one
     * @return this fake
     * @throws ValidationException when no status is given
     */
    public synchronized FakeFineTuneClient scriptNextJobs(String... rawStatuses) {
        this.nextScript = checkedScript(rawStatuses);
        return this;
    }

    /**
     * The job continues with these statuses from its next {@link #get} on (a terminal job stays as it is).
     *
     * @param jobId the job's id
     * @param rawStatuses the provider's status texts; at least one
     * @return this fake
     * @throws NotFoundException when there is no such job
     * @throws ValidationException when no status is given
     */
    public synchronized FakeFineTuneClient script(String jobId, String... rawStatuses) {
        requireJob(jobId);
        scripts.put(jobId, checkedScript(rawStatuses));
        steps.put(jobId, -1);
        return this;
    }

    private static List<String> checkedScript(String... rawStatuses) {
        if (rawStatuses.length == 0) {
            throw new ValidationException("a status script must have at least one status, but had none");
        }
        return List.copyOf(Arrays.asList(rawStatuses));
    }

    /**
     * Adds a provider event to a job's log, stamped with the fake's clock.
     *
     * @param jobId the job's id
     * @param level the provider's level, e.g. {@code "info"}
     * @param message the event's text
     * @return the event added
     * @throws NotFoundException when there is no such job
     */
    public synchronized JobEvent addEvent(String jobId, String level, String message) {
        requireJob(jobId);
        JobEvent e = new JobEvent("ftevent-" + ++eventSeq, clock.instant(), level, message);
        stateOf(events, jobId).add(e);
        return e;
    }

    /**
     * Adds a checkpoint to a job, with the model id {@code ft:<base>:fake::<job id>:ckpt-step-<step>}.
     *
     * @param jobId the job's id
     * @param step the training step
     * @param metrics the checkpoint's metrics, e.g. {@code train_loss}
     * @return the checkpoint added
     * @throws NotFoundException when there is no such job
     */
    public synchronized Checkpoint addCheckpoint(String jobId, long step, Map<String, Double> metrics) {
        FineTuneJob job = requireJob(jobId);
        Checkpoint c = new Checkpoint(
                "ftckpt-" + jobId + "-" + step,
                jobId,
                "ft:" + job.baseModel() + ":fake::" + jobId + ":ckpt-step-" + step,
                step,
                clock.instant(),
                metrics);
        stateOf(checkpoints, jobId).add(c);
        return c;
    }

    /**
     * Adds a model to {@link #listModels()}, created now by the fake's clock.
     *
     * @param id the model id
     * @param ownedBy the owner, e.g. {@code "openai"}
     * @return this fake
     */
    public synchronized FakeFineTuneClient addModel(String id, String ownedBy) {
        models.add(new ModelInfo(id, clock.instant(), ownedBy));
        return this;
    }

    /**
     * The next call of {@code operation} throws {@code failure} (failures queue up, first in first out). The failing
     * call is counted and changes nothing.
     *
     * @param operation the call to fail
     * @param failure what it throws
     * @return this fake
     */
    public synchronized FakeFineTuneClient failNext(Operation operation, TuneloopException failure) {
        failures.computeIfAbsent(operation, k -> new ArrayDeque<>()).add(Objects.requireNonNull(failure, "failure"));
        return this;
    }

    // ---------------------------------------------------------------- recordings

    /**
     * The files uploaded and not deleted since, in order: what the fake holds.
     *
     * @return a snapshot of the uploads, with their bytes
     */
    public synchronized List<Upload> uploads() {
        return List.copyOf(uploads);
    }

    /**
     * The ids of the files deleted through {@link #deleteFile}, in order.
     *
     * @return a snapshot of the ids
     */
    public synchronized List<String> deletedFiles() {
        return List.copyOf(deleted);
    }

    /**
     * The create requests received, in order (also those that then failed because a file was not uploaded).
     *
     * @return a snapshot of the requests
     */
    public synchronized List<FineTuneRequest> createRequests() {
        return List.copyOf(requests);
    }

    /**
     * The job ids asked to be cancelled, in order (also those that were refused).
     *
     * @return a snapshot of the ids
     */
    public synchronized List<String> cancels() {
        return List.copyOf(cancels);
    }

    /**
     * How many times {@code operation} was called (including calls that failed).
     *
     * @param operation the call
     * @return the number of calls
     */
    public synchronized int calls(Operation operation) {
        return calls.getOrDefault(operation, 0);
    }

    // ---------------------------------------------------------------- FineTuneClient

    @Override
    public synchronized UploadedFile upload(Path jsonl) {
        enter(Operation.UPLOAD);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(jsonl);
        } catch (IOException e) {
            throw new ValidationException("file " + jsonl + " must be readable, but reading failed: " + e);
        }
        UploadedFile f = new UploadedFile(
                idPrefix + "file-" + ++fileSeq,
                jsonl.getFileName().toString(),
                bytes.length,
                UploadedFile.FINE_TUNE_PURPOSE,
                clock.instant());
        uploads.add(new Upload(f, bytes));
        return f;
    }

    /**
     * Deletes an uploaded file: it leaves {@link #uploads()} (bytes and all) and joins {@link #deletedFiles()}. Jobs
     * that were created from it keep running, as at real providers.
     *
     * @param fileId the file's id
     * @return true when the fake held the file, false when it did not (never uploaded, or deleted already)
     */
    @Override
    public synchronized boolean deleteFile(String fileId) {
        enter(Operation.DELETE_FILE);
        Objects.requireNonNull(fileId, "fileId");
        boolean removed = uploads.removeIf(u -> u.file().id().equals(fileId));
        if (removed) {
            deleted.add(fileId);
        }
        return removed;
    }

    @Override
    public synchronized FineTuneJob create(FineTuneRequest request) {
        enter(Operation.CREATE);
        Objects.requireNonNull(request, "request");
        requests.add(request);
        requireFile(request.trainingFileId());
        String validationFileId = request.validationFileId();
        if (validationFileId != null) {
            requireFile(validationFileId);
        }
        String id = idPrefix + "ftjob-" + ++jobSeq;
        FineTuneJob job = FineTuneJob.builder(
                        id, request.baseModel(), nextScript.get(0), clock.instant(), request.trainingFileId())
                .validationFileId(request.validationFileId())
                .hyperparameters(request.hyperparameters())
                .method(request.method())
                .suffix(request.suffix())
                .build();
        jobs.put(id, job);
        scripts.put(id, nextScript);
        steps.put(id, 0);
        events.put(id, new ArrayList<>());
        checkpoints.put(id, new ArrayList<>());
        statusEvent(id, job.rawStatus());
        return job;
    }

    @Override
    public synchronized FineTuneJob get(String jobId) {
        enter(Operation.GET);
        FineTuneJob job = requireJob(jobId);
        if (job.isTerminal()) {
            return job;
        }
        List<String> script = stateOf(scripts, jobId);
        int step = Math.min(stateOf(steps, jobId) + 1, script.size() - 1);
        steps.put(jobId, step);
        return moveTo(job, script.get(step));
    }

    @Override
    public synchronized FineTuneJob cancel(String jobId) {
        enter(Operation.CANCEL);
        cancels.add(jobId);
        FineTuneJob job = requireJob(jobId);
        if (job.isTerminal()) {
            throw new ConflictException(job.describe() + " and cannot be cancelled");
        }
        return moveTo(job, "cancelled");
    }

    @Override
    public synchronized <T> List<T> list(Listing<T> listing) {
        enter(Operation.LIST);
        // a switch expression over the kind has no default: a new listing kind does not compile until it is handled
        List<?> items = switch (listing.kind()) {
            case EVENTS -> {
                requireJob(listing.requireJobId());
                yield stateOf(events, listing.requireJobId());
            }
            case CHECKPOINTS -> {
                requireJob(listing.requireJobId());
                List<Checkpoint> cps = new ArrayList<>(stateOf(checkpoints, listing.requireJobId()));
                cps.sort(Comparator.comparingLong(Checkpoint::stepNumber));
                yield cps;
            }
            case MODELS -> {
                List<ModelInfo> all = new ArrayList<>(models);
                for (FineTuneJob j : jobs.values()) {
                    String model = j.fineTunedModel();
                    if (model != null) {
                        // a job with a model has finished; fall back to its creation for a hand-made inconsistent job
                        Instant finished = j.finishedAt();
                        all.add(new ModelInfo(model, finished != null ? finished : j.createdAt(), "fake-org"));
                    }
                }
                yield all;
            }
            case JOBS -> {
                List<FineTuneJob> newestFirst = new ArrayList<>(jobs.values());
                Collections.reverse(newestFirst);
                yield newestFirst;
            }
        };
        return listing.cast(items);
    }

    // ---------------------------------------------------------------- internals

    private void enter(Operation operation) {
        calls.merge(operation, 1, Integer::sum);
        Deque<TuneloopException> queue = failures.get(operation);
        TuneloopException next = queue == null ? null : queue.poll();
        if (next != null) {
            throw next;
        }
    }

    /** A created job's entry in one of the per-job maps; every created job has one in each, so absence is a bug here. */
    private static <V> V stateOf(Map<String, V> perJob, String jobId) {
        V v = perJob.get(jobId);
        if (v == null) {
            throw new IllegalStateException("the fake has no state for job " + jobId);
        }
        return v;
    }

    private FineTuneJob requireJob(String jobId) {
        FineTuneJob job = jobs.get(Objects.requireNonNull(jobId, "jobId"));
        if (job == null) {
            throw new NotFoundException("job " + jobId + " does not exist");
        }
        return job;
    }

    private void requireFile(String fileId) {
        for (Upload u : uploads) {
            if (u.file().id().equals(fileId)) {
                return;
            }
        }
        throw new NotFoundException("file " + fileId + " was not uploaded");
    }

    private FineTuneJob moveTo(FineTuneJob job, String rawStatus) {
        if (job.rawStatus().equals(rawStatus)) {
            return job;
        }
        FineTuneJob.Builder b = job.toBuilder().rawStatus(rawStatus);
        JobStatus status = JobStatus.fromWire(rawStatus);
        if (status.isTerminal()) {
            b.finishedAt(clock.instant());
        }
        if (status == JobStatus.SUCCEEDED) {
            String suffix = job.suffix();
            b.fineTunedModel("ft:" + job.baseModel() + ":fake:" + (suffix == null ? "" : suffix) + ":" + job.id());
            b.trainedTokens(trainedTokens(job));
        }
        if (status == JobStatus.FAILED) {
            b.error("fake_failure", "the fake client was scripted to fail job " + job.id());
        }
        FineTuneJob moved = b.build();
        jobs.put(job.id(), moved);
        statusEvent(job.id(), rawStatus);
        return moved;
    }

    private long trainedTokens(FineTuneJob job) {
        for (Upload u : uploads) {
            if (u.file().id().equals(job.trainingFileId())) {
                // a rough stand-in: about four bytes per token
                return Math.max(1, u.size() / 4);
            }
        }
        return 0;
    }

    private void statusEvent(String jobId, String rawStatus) {
        stateOf(events, jobId)
                .add(new JobEvent("ftevent-" + ++eventSeq, clock.instant(), "info", "status is now " + rawStatus));
    }
}
