package dev.tuneloop.together;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuneloop.errors.Checks;
import dev.tuneloop.errors.ConflictException;
import dev.tuneloop.errors.NotFoundException;
import dev.tuneloop.errors.RetriableException;
import dev.tuneloop.errors.TuneloopException;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.tune.Checkpoint;
import dev.tuneloop.tune.FineTuneClient;
import dev.tuneloop.tune.FineTuneJob;
import dev.tuneloop.tune.FineTuneMethod;
import dev.tuneloop.tune.FineTuneRequest;
import dev.tuneloop.tune.FineTuningUnavailableException;
import dev.tuneloop.tune.Hyperparameters;
import dev.tuneloop.tune.JobEvent;
import dev.tuneloop.tune.JobStatus;
import dev.tuneloop.tune.Listing;
import dev.tuneloop.tune.ModelInfo;
import dev.tuneloop.tune.ProviderAuthenticationException;
import dev.tuneloop.tune.ProviderRejectedException;
import dev.tuneloop.tune.UploadedFile;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link FineTuneClient} on Together AI's REST API, written on the JDK {@link HttpClient} and Jackson (Together
 * publishes no Java SDK).
 *
 * <p>The wire format follows Together's OpenAPI spec (github.com/togethercomputer/openapi, {@code openapi.yaml},
 * read at commit 090263a of 2026-04-28), not the argument names of its SDKs:
 * <ul>
 *   <li>upload: {@code POST /files/upload}, multipart with {@code purpose=fine-tune}, {@code file_name},
 *   {@code file_type=jsonl} and {@code file}, answered by a {@code FileResponse}. Together's Python and TypeScript
 *   SDKs upload differently ({@code POST /files} answered by a 302 to signed storage with the file id in
 *   {@code X-Together-File-Id}, a PUT of the bytes there, then {@code POST /files/{id}/preprocess}); when the upload
 *   is answered that way, this client follows the same steps, never sending the key to the storage address. The
 *   file is first checked here the way Together checks it (see {@code TogetherFileCheck}); delete:
 *   {@code DELETE /files/{id}};</li>
 *   <li>create: {@code POST /fine-tunes} with {@code model}, {@code training_file}, {@code validation_file},
 *   {@code n_epochs}, {@code n_checkpoints}, {@code batch_size}, {@code learning_rate}, {@code warmup_ratio},
 *   {@code suffix}, {@code random_seed}, {@code training_method} ({@code {"method":"sft","train_on_inputs":…}} or
 *   {@code {"method":"dpo","dpo_beta":…}}) and {@code training_type} ({@code {"type":"Lora","lora_r":…,
 *   "lora_alpha":…,"lora_dropout":…,"lora_trainable_modules":…}} or {@code {"type":"Full"}}); the deprecated
 *   top-level {@code train_on_inputs} is not sent;</li>
 *   <li>get {@code GET /fine-tunes/{id}}, cancel {@code POST /fine-tunes/{id}/cancel}, list {@code GET /fine-tunes},
 *   events {@code GET /fine-tunes/{id}/events}, checkpoints {@code GET /fine-tunes/{id}/checkpoints}, fine-tunable
 *   models {@code GET /fine-tunes/models/supported}. None of these lists is paged in the spec: each answer's
 *   {@code data} (or {@code models}) is the whole list;</li>
 *   <li>the tuned model's name is {@code model_output_name} (kept as {@link FineTuneJob#fineTunedModel()} once the
 *   job completed); its weights download from {@link #weightsDownload(String)} ({@code GET /finetune/download});</li>
 *   <li>statuses ({@code FinetuneJobStatus}: pending, queued, running, compressing, uploading, cancel_requested,
 *   cancelled, error, completed, and user_error from the SDKs) map through {@link JobStatus#fromWire(String)}; any
 *   other text is kept as {@link JobStatus#UNKNOWN}.</li>
 * </ul>
 *
 * <p>Settings: the provider-neutral ones come from the {@link FineTuneRequest} (epochs, batch size, a learning-rate
 * multiplier applied to Together's default rate of 1e-5, DPO beta, suffix, seed); the Together-only ones (LoRA,
 * checkpoints, warm-up, an absolute learning rate, train-on-inputs) from {@link TogetherOptions}, as the client's
 * defaults ({@link Builder#defaults(TogetherOptions)}) or per job ({@link #create(FineTuneRequest,
 * TogetherOptions)}). Together has no job metadata: {@link FineTuneRequest#metadata()} is not sent.
 *
 * <p>Errors by what the caller can do (see {@link FineTuneClient}): 401 {@link ProviderAuthenticationException}; 403
 * or an answer that the model cannot be fine-tuned {@link FineTuningUnavailableException}; 400/422
 * {@link ProviderRejectedException} naming the parameter (the error's {@code param}, or a request field its message
 * names); 404 {@link NotFoundException}; 409 {@link ConflictException}; 402 or an exhausted quota a plain
 * {@link TuneloopException} (add credit, retrying will not help); 408, 429 and 5xx are retried with exponential
 * backoff (honouring {@code Retry-After}) and then become {@link RetriableException}. A create is retried only on
 * 429, never after a 5xx, so that a job is not started twice.
 *
 * <p>Thread-safe. The API key is sent only in the {@code Authorization} header; it never appears in a message, a log
 * line or {@link #toString()}, and a provider message that quotes it is masked.
 */
public final class TogetherFineTuneClient implements FineTuneClient, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TogetherFineTuneClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROVIDER = "Together";

    /** Together's API base URL, as its OpenAPI spec names the server. */
    public static final String DEFAULT_BASE_URL = "https://api.together.ai/v1";

    /** Together's default learning rate ({@code learning_rate} in the spec); a request's multiplier scales it. */
    public static final double DEFAULT_LEARNING_RATE = 1e-5;

    private static final Pattern KEY_LIKE = Pattern.compile("tgp_[A-Za-z0-9_\\-]{4,}|\\b[a-f0-9]{64}\\b");
    private static final int MAX_DETAIL = 300;
    /** Marks an upload answered by a redirect to signed storage (followed by signedUpload). */
    private static final String SIGNED_UPLOAD = "tuneloop_signed_upload_url";

    private static final List<String> REQUEST_FIELDS = List.of(
            "training_file",
            "validation_file",
            "n_epochs",
            "n_checkpoints",
            "batch_size",
            "learning_rate",
            "warmup_ratio",
            "suffix",
            "random_seed",
            "training_method",
            "dpo_beta",
            "train_on_inputs",
            "training_type",
            "lora_r",
            "lora_alpha",
            "lora_dropout",
            "lora_trainable_modules",
            "model");

    private final String apiKey;
    private final URI baseUrl;
    private final Duration requestTimeout;
    private final int maxRetries;
    private final Duration backoff;
    private final TogetherOptions defaults;
    private final HttpClient http;

    private TogetherFineTuneClient(Builder b) {
        this.apiKey = b.apiKey;
        this.baseUrl = URI.create(b.baseUrl.endsWith("/") ? b.baseUrl.substring(0, b.baseUrl.length() - 1) : b.baseUrl);
        this.requestTimeout = b.requestTimeout;
        this.maxRetries = b.maxRetries;
        this.backoff = b.backoff;
        this.defaults = b.defaults;
        this.http = HttpClient.newBuilder().connectTimeout(b.connectTimeout).build();
    }

    /**
     * A builder for a client with this API key.
     *
     * @param apiKey the Together API key ({@code TOGETHER_API_KEY}); not blank
     * @return a builder with the default base URL, timeouts (10 s connect, 60 s per request) and 2 retries
     * @throws ValidationException when the key is null or blank (the message does not show it)
     */
    public static Builder builder(String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new ValidationException("apiKey is required, but was " + (apiKey == null ? "null" : "blank"));
        }
        return new Builder(apiKey);
    }

    /**
     * A client configured from the environment: {@code TOGETHER_API_KEY}, and {@code TOGETHER_BASE_URL} when set.
     *
     * @return the client
     * @throws ValidationException when {@code TOGETHER_API_KEY} is not set
     */
    public static TogetherFineTuneClient fromEnv() {
        String key = System.getenv("TOGETHER_API_KEY");
        if (key == null || key.isBlank()) {
            throw new ValidationException("TOGETHER_API_KEY must be set, but it is not");
        }
        Builder b = builder(key);
        String base = System.getenv("TOGETHER_BASE_URL");
        if (base != null && !base.isBlank()) {
            b.baseUrl(base);
        }
        return b.build();
    }

    // ---------------------------------------------------------------- files

    /**
     * {@inheritDoc}
     *
     * <p>The file is checked first as Together checks it (UTF-8 JSON Lines in one fine-tuning format), then sent to
     * {@code POST /files/upload}. The body streams from disk and can be sent again on a retry.
     *
     * @param jsonl {@inheritDoc}
     * @return {@inheritDoc}
     * @throws ValidationException when the file is missing, unreadable or fails Together's check (naming the line)
     */
    @Override
    public UploadedFile upload(Path jsonl) {
        Objects.requireNonNull(jsonl, "jsonl");
        if (!Files.isRegularFile(jsonl) || !Files.isReadable(jsonl)) {
            throw new ValidationException(
                    "file " + jsonl + " must be a readable file, but it is missing or unreadable");
        }
        TogetherFileCheck.check(jsonl);
        String name = jsonl.getFileName().toString();
        String boundary = "tuneloop-" + UUID.randomUUID();
        String head = part(boundary, "purpose", UploadedFile.FINE_TUNE_PURPOSE)
                + part(boundary, "file_name", name)
                + part(boundary, "file_type", "jsonl")
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + name.replace("\"", "%22") + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        HttpRequest.BodyPublisher body;
        try {
            body = HttpRequest.BodyPublishers.concat(
                    HttpRequest.BodyPublishers.ofByteArray(head.getBytes(StandardCharsets.UTF_8)),
                    HttpRequest.BodyPublishers.ofFile(jsonl),
                    HttpRequest.BodyPublishers.ofByteArray(tail.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new ValidationException(
                    "file " + jsonl + " must be readable, but " + e.getClass().getSimpleName() + " was raised");
        }
        HttpRequest.Builder req = request("/files/upload")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(body);
        JsonNode f = send(req, true, "uploading file " + name);
        if (f.has(SIGNED_UPLOAD)) {
            f = signedUpload(
                    jsonl, name, f.get(SIGNED_UPLOAD).asText(), f.path("id").asText());
        }
        UploadedFile file = new UploadedFile(
                text(f, "id", "file id"),
                f.hasNonNull("filename") ? f.get("filename").asText() : name,
                f.path("bytes").asLong(0),
                f.hasNonNull("purpose") ? f.get("purpose").asText() : UploadedFile.FINE_TUNE_PURPOSE,
                f.hasNonNull("created_at") ? instant(f.get("created_at"), "created_at") : Instant.now());
        LOG.info("uploaded {} as {}", name, file.id());
        return file;
    }

    /**
     * The upload flow of Together's SDKs: the first POST answers 302 with a signed storage URL ({@code Location}) and
     * the file id ({@code X-Together-File-Id}); the bytes are PUT to that URL without the API key (it is a third-party
     * address, already signed), then {@code POST /files/{id}/preprocess} finishes the upload and answers the file.
     */
    private JsonNode signedUpload(Path jsonl, String name, String url, String fileId) {
        URI target = URI.create(url);
        if (fileId.isBlank() || !("https".equals(target.getScheme()) || "http".equals(target.getScheme()))) {
            throw new TuneloopException(
                    PROVIDER + " answered an upload redirect this client cannot follow for " + name);
        }
        HttpRequest put;
        try {
            put = HttpRequest.newBuilder(target)
                    .timeout(requestTimeout)
                    .header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.ofFile(jsonl))
                    .build();
        } catch (IOException e) {
            throw new ValidationException(
                    "file " + jsonl + " must be readable, but " + e.getClass().getSimpleName() + " was raised");
        }
        try {
            HttpResponse<String> r = http.send(put, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() / 100 != 2) {
                throw new RetriableException(PROVIDER + " storage refused the upload of " + name + " (HTTP "
                        + r.statusCode() + "); upload the file again");
            }
        } catch (IOException e) {
            throw new RetriableException(PROVIDER + " storage could not be reached while uploading " + name + ": "
                    + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableException(PROVIDER + " upload of " + name + " interrupted");
        }
        return send(
                request("/files/" + enc(fileId) + "/preprocess").POST(HttpRequest.BodyPublishers.noBody()),
                true,
                "finishing the upload of " + name);
    }

    private static String part(String boundary, String name, String value) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    /**
     * Deletes an uploaded file with {@code DELETE /files/{id}}.
     *
     * @param fileId the file's id
     * @return true when deleted, false when Together has no such file
     */
    @Override
    public boolean deleteFile(String fileId) {
        Checks.start().text("fileId", fileId, true, 256).orThrow();
        try {
            JsonNode r = send(request("/files/" + enc(fileId)).DELETE(), true, "deleting file " + fileId);
            return !r.has("deleted") || r.get("deleted").asBoolean();
        } catch (NotFoundException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- jobs

    /**
     * Starts a job with the client's default {@link TogetherOptions}.
     *
     * @param request what to fine-tune
     * @return the job as Together answered
     */
    @Override
    public FineTuneJob create(FineTuneRequest request) {
        return create(request, defaults);
    }

    /**
     * Starts a job with Together-only settings for this job.
     *
     * @param request what to fine-tune
     * @param options the Together-only settings (replacing the client's defaults)
     * @return the job as Together answered
     * @throws ProviderRejectedException when Together rejects a setting, naming it
     */
    public FineTuneJob create(FineTuneRequest request, TogetherOptions options) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(options, "options");
        ObjectNode body = createBody(request, options);
        if (!request.metadata().isEmpty()) {
            LOG.info(
                    "Together has no job metadata: {} metadata entries not sent",
                    request.metadata().size());
        }
        HttpRequest.Builder req = request("/fine-tunes")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        FineTuneJob job = job(send(req, false, "creating a fine-tuning job on " + request.baseModel()));
        LOG.info("created {} on {}", job.describe(), job.baseModel());
        return job;
    }

    /**
     * The JSON body of {@code POST /fine-tunes} for a request.
     *
     * @param request the provider-neutral request
     * @param options the Together-only settings
     * @return the body
     */
    static ObjectNode createBody(FineTuneRequest request, TogetherOptions options) {
        ObjectNode b = JSON.createObjectNode();
        b.put("model", request.baseModel());
        b.put("training_file", request.trainingFileId());
        if (request.validationFileId() != null) {
            b.put("validation_file", request.validationFileId());
        }
        Hyperparameters hp = request.hyperparameters();
        if (!hp.nEpochs().auto()) {
            b.put("n_epochs", (int) hp.nEpochs().number());
        }
        if (options.nCheckpoints() != null) {
            b.put("n_checkpoints", options.nCheckpoints());
        }
        if (!hp.batchSize().auto()) {
            b.put("batch_size", (int) hp.batchSize().number());
        }
        Double lr = options.learningRate();
        if (lr != null) {
            b.put("learning_rate", lr);
        } else if (!hp.learningRateMultiplier().auto()) {
            b.put(
                    "learning_rate",
                    DEFAULT_LEARNING_RATE * hp.learningRateMultiplier().number());
        }
        if (options.warmupRatio() != null) {
            b.put("warmup_ratio", options.warmupRatio());
        }
        if (request.suffix() != null) {
            b.put("suffix", request.suffix());
        }
        if (request.seed() != null) {
            b.put("random_seed", request.seed());
        }
        ObjectNode method = b.putObject("training_method");
        if (request.method() == FineTuneMethod.DPO) {
            method.put("method", "dpo");
            if (!hp.beta().auto()) {
                method.put("dpo_beta", hp.beta().number());
            }
        } else {
            method.put("method", "sft");
            Boolean onInputs = options.trainOnInputs();
            if (onInputs == null) {
                method.put("train_on_inputs", "auto");
            } else {
                method.put("train_on_inputs", onInputs);
            }
        }
        TogetherOptions.Lora lora = options.lora();
        if (lora != null) {
            b.putObject("training_type")
                    .put("type", "Lora")
                    .put("lora_r", lora.rank())
                    .put("lora_alpha", lora.alpha())
                    .put("lora_dropout", lora.dropout())
                    .put("lora_trainable_modules", lora.trainableModules());
        } else if (options.fullTraining()) {
            b.putObject("training_type").put("type", "Full");
        }
        return b;
    }

    @Override
    public FineTuneJob get(String jobId) {
        requireId(jobId);
        return job(send(request("/fine-tunes/" + enc(jobId)).GET(), true, "reading job " + jobId));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Together answers HTTP 400 when the job cannot be cancelled; the job is then read, and a finished job gives the
     * {@link ConflictException} the SPI promises. Together may answer {@code cancel_requested} (RUNNING) before the
     * job is {@code cancelled}.
     *
     * @param jobId {@inheritDoc}
     * @return {@inheritDoc}
     * @throws NotFoundException when Together has no such job
     * @throws ConflictException when the job has already finished
     */
    @Override
    public FineTuneJob cancel(String jobId) {
        requireId(jobId);
        try {
            FineTuneJob job = job(send(
                    request("/fine-tunes/" + enc(jobId) + "/cancel").POST(HttpRequest.BodyPublishers.noBody()),
                    true,
                    "cancelling job " + jobId));
            LOG.info("asked to cancel job {}; {}", jobId, job.describe());
            return job;
        } catch (ProviderRejectedException | ConflictException e) {
            FineTuneJob now = get(jobId);
            if (now.isTerminal()) {
                throw new ConflictException(now.describe() + " and cannot be cancelled", e);
            }
            throw e;
        }
    }

    @Override
    public <T> List<T> list(Listing<T> listing) {
        Objects.requireNonNull(listing, "listing");
        // a switch expression over the kind has no default: a new listing kind does not compile until it is handled
        List<?> items = switch (listing.kind()) {
            case EVENTS -> {
                String id = listing.requireJobId();
                JsonNode r = send(
                        request("/fine-tunes/" + enc(id) + "/events").GET(), true, "listing the events of job " + id);
                List<JobEvent> events = new ArrayList<>();
                int i = 0;
                for (JsonNode e : r.path("data")) {
                    events.add(event(id, i++, e));
                }
                events.sort(Comparator.comparing(JobEvent::createdAt));
                yield events;
            }
            case CHECKPOINTS -> {
                String id = listing.requireJobId();
                JsonNode r = send(
                        request("/fine-tunes/" + enc(id) + "/checkpoints").GET(),
                        true,
                        "listing the checkpoints of job " + id);
                List<Checkpoint> cps = new ArrayList<>();
                for (JsonNode c : r.path("data")) {
                    cps.add(checkpoint(id, c));
                }
                cps.sort(Comparator.comparingLong(Checkpoint::stepNumber));
                yield cps;
            }
            case MODELS -> {
                JsonNode r = send(request("/fine-tunes/models/supported").GET(), true, "listing fine-tunable models");
                List<ModelInfo> models = new ArrayList<>();
                for (JsonNode m : r.path("models")) {
                    // the spec gives names only: no creation date, so the epoch stands for "unknown"
                    models.add(new ModelInfo(m.asText(), Instant.EPOCH, "together"));
                }
                yield models;
            }
            case JOBS -> {
                JsonNode r = send(request("/fine-tunes").GET(), true, "listing fine-tuning jobs");
                List<FineTuneJob> jobs = new ArrayList<>();
                for (JsonNode j : r.path("data")) {
                    jobs.add(job(j));
                }
                jobs.sort(Comparator.comparing(FineTuneJob::createdAt).reversed());
                yield jobs;
            }
        };
        return listing.cast(items);
    }

    /**
     * Where the tuned weights of a job download from ({@code GET /finetune/download?ft_id=…}, with the API key in the
     * {@code Authorization} header): the downloadable-weights reference to keep next to the model's name.
     *
     * @param jobId the job's id
     * @return the download URI (it holds no key)
     */
    public URI weightsDownload(String jobId) {
        requireId(jobId);
        return URI.create(baseUrl + "/finetune/download?ft_id=" + enc(jobId));
    }

    /**
     * The download address of a completed job's weights ({@link #weightsDownload(String)}); the watcher records it on
     * the model version.
     *
     * @param job the job
     * @return the address for a succeeded job; empty otherwise
     */
    @Override
    public Optional<URI> weights(FineTuneJob job) {
        return job.status() == JobStatus.SUCCEEDED ? Optional.of(weightsDownload(job.id())) : Optional.empty();
    }

    // ---------------------------------------------------------------- mapping

    static FineTuneJob job(JsonNode j) {
        String raw = j.hasNonNull("status") ? j.get("status").asText() : "unknown";
        Instant created = j.hasNonNull("created_at") ? instant(j.get("created_at"), "created_at") : Instant.EPOCH;
        String model = j.hasNonNull("model") ? j.get("model").asText() : "unknown";
        String trainingFile =
                j.hasNonNull("training_file") ? j.get("training_file").asText() : "unknown";
        FineTuneJob.Builder b = FineTuneJob.builder(text(j, "id", "job id"), model, raw, created, trainingFile);
        JobStatus status = JobStatus.fromWire(raw);
        if (status.isTerminal() && j.hasNonNull("updated_at")) {
            b.finishedAt(instant(j.get("updated_at"), "updated_at"));
        }
        if (status == JobStatus.SUCCEEDED && j.hasNonNull("model_output_name")) {
            b.fineTunedModel(j.get("model_output_name").asText());
        }
        if (status == JobStatus.FAILED) {
            b.error(raw, "Together reports the job as " + raw + "; its events say why");
        }
        if (j.hasNonNull("validation_file")
                && !j.get("validation_file").asText().isEmpty()) {
            b.validationFileId(j.get("validation_file").asText());
        }
        if (j.hasNonNull("suffix") && !j.get("suffix").asText().isEmpty()) {
            b.suffix(j.get("suffix").asText());
        }
        JsonNode method = j.path("training_method");
        boolean dpo = "dpo".equalsIgnoreCase(method.path("method").asText());
        b.method(dpo ? FineTuneMethod.DPO : FineTuneMethod.SUPERVISED);
        Hyperparameters hp = Hyperparameters.AUTO;
        if (j.path("n_epochs").isIntegralNumber() && j.get("n_epochs").asInt() >= 1) {
            hp = hp.withEpochs(j.get("n_epochs").asInt());
        }
        if (j.path("batch_size").isIntegralNumber() && j.get("batch_size").asInt() >= 1) {
            hp = hp.withBatchSize(j.get("batch_size").asInt());
        }
        if (j.path("learning_rate").isNumber() && j.get("learning_rate").asDouble() > 0) {
            hp = hp.withLearningRateMultiplier(j.get("learning_rate").asDouble() / DEFAULT_LEARNING_RATE);
        }
        if (dpo && method.path("dpo_beta").isNumber() && method.get("dpo_beta").asDouble() > 0) {
            hp = hp.withBeta(method.get("dpo_beta").asDouble());
        }
        return b.hyperparameters(hp).build();
    }

    private static JobEvent event(String jobId, int index, JsonNode e) {
        String hash = e.path("hash").asText("");
        String type = e.path("type").asText("").toLowerCase(Locale.ROOT);
        // the spec spells levels in lower case, the Python SDK in title case ("Info"): read both
        String level = e.path("level").asText("").toLowerCase(Locale.ROOT);
        if (level.isEmpty() || "null".equals(level)) {
            level = type.contains("error") ? "error" : "info";
        }
        level = level.startsWith("legacy_i") ? level.substring("legacy_i".length()) : level;
        level = level.startsWith("legacy_") ? level.substring("legacy_".length()) : level;
        String message = e.path("message").asText("");
        return new JobEvent(
                hash.isEmpty() ? jobId + "-event-" + index : hash,
                e.hasNonNull("created_at") ? instant(e.get("created_at"), "event created_at") : Instant.EPOCH,
                level,
                message.isEmpty() ? type : message);
    }

    private static Checkpoint checkpoint(String jobId, JsonNode c) {
        long step = c.path("step").asLong(0);
        String type = c.path("checkpoint_type").asText("");
        String path = c.path("path").asText("");
        return new Checkpoint(
                jobId + ":" + step + (type.isEmpty() ? "" : ":" + type),
                jobId,
                path.isEmpty() ? jobId + ":" + step : path,
                step,
                c.hasNonNull("created_at") ? instant(c.get("created_at"), "checkpoint created_at") : Instant.EPOCH,
                Map.of());
    }

    private static String text(JsonNode n, String field, String what) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            throw new TuneloopException(PROVIDER + " answered without a " + what + " (field " + field + ")");
        }
        return v.asText();
    }

    /** A date-time as ISO-8601 (with or without offset, space or T) or epoch seconds. */
    static Instant instant(JsonNode v, String field) {
        if (v.isNumber()) {
            return Instant.ofEpochSecond(v.asLong());
        }
        String s = v.asText().trim().replace(' ', 'T');
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(s.endsWith("Z") ? s : s + "Z");
            } catch (DateTimeParseException e2) {
                throw new TuneloopException(
                        PROVIDER + " answered a " + field + " this client cannot read: \"" + clip(s) + "\"", e2);
            }
        }
    }

    // ---------------------------------------------------------------- HTTP

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(requestTimeout)
                .header("Authorization", "Bearer " + apiKey)
                .header("Accept", "application/json")
                .header("User-Agent", "tuneloop-together");
    }

    /**
     * Sends a request, retrying 408/429/5xx and I/O failures ({@code retry5xx} false: only 429), and reads the JSON
     * answer.
     */
    private JsonNode send(HttpRequest.Builder builder, boolean retry5xx, String action) {
        HttpRequest req = builder.build();
        int attempt = 0;
        while (true) {
            HttpResponse<String> resp;
            try {
                resp = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                if (attempt < maxRetries && retry5xx) {
                    pause(attempt++, null);
                    continue;
                }
                throw new RetriableException(PROVIDER + " could not be reached while " + action + " after "
                        + (attempt + 1) + " attempts: " + e.getClass().getSimpleName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RetriableException(PROVIDER + " call interrupted while " + action);
            }
            int status = resp.statusCode();
            if (status == 302
                    && resp.headers().firstValue("Location").isPresent()
                    && resp.headers().firstValue("X-Together-File-Id").isPresent()) {
                return JSON.createObjectNode()
                        .put(
                                SIGNED_UPLOAD,
                                resp.headers().firstValue("Location").get())
                        .put(
                                "id",
                                resp.headers().firstValue("X-Together-File-Id").get());
            }
            if (status >= 200 && status < 300) {
                try {
                    String body = resp.body();
                    return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
                } catch (IOException e) {
                    throw new TuneloopException(
                            PROVIDER + " answered with JSON this client cannot read while " + action, e);
                }
            }
            boolean retriable = status == 429 || (retry5xx && (status == 408 || status >= 500));
            if (retriable && attempt < maxRetries && !quotaExhausted(status, resp.body())) {
                pause(attempt++, resp.headers().firstValue("Retry-After").orElse(null));
                continue;
            }
            throw translate(status, resp.body(), action, attempt + 1);
        }
    }

    private void pause(int attempt, @Nullable String retryAfter) {
        long millis = backoff.toMillis() << Math.min(attempt, 5);
        if (retryAfter != null) {
            try {
                millis = Math.max(millis, Math.min(60_000, Long.parseLong(retryAfter.trim()) * 1000));
            } catch (NumberFormatException e) {
                // an HTTP date: keep the exponential backoff
            }
        }
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableException(PROVIDER + " retry interrupted");
        }
    }

    private static boolean quotaExhausted(int status, @Nullable String body) {
        String b = body == null ? "" : body.toLowerCase(Locale.ROOT);
        return status == 429 && (b.contains("insufficient_quota") || b.contains("credit") || b.contains("balance"));
    }

    private TuneloopException translate(int status, @Nullable String body, String action, int attempts) {
        JsonNode err = JSON.createObjectNode();
        try {
            if (body != null && !body.isBlank()) {
                JsonNode root = JSON.readTree(body);
                err = root.has("error") && root.get("error").isObject() ? root.get("error") : root;
            }
        } catch (IOException e) {
            // not JSON: the status says enough
        }
        String detail = clean(err.path("message").asText(body == null ? "" : body));
        String code = err.hasNonNull("code") ? clean(err.get("code").asText()) : null;
        String param = err.hasNonNull("param") ? err.get("param").asText() : null;
        String d = detail.toLowerCase(Locale.ROOT);
        if (param == null && (status == 400 || status == 422)) {
            param = fieldNamedIn(d);
        }
        String tag = code == null ? "" : " [" + code + "]";
        if (status == 401) {
            return new ProviderAuthenticationException(
                    PROVIDER + " refused the credentials (HTTP 401) while " + action + tag
                            + ": check the API key (TOGETHER_API_KEY): " + detail,
                    null);
        }
        boolean aboutFineTuning = d.contains("fine-tun") || d.contains("fine tun") || d.contains("finetun");
        boolean saysUnavailable = d.contains("not available")
                || d.contains("not supported")
                || d.contains("unsupported")
                || d.contains("not enabled")
                || d.contains("not allowed");
        if ((status == 403 && !d.contains("permission"))
                || ((status == 400 || status == 404)
                        && saysUnavailable
                        && (aboutFineTuning || d.contains("model"))
                        && (param == null || param.equals("model")))) {
            return new FineTuningUnavailableException(PROVIDER, "HTTP " + status + tag + ": " + detail, null);
        }
        if (status == 403) {
            return new ProviderAuthenticationException(
                    PROVIDER + " refused the call (HTTP 403) while " + action + tag + ": " + detail, null);
        }
        if (status == 400 || status == 422) {
            return new ProviderRejectedException(PROVIDER, param, code, detail, null);
        }
        if (status == 404) {
            return new NotFoundException(PROVIDER + " has no such object while " + action + tag + ": " + detail);
        }
        if (status == 409) {
            return new ConflictException(PROVIDER + " refused " + action + " in the object's current state: " + detail);
        }
        if (status == 402 || quotaExhausted(status, body)) {
            return new TuneloopException(PROVIDER + " refused " + action + " for lack of credit (HTTP " + status + ")"
                    + tag + ": add credit or raise the limit; retrying will not help: " + detail);
        }
        if (status == 408 || status == 429 || status >= 500) {
            return new RetriableException(PROVIDER + " answered HTTP " + status + " while " + action + " after "
                    + attempts + " attempt" + (attempts == 1 ? "" : "s") + tag + ": " + detail);
        }
        return new TuneloopException(PROVIDER + " answered HTTP " + status + " while " + action + tag + ": " + detail);
    }

    private static @Nullable String fieldNamedIn(String lowerDetail) {
        for (String f : REQUEST_FIELDS) {
            if (Pattern.compile("\\b" + f + "\\b").matcher(lowerDetail).find()) {
                return f;
            }
        }
        return null;
    }

    /** The provider's text, shortened, with the key and anything key-like masked. */
    private String clean(String message) {
        String m = message.replace(apiKey, "***");
        m = KEY_LIKE.matcher(m).replaceAll("***");
        return clip(m);
    }

    private static String clip(String s) {
        return s.length() <= MAX_DETAIL ? s : s.substring(0, MAX_DETAIL) + "…";
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void requireId(String jobId) {
        Checks.start().text("jobId", jobId, true, 256).orThrow();
    }

    /** Nothing to release: the JDK client's connections close when it is collected. */
    @Override
    public void close() {
        // HttpClient.close() arrives with Java 21; on 17 the client is released by the garbage collector
    }

    /**
     * The calendar's and the registry's id for this provider.
     *
     * @return {@code "together"}
     */
    @Override
    public String provider() {
        return "together";
    }

    @Override
    public String toString() {
        return "TogetherFineTuneClient[baseUrl=" + baseUrl + "]";
    }

    /** Builds a {@link TogetherFineTuneClient}; not thread-safe. */
    public static final class Builder {
        private final String apiKey;
        private String baseUrl = DEFAULT_BASE_URL;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private int maxRetries = 2;
        private Duration backoff = Duration.ofMillis(500);
        private TogetherOptions defaults = TogetherOptions.DEFAULTS;

        private Builder(String apiKey) {
            this.apiKey = apiKey;
        }

        /**
         * The API base URL (default {@value TogetherFineTuneClient#DEFAULT_BASE_URL}), e.g. a local test server's.
         *
         * @param baseUrl an http(s) URL ending in the API version, e.g. {@code https://api.together.ai/v1}
         * @return this builder
         * @throws ValidationException when it is not an http(s) URL
         */
        public Builder baseUrl(String baseUrl) {
            Checks.start()
                    .text("baseUrl", baseUrl, true, 2048)
                    .require(
                            baseUrl != null && (baseUrl.startsWith("https://") || baseUrl.startsWith("http://")),
                            "baseUrl must start with http:// or https://, but was " + baseUrl)
                    .orThrow();
            this.baseUrl = baseUrl;
            return this;
        }

        /**
         * The connect timeout (default 10 s).
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive("connectTimeout", timeout);
            return this;
        }

        /**
         * The timeout of each request (default 60 s; uploads of large files may need more).
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive("requestTimeout", timeout);
            return this;
        }

        /**
         * How often a 408, 429, 5xx or I/O failure is retried (default 2).
         *
         * @param retries 0 to 10
         * @return this builder
         */
        public Builder maxRetries(int retries) {
            Checks.start()
                    .require(retries >= 0 && retries <= 10, "maxRetries must be in [0, 10], but was " + retries)
                    .orThrow();
            this.maxRetries = retries;
            return this;
        }

        /**
         * The first retry's delay, doubled for each further retry (default 500 ms); a longer {@code Retry-After}
         * wins.
         *
         * @param delay zero or positive
         * @return this builder
         */
        public Builder backoff(Duration delay) {
            Checks.start()
                    .require(delay != null && !delay.isNegative(), "backoff must be >= 0, but was " + delay)
                    .orThrow();
            this.backoff = delay;
            return this;
        }

        /**
         * The Together-only settings of jobs created with {@link TogetherFineTuneClient#create(FineTuneRequest)}.
         *
         * @param options the settings
         * @return this builder
         */
        public Builder defaults(TogetherOptions options) {
            this.defaults = Objects.requireNonNull(options, "options");
            return this;
        }

        private static Duration positive(String name, Duration d) {
            Checks.start()
                    .require(d != null && !d.isNegative() && !d.isZero(), name + " must be > 0, but was " + d)
                    .orThrow();
            return d;
        }

        /**
         * Builds the client.
         *
         * @return a thread-safe client
         */
        public TogetherFineTuneClient build() {
            return new TogetherFineTuneClient(this);
        }

        /** Shows the base URL and retries, never the key. */
        @Override
        public String toString() {
            return "TogetherFineTuneClient.Builder[baseUrl=" + baseUrl + ", maxRetries=" + maxRetries + "]";
        }
    }
}
