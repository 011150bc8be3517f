package dev.tuneloop.vertex;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.genai.Client;
import com.google.genai.types.AdapterSize;
import com.google.genai.types.CancelTuningJobConfig;
import com.google.genai.types.CreateTuningJobConfig;
import com.google.genai.types.GetTuningJobConfig;
import com.google.genai.types.GoogleRpcStatus;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;
import com.google.genai.types.JobState;
import com.google.genai.types.ListTuningJobsConfig;
import com.google.genai.types.PreferenceOptimizationHyperParameters;
import com.google.genai.types.SupervisedHyperParameters;
import com.google.genai.types.TunedModel;
import com.google.genai.types.TunedModelCheckpoint;
import com.google.genai.types.TuningDataset;
import com.google.genai.types.TuningJob;
import com.google.genai.types.TuningMethod;
import com.google.genai.types.TuningValidationDataset;
import dev.tuneloop.errors.Checks;
import dev.tuneloop.errors.ConflictException;
import dev.tuneloop.errors.RetriableException;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.tune.Checkpoint;
import dev.tuneloop.tune.FineTuneClient;
import dev.tuneloop.tune.FineTuneJob;
import dev.tuneloop.tune.FineTuneMethod;
import dev.tuneloop.tune.FineTuneRequest;
import dev.tuneloop.tune.Hyperparameters;
import dev.tuneloop.tune.JobEvent;
import dev.tuneloop.tune.JobStatus;
import dev.tuneloop.tune.Listing;
import dev.tuneloop.tune.ModelInfo;
import dev.tuneloop.tune.UploadedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link FineTuneClient} for Gemini supervised and preference tuning on Vertex AI, on the official google-genai SDK
 * in Vertex mode ({@code client.tunings.tune / get / list / cancel}).
 *
 * <p><b>Files.</b> Vertex AI reads training data from Cloud Storage. {@link #upload(Path)} checks that every line is
 * Gemini tuning data (see docs/guide/vertex.md), stages the file through the {@link GcsStager} and returns its
 * {@code gs://} URI as the file id. A host that uploads files itself passes {@code gs://} URIs as the request's file
 * ids. {@link #deleteFile(String)} deletes the staged object.
 *
 * <p><b>Create.</b> {@link FineTuneRequest#method()} SUPERVISED is {@code SUPERVISED_FINE_TUNING}, DPO is
 * {@code PREFERENCE_TUNING}; {@code nEpochs} is {@code epochCount}, {@code learningRateMultiplier} is
 * {@code learningRateMultiplier}, {@code beta} is the preference {@code beta}, {@code batchSize} is passed for
 * supervised tuning only, the {@code suffix} is the tuned model's display name, {@code metadata} become job labels,
 * and the adapter size is a client setting ({@link Builder#adapterSize(int)}). A {@code seed} is refused: Vertex AI
 * has no such setting. Every job carries the label {@value #REQUEST_LABEL} with a random id; the create call is not
 * retried by the SDK, and when it fails in a way that may have created the job anyway (5xx, 429, 408, I/O), this client
 * looks the job up by that label before it creates again, so a retried create never makes two jobs.
 *
 * <p><b>Jobs.</b> The job id is the resource name the API returns ({@code projects/<number>/locations/<l>/tuningJobs/
 * <id>}: it carries the project number, not the id configured here), kept as returned. The status maps
 * {@code JOB_STATE_*} as {@link #status(String)} documents; an unknown state is kept as text with status UNKNOWN. The
 * tuned model's endpoint ({@code projects/…/endpoints/…}, the name {@code generateContent} takes) is the job's
 * {@link FineTuneJob#fineTunedModel()}, and so the model version's.
 *
 * <p><b>Lists.</b> Jobs come from {@code tunings.list} (every page). Vertex AI has no job event stream: events are
 * the job's own timestamps (created, started, ended with its state and error). Checkpoints are the tuned model's
 * checkpoints. Models are the tuned endpoints of the project's succeeded jobs.
 *
 * <p>Credentials never appear in a message, a log line or {@link #toString()}. Thread-safe; close it to release the
 * SDK's HTTP clients.
 */
public final class VertexFineTuneClient implements FineTuneClient, AutoCloseable {
    /** The label that marks each created job with the id of the create call, for lookup after a failed create. */
    public static final String REQUEST_LABEL = "tuneloop-request";

    /** Default SDK attempts for reads and cancel, and this client's attempts for create. */
    public static final int DEFAULT_ATTEMPTS = 4;

    /** Default delay before the first retry; later ones grow exponentially (with jitter) up to a minute. */
    public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(1);

    /** Default page size of list calls. */
    public static final int DEFAULT_PAGE_SIZE = 100;

    /** Adapter sizes Vertex AI accepts (ADAPTER_SIZE_ONE … ADAPTER_SIZE_THIRTY_TWO). */
    public static final Set<Integer> ADAPTER_SIZES = Set.of(1, 2, 4, 8, 16, 32);

    private static final Logger LOG = LoggerFactory.getLogger(VertexFineTuneClient.class);
    private static final Pattern LABEL_KEY = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
    private static final Pattern LABEL_VALUE = Pattern.compile("[a-z0-9_-]{0,63}");

    private final Client client;
    private final Client createClient;
    private final GcsStager stager;
    private final String project;
    private final String location;
    private final @Nullable Integer adapterSize;
    private final int attempts;
    private final Duration retryDelay;
    private final int pageSize;
    private final boolean checkFormat;
    private final Clock clock;

    private VertexFineTuneClient(Builder b) {
        this.project = b.project;
        this.location = b.location;
        this.stager = b.stager;
        this.adapterSize = b.adapterSize;
        this.attempts = b.attempts;
        this.retryDelay = b.retryDelay;
        this.pageSize = b.pageSize;
        this.checkFormat = b.checkFormat;
        this.clock = b.clock;
        HttpRetryOptions retry = HttpRetryOptions.builder()
                .attempts(b.attempts)
                .initialDelay(b.retryDelay.toNanos() / 1e9)
                .maxDelay(60.0)
                .build();
        this.client = sdk(b, retry);
        // create is not retried by the SDK: a retried POST after a 5xx can start a second job (see create)
        this.createClient = sdk(b, HttpRetryOptions.builder().attempts(1).build());
    }

    private static Client sdk(Builder b, HttpRetryOptions retry) {
        HttpOptions.Builder http = HttpOptions.builder().retryOptions(retry);
        if (b.baseUrl != null) {
            http.baseUrl(b.baseUrl);
        }
        if (b.apiVersion != null) {
            http.apiVersion(b.apiVersion);
        }
        if (b.timeout != null) {
            http.timeout((int) Math.min(Integer.MAX_VALUE, b.timeout.toMillis()));
        }
        Client.Builder c = Client.builder()
                .vertexAI(true)
                .project(b.project)
                .location(b.location)
                .httpOptions(http.build());
        if (b.credentials != null) {
            c.credentials(b.credentials);
        }
        return c.build();
    }

    /**
     * A builder for a client on a project and region.
     *
     * @param project  the Google Cloud project id, e.g. {@code "my-project"}
     * @param location the region, e.g. {@code "us-central1"}
     * @param stager   how training files reach Cloud Storage ({@link CloudStorageStager}, or
     *     {@link GcsStager#hostManaged()} when the host passes {@code gs://} URIs)
     * @return a new builder
     */
    public static Builder builder(String project, String location, GcsStager stager) {
        return new Builder(project, location, stager);
    }

    @Override
    public UploadedFile upload(Path jsonl) {
        Objects.requireNonNull(jsonl, "jsonl");
        long size;
        try {
            size = Files.size(jsonl);
        } catch (IOException e) {
            throw new ValidationException("training file " + jsonl.getFileName() + " is missing or unreadable: " + e);
        }
        if (!Files.isRegularFile(jsonl) || !Files.isReadable(jsonl)) {
            throw new ValidationException("training file " + jsonl.getFileName() + " is not a readable file");
        }
        if (checkFormat) {
            GeminiJsonlCheck.check(jsonl);
        }
        Path name = jsonl.getFileName();
        String filename = name == null ? "training.jsonl" : name.toString();
        String objectName = UUID.randomUUID() + "-" + filename.replaceAll("[^A-Za-z0-9._-]", "_");
        String uri = stager.stage(jsonl, objectName);
        LOG.info("staged {} ({} bytes) at {}", filename, size, uri);
        return new UploadedFile(uri, filename, size, UploadedFile.FINE_TUNE_PURPOSE, clock.instant());
    }

    @Override
    public boolean deleteFile(String fileId) {
        requireGsUri("fileId", fileId);
        return stager.delete(fileId);
    }

    @Override
    public FineTuneJob create(FineTuneRequest request) {
        Objects.requireNonNull(request, "request");
        String requestId = UUID.randomUUID().toString();
        CreateTuningJobConfig config = config(request, requestId);
        TuningDataset training =
                TuningDataset.builder().gcsUri(request.trainingFileId()).build();
        String action = "creating a tuning job on " + request.baseModel();
        for (int attempt = 1; ; attempt++) {
            try {
                TuningJob created = createClient.tunings.tune(request.baseModel(), training, config);
                return job(created, request.baseModel());
            } catch (RuntimeException e) {
                if (!VertexErrors.isRetriable(e)) {
                    throw VertexErrors.translate(e, action);
                }
                Optional<TuningJob> existing = findByRequest(requestId, action, e);
                if (existing.isPresent()) {
                    LOG.info(
                            "create of {} failed ({}), but the job exists: {}",
                            requestId,
                            e.getClass().getSimpleName(),
                            existing.get().name().orElse("?"));
                    return job(existing.get(), request.baseModel());
                }
                if (attempt >= attempts) {
                    throw VertexErrors.translate(e, action + " (" + attempts + " attempts)");
                }
                pause(attempt);
            }
        }
    }

    /** The job created with this request id, looked up by its label; empty when there is none. */
    private Optional<TuningJob> findByRequest(String requestId, String action, RuntimeException createFailure) {
        try {
            ListTuningJobsConfig cfg = ListTuningJobsConfig.builder()
                    .pageSize(pageSize)
                    .filter("labels." + REQUEST_LABEL + "=\"" + requestId + "\"")
                    .build();
            for (TuningJob j : client.tunings.list(cfg)) {
                if (requestId.equals(j.labels().map(l -> l.get(REQUEST_LABEL)).orElse(null))) {
                    return Optional.of(j);
                }
            }
            return Optional.empty();
        } catch (RuntimeException lookup) {
            // neither "created" nor "not created" is known: creating again could start a second job
            RetriableException e = new RetriableException(
                    VertexErrors.PROVIDER + " failed while " + action + " and the job could not be looked up after"
                            + " it; the job may exist: look for label " + REQUEST_LABEL + "=" + requestId
                            + " before creating it again",
                    VertexErrors.translate(createFailure, action));
            e.addSuppressed(lookup);
            throw e;
        }
    }

    private void pause(int attempt) {
        long millis = Math.min(60_000L, retryDelay.toMillis() << Math.min(attempt - 1, 16));
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new RetriableException("interrupted while waiting to retry a tuning job create", ie);
        }
    }

    private CreateTuningJobConfig config(FineTuneRequest r, String requestId) {
        Checks c = Checks.start();
        requireGsUri(c, "trainingFileId", r.trainingFileId());
        if (r.validationFileId() != null) {
            requireGsUri(c, "validationFileId", r.validationFileId());
        }
        c.require(
                r.seed() == null,
                "seed is not supported by Vertex AI tuning (it has no seed setting), but was " + r.seed());
        Hyperparameters hp = r.hyperparameters();
        boolean dpo = r.method() == FineTuneMethod.DPO;
        c.require(
                !dpo || hp.batchSize().auto(),
                "hyperparameters.batchSize applies only to supervised tuning on Vertex AI, but was " + hp.batchSize()
                        + " for method DPO");
        Map<String, String> labels = new LinkedHashMap<>();
        for (Map.Entry<String, String> m : r.metadata().entrySet()) {
            if (!LABEL_KEY.matcher(m.getKey()).matches()) {
                c.add("metadata key \"" + m.getKey() + "\" must be a Vertex AI label key (a lowercase letter, then"
                        + " up to 62 of a-z, 0-9, '_', '-')");
            } else if (!LABEL_VALUE.matcher(m.getValue()).matches()) {
                c.add("metadata value of key \"" + m.getKey() + "\" must be a Vertex AI label value (up to 63 of"
                        + " a-z, 0-9, '_', '-')");
            } else if (m.getKey().equals(REQUEST_LABEL)) {
                c.add("metadata key \"" + REQUEST_LABEL + "\" is reserved for this client");
            } else {
                labels.put(m.getKey(), m.getValue());
            }
        }
        c.orThrow();
        labels.put(REQUEST_LABEL, requestId);
        CreateTuningJobConfig.Builder b = CreateTuningJobConfig.builder()
                .method(dpo ? TuningMethod.Known.PREFERENCE_TUNING : TuningMethod.Known.SUPERVISED_FINE_TUNING)
                .labels(labels);
        if (!hp.nEpochs().auto()) {
            b.epochCount((int) hp.nEpochs().number());
        }
        if (!hp.learningRateMultiplier().auto()) {
            b.learningRateMultiplier((float) hp.learningRateMultiplier().number());
        }
        if (!hp.batchSize().auto()) {
            b.batchSize((int) hp.batchSize().number());
        }
        if (!hp.beta().auto()) {
            b.beta((float) hp.beta().number());
        }
        if (adapterSize != null) {
            b.adapterSize(adapterSizeName(adapterSize));
        }
        if (r.suffix() != null) {
            b.tunedModelDisplayName(r.suffix());
        }
        String validation = r.validationFileId();
        if (validation != null) {
            b.validationDataset(TuningValidationDataset.builder().gcsUri(validation));
        }
        return b.build();
    }

    private static AdapterSize.Known adapterSizeName(int size) {
        return switch (size) {
            case 1 -> AdapterSize.Known.ADAPTER_SIZE_ONE;
            case 2 -> AdapterSize.Known.ADAPTER_SIZE_TWO;
            case 4 -> AdapterSize.Known.ADAPTER_SIZE_FOUR;
            case 8 -> AdapterSize.Known.ADAPTER_SIZE_EIGHT;
            case 16 -> AdapterSize.Known.ADAPTER_SIZE_SIXTEEN;
            case 32 -> AdapterSize.Known.ADAPTER_SIZE_THIRTY_TWO;
            default ->
                throw new ValidationException("adapterSize must be one of " + ADAPTER_SIZES + ", but was " + size);
        };
    }

    @Override
    public FineTuneJob get(String jobId) {
        requireJobId(jobId);
        try {
            return job(client.tunings.get(jobId, GetTuningJobConfig.builder().build()), null);
        } catch (RuntimeException e) {
            throw VertexErrors.translate(e, "reading job " + jobId);
        }
    }

    @Override
    public FineTuneJob cancel(String jobId) {
        FineTuneJob before = get(jobId);
        if (before.isTerminal()) {
            throw new ConflictException(before.describe() + " and cannot be cancelled");
        }
        try {
            client.tunings.cancel(jobId, CancelTuningJobConfig.builder().build());
        } catch (RuntimeException e) {
            throw VertexErrors.translate(e, "cancelling job " + jobId);
        }
        return get(jobId);
    }

    @Override
    public <T> List<T> list(Listing<T> listing) {
        Objects.requireNonNull(listing, "listing");
        return switch (listing.kind()) {
            case JOBS -> listing.cast(jobs());
            case EVENTS -> listing.cast(events(get(listing.requireJobId())));
            case CHECKPOINTS -> listing.cast(checkpointsOf(listing.requireJobId()));
            case MODELS -> listing.cast(models());
            // no default: a new listing kind must fail this build, not a call at run time
        };
    }

    private List<FineTuneJob> jobs() {
        List<FineTuneJob> out = new ArrayList<>();
        try {
            for (TuningJob j : client.tunings.list(
                    ListTuningJobsConfig.builder().pageSize(pageSize).build())) {
                out.add(job(j, null));
            }
        } catch (RuntimeException e) {
            throw VertexErrors.translate(e, "listing tuning jobs");
        }
        return out;
    }

    private static List<JobEvent> events(FineTuneJob job) {
        List<JobEvent> out = new ArrayList<>();
        out.add(new JobEvent(job.id() + "#created", job.createdAt(), "info", "job created on " + job.baseModel()));
        Instant finished = job.finishedAt();
        if (finished != null) {
            boolean failed = job.status() == JobStatus.FAILED;
            String error = job.errorMessage();
            out.add(new JobEvent(
                    job.id() + "#ended",
                    finished,
                    failed ? "error" : "info",
                    "job ended " + job.status() + (error == null ? "" : ": " + error)));
        }
        return out;
    }

    private List<Checkpoint> checkpointsOf(String jobId) {
        TuningJob t;
        try {
            t = client.tunings.get(jobId, GetTuningJobConfig.builder().build());
        } catch (RuntimeException e) {
            throw VertexErrors.translate(e, "reading checkpoints of job " + jobId);
        }
        String name = t.name().orElse(jobId);
        Instant at = t.endTime().or(t::updateTime).or(t::createTime).orElse(clock.instant());
        List<Checkpoint> out = new ArrayList<>();
        Optional<TunedModel> tuned = t.tunedModel();
        for (TunedModelCheckpoint cp : tuned.flatMap(TunedModel::checkpoints).orElse(List.of())) {
            String model =
                    cp.endpoint().or(() -> tuned.flatMap(TunedModel::model)).orElse(name);
            long step = cp.step().orElse(0L);
            out.add(new Checkpoint(cp.checkpointId().orElse(Long.toString(step)), name, model, step, at, Map.of()));
        }
        out.sort((a, b) -> Long.compare(a.stepNumber(), b.stepNumber()));
        return out;
    }

    private List<ModelInfo> models() {
        List<ModelInfo> out = new ArrayList<>();
        for (FineTuneJob j : jobs()) {
            String model = j.fineTunedModel();
            if (j.status() == JobStatus.SUCCEEDED && model != null) {
                Instant finished = j.finishedAt();
                out.add(new ModelInfo(model, finished == null ? j.createdAt() : finished, project));
            }
        }
        return out;
    }

    /**
     * Our status for a Vertex AI job state.
     *
     * <table>
     *   <caption>JOB_STATE_* to JobStatus</caption>
     *   <tr><th>Vertex AI</th><th>JobStatus</th></tr>
     *   <tr><td>JOB_STATE_QUEUED, JOB_STATE_PENDING</td><td>QUEUED</td></tr>
     *   <tr><td>JOB_STATE_RUNNING, JOB_STATE_UPDATING, JOB_STATE_CANCELLING</td><td>RUNNING</td></tr>
     *   <tr><td>JOB_STATE_SUCCEEDED</td><td>SUCCEEDED</td></tr>
     *   <tr><td>JOB_STATE_FAILED, JOB_STATE_EXPIRED, JOB_STATE_PARTIALLY_SUCCEEDED</td><td>FAILED</td></tr>
     *   <tr><td>JOB_STATE_CANCELLED</td><td>CANCELLED</td></tr>
     *   <tr><td>JOB_STATE_PAUSED, JOB_STATE_UNSPECIFIED, a missing state, any other text</td>
     *       <td>UNKNOWN (the text kept as the raw status)</td></tr>
     * </table>
     *
     * @param state the state text, e.g. {@code "JOB_STATE_RUNNING"}
     * @return the status, UNKNOWN for a state this client does not know
     */
    public static JobStatus status(@Nullable String state) {
        if (state == null) {
            return JobStatus.UNKNOWN;
        }
        return switch (state) {
            case "JOB_STATE_QUEUED", "JOB_STATE_PENDING" -> JobStatus.QUEUED;
            case "JOB_STATE_RUNNING", "JOB_STATE_UPDATING", "JOB_STATE_CANCELLING" -> JobStatus.RUNNING;
            case "JOB_STATE_SUCCEEDED" -> JobStatus.SUCCEEDED;
            case "JOB_STATE_FAILED", "JOB_STATE_EXPIRED", "JOB_STATE_PARTIALLY_SUCCEEDED" -> JobStatus.FAILED;
            case "JOB_STATE_CANCELLED" -> JobStatus.CANCELLED;
            default -> JobStatus.UNKNOWN;
        };
    }

    private FineTuneJob job(TuningJob t, @Nullable String requestedBase) {
        String name = t.name()
                .orElseThrow(() -> new dev.tuneloop.errors.TuneloopException(
                        VertexErrors.PROVIDER + " returned a tuning job without a name"));
        String state = t.state().map(JobState::toString).orElse(null);
        JobStatus status = status(state);
        String raw =
                status == JobStatus.UNKNOWN ? (state == null || state.isBlank() ? "unknown" : state) : status.wire();
        boolean dpo = t.preferenceOptimizationSpec().isPresent();
        String base = t.baseModel()
                .or(() -> t.preTunedModel().flatMap(p -> p.tunedModelName()))
                .orElse(requestedBase == null ? "unknown" : requestedBase);
        String training = dpo
                ? t.preferenceOptimizationSpec()
                        .flatMap(s -> s.trainingDatasetUri())
                        .orElse(null)
                : t.supervisedTuningSpec().flatMap(s -> s.trainingDatasetUri()).orElse(null);
        String validation = dpo
                ? t.preferenceOptimizationSpec()
                        .flatMap(s -> s.validationDatasetUri())
                        .orElse(null)
                : t.supervisedTuningSpec()
                        .flatMap(s -> s.validationDatasetUri())
                        .orElse(null);
        FineTuneJob.Builder b = FineTuneJob.builder(
                        name,
                        base,
                        raw,
                        t.createTime().orElse(clock.instant()),
                        training == null ? "unknown" : training)
                .method(dpo ? FineTuneMethod.DPO : FineTuneMethod.SUPERVISED)
                .validationFileId(validation)
                .suffix(t.tunedModelDisplayName().orElse(null))
                .hyperparameters(hyperparameters(t, dpo))
                .trainedTokens(tokens(t, dpo));
        if (status.isTerminal()) {
            b.finishedAt(t.endTime().or(t::updateTime).orElse(null));
        }
        Optional<TunedModel> tuned = t.tunedModel();
        b.fineTunedModel(tuned.flatMap(TunedModel::endpoint)
                .or(() -> tuned.flatMap(TunedModel::model))
                .orElse(null));
        Optional<GoogleRpcStatus> error = t.error();
        if (status == JobStatus.FAILED) {
            b.error(
                    error.flatMap(GoogleRpcStatus::code).map(String::valueOf).orElse(state),
                    error.flatMap(GoogleRpcStatus::message)
                            .map(VertexErrors::clean)
                            .orElse(null));
        }
        return b.build();
    }

    private static Hyperparameters hyperparameters(TuningJob t, boolean dpo) {
        Hyperparameters hp = Hyperparameters.AUTO;
        if (dpo) {
            Optional<PreferenceOptimizationHyperParameters> p =
                    t.preferenceOptimizationSpec().flatMap(s -> s.hyperParameters());
            if (p.isPresent()) {
                hp = withEpochs(hp, p.get().epochCount());
                hp = withMultiplier(hp, p.get().learningRateMultiplier());
                Optional<Double> beta = p.get().beta();
                if (beta.isPresent() && beta.get() > 0) {
                    hp = hp.withBeta(beta.get());
                }
            }
        } else {
            Optional<SupervisedHyperParameters> s = t.supervisedTuningSpec().flatMap(x -> x.hyperParameters());
            if (s.isPresent()) {
                hp = withEpochs(hp, s.get().epochCount());
                hp = withMultiplier(hp, s.get().learningRateMultiplier());
                Optional<Long> batch = s.get().batchSize();
                if (batch.isPresent() && batch.get() >= 1 && batch.get() <= Integer.MAX_VALUE) {
                    hp = hp.withBatchSize(batch.get().intValue());
                }
            }
        }
        return hp;
    }

    private static Hyperparameters withEpochs(Hyperparameters hp, Optional<Long> epochs) {
        return epochs.isPresent() && epochs.get() >= 1 && epochs.get() <= Integer.MAX_VALUE
                ? hp.withEpochs(epochs.get().intValue())
                : hp;
    }

    private static Hyperparameters withMultiplier(Hyperparameters hp, Optional<Double> m) {
        return m.isPresent() && Double.isFinite(m.get()) && m.get() > 0 ? hp.withLearningRateMultiplier(m.get()) : hp;
    }

    private static @Nullable Long tokens(TuningJob t, boolean dpo) {
        Optional<Long> n = dpo
                ? t.tuningDataStats()
                        .flatMap(s -> s.preferenceOptimizationDataStats())
                        .flatMap(s -> s.totalBillableTokenCount())
                : t.tuningDataStats()
                        .flatMap(s -> s.supervisedTuningDataStats())
                        .flatMap(s -> s.totalBillableTokenCount());
        return n.filter(v -> v >= 0).orElse(null);
    }

    private static void requireJobId(String jobId) {
        Checks.start().text("jobId", jobId, true, 256).orThrow();
    }

    private static void requireGsUri(String field, @Nullable String uri) {
        Checks c = Checks.start();
        requireGsUri(c, field, uri);
        c.orThrow();
    }

    private static void requireGsUri(Checks c, String field, @Nullable String uri) {
        c.require(
                uri != null && uri.startsWith("gs://") && uri.indexOf('/', 5) > 5 && !uri.endsWith("/"),
                field + " must be a gs://bucket/object URI (Vertex AI reads training data from Cloud Storage), but was "
                        + (uri == null ? "null" : "\"" + uri + "\""));
    }

    /** Closes the SDK's HTTP clients. */
    @Override
    public void close() {
        try {
            client.close();
        } finally {
            createClient.close();
        }
    }

    /**
     * The calendar's and the registry's id for this provider.
     *
     * @return {@code "vertex"}
     */
    @Override
    public String provider() {
        return "vertex";
    }

    @Override
    public String toString() {
        return "VertexFineTuneClient[project=" + project + ", location=" + location + ", stager=" + stager + "]";
    }

    /**
     * Settings of a {@link VertexFineTuneClient}; immutable after {@link #build()}. Not thread-safe.
     */
    public static final class Builder {
        private final String project;
        private final String location;
        private final GcsStager stager;
        private @Nullable GoogleCredentials credentials;
        private @Nullable String baseUrl;
        private @Nullable String apiVersion;
        private @Nullable Integer adapterSize;
        private int attempts = DEFAULT_ATTEMPTS;
        private Duration retryDelay = DEFAULT_RETRY_DELAY;
        private @Nullable Duration timeout;
        private int pageSize = DEFAULT_PAGE_SIZE;
        private boolean checkFormat = true;
        private Clock clock = Clock.systemUTC();

        private Builder(String project, String location, GcsStager stager) {
            this.project = project;
            this.location = location;
            this.stager = stager;
        }

        /**
         * The credentials to call Vertex AI with; default: the SDK's application default credentials
         * ({@code GOOGLE_APPLICATION_CREDENTIALS}, gcloud's, or the runtime's service account).
         *
         * @param credentials the credentials
         * @return this builder
         */
        public Builder credentials(GoogleCredentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /**
         * The API's base URL; default: the SDK's regional endpoint ({@code https://<location>-aiplatform.googleapis.com},
         * or {@code https://aiplatform.googleapis.com} for {@code global}). For private endpoints and tests.
         *
         * @param baseUrl the URL, e.g. {@code "http://127.0.0.1:8080/"}
         * @return this builder
         */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /**
         * The API version path; default: the SDK's ({@code v1beta1} in Vertex mode).
         *
         * @param apiVersion e.g. {@code "v1"}
         * @return this builder
         */
        public Builder apiVersion(String apiVersion) {
            this.apiVersion = apiVersion;
            return this;
        }

        /**
         * The LoRA adapter size of every job this client creates; default: unset, Vertex AI chooses. Preference
         * tuning accepts 1, 2, 4, 8 and 16.
         *
         * @param size one of {@link #ADAPTER_SIZES}
         * @return this builder
         */
        public Builder adapterSize(int size) {
            this.adapterSize = size;
            return this;
        }

        /**
         * How many times a call is tried before its failure is thrown (408, 429, 5xx and I/O failures are retried);
         * default {@link #DEFAULT_ATTEMPTS}.
         *
         * @param attempts &ge; 1
         * @return this builder
         */
        public Builder attempts(int attempts) {
            this.attempts = attempts;
            return this;
        }

        /**
         * The delay before the first retry; default {@link #DEFAULT_RETRY_DELAY}.
         *
         * @param delay &ge; 0
         * @return this builder
         */
        public Builder retryDelay(Duration delay) {
            this.retryDelay = delay;
            return this;
        }

        /**
         * The timeout of one HTTP request; default: the SDK's.
         *
         * @param timeout &gt; 0
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /**
         * The page size of list calls (every page is read); default {@link #DEFAULT_PAGE_SIZE}.
         *
         * @param pageSize 1-1000
         * @return this builder
         */
        public Builder pageSize(int pageSize) {
            this.pageSize = pageSize;
            return this;
        }

        /**
         * Whether {@code upload} checks that every line is Gemini tuning data before staging it; default true. Turn it
         * off only when the host has validated the file already (e.g. with core's Gemini export preset validator).
         *
         * @param check false to stage files unchecked
         * @return this builder
         */
        public Builder checkFormat(boolean check) {
            this.checkFormat = check;
            return this;
        }

        /**
         * The clock for upload times and for jobs the API returns without a creation time; default UTC.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Validates the settings and builds the client.
         *
         * @return the client
         * @throws ValidationException listing every invalid setting
         */
        public VertexFineTuneClient build() {
            Checks c = Checks.start()
                    .text("project", project, true, 128)
                    .text("location", location, true, 64)
                    .require(stager != null, "stager is required (GcsStager.hostManaged() when the host uploads)")
                    .require(attempts >= 1, "attempts must be >= 1, but was " + attempts)
                    .require(
                            retryDelay != null && !retryDelay.isNegative(),
                            "retryDelay must be >= 0, but was " + retryDelay)
                    .require(
                            timeout == null || (!timeout.isNegative() && !timeout.isZero()),
                            "timeout must be > 0, but was " + timeout)
                    .require(
                            pageSize >= 1 && pageSize <= 1000,
                            "pageSize must be between 1 and 1000, but was " + pageSize)
                    .require(
                            adapterSize == null || ADAPTER_SIZES.contains(adapterSize),
                            "adapterSize must be one of " + ADAPTER_SIZES + ", but was " + adapterSize);
            String url = baseUrl;
            if (url != null) {
                c.require(
                        url.startsWith("https://") || url.startsWith("http://"),
                        "baseUrl must be an http(s) URL, but was \"" + url + "\"");
            }
            c.orThrow();
            return new VertexFineTuneClient(this);
        }
    }
}
