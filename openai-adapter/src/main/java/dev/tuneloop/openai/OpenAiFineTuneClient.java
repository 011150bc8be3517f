package dev.tuneloop.openai;

import com.openai.client.OpenAIClient;
import com.openai.core.MultipartField;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FilePurpose;
import dev.tuneloop.errors.Checks;
import dev.tuneloop.errors.ConflictException;
import dev.tuneloop.errors.NotFoundException;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.tune.Checkpoint;
import dev.tuneloop.tune.FineTuneClient;
import dev.tuneloop.tune.FineTuneJob;
import dev.tuneloop.tune.FineTuneRequest;
import dev.tuneloop.tune.JobEvent;
import dev.tuneloop.tune.Listing;
import dev.tuneloop.tune.ModelLifecycle;
import dev.tuneloop.tune.UploadedFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link FineTuneClient} on the official {@code openai-java} SDK, for OpenAI and Azure OpenAI.
 *
 * <pre>{@code
 * try (OpenAiFineTuneClient client = OpenAiFineTuneClient.fromEnv()) {   // OPENAI_API_KEY, …
 *     UploadedFile file = client.upload(Path.of("train.jsonl"));
 *     FineTuneJob job = client.create(FineTuneRequest.builder("gpt-4o-mini-2024-07-18", file.id()).build());
 * }
 * }</pre>
 *
 * <p>Errors are translated at this edge (see {@link FineTuneClient} for the kinds): a 403 or a "not available for
 * fine-tuning" answer becomes {@link dev.tuneloop.tune.FineTuningUnavailableException} (OpenAI is closing
 * self-serve fine-tuning), 401 {@link dev.tuneloop.tune.ProviderAuthenticationException}, 400
 * {@link dev.tuneloop.tune.ProviderRejectedException} naming the parameter, 429 and 5xx — after the SDK's own
 * retries ({@link OpenAiClients.Builder#maxRetries(int)}) — {@link dev.tuneloop.errors.RetriableException}.
 *
 * <p>Lists are read through the SDK's auto-pager, so every page is fetched. Files up to
 * {@value #IN_MEMORY_UPLOAD_LIMIT} bytes are uploaded from memory, which lets the SDK retry the upload; larger ones
 * stream from disk and are not retried by the SDK.
 *
 * <p>Thread-safe. The API key never appears in this class's messages, logs or {@link #toString()}.
 */
public final class OpenAiFineTuneClient implements FineTuneClient, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OpenAiFineTuneClient.class);

    /** Files up to this size (64 MiB) are uploaded from memory so that a failed upload can be retried. */
    public static final long IN_MEMORY_UPLOAD_LIMIT = 64L * 1024 * 1024;

    private final OpenAIClient client;
    private final boolean ownsClient;
    private final String provider;
    private final String providerId;
    private final @Nullable AzureTrainingType trainingType;
    private final OpenAiErrors errors;

    private OpenAiFineTuneClient(OpenAIClient client, boolean ownsClient, String provider) {
        this(client, ownsClient, provider, null);
    }

    private OpenAiFineTuneClient(
            OpenAIClient client, boolean ownsClient, String provider, @Nullable AzureTrainingType trainingType) {
        this.client = Objects.requireNonNull(client, "client");
        this.ownsClient = ownsClient;
        this.provider = provider;
        this.providerId =
                trainingType != null || provider.toLowerCase(Locale.ROOT).contains("azure")
                        ? ModelLifecycle.AZURE
                        : ModelLifecycle.OPENAI;
        this.trainingType = trainingType;
        this.errors = new OpenAiErrors(provider);
    }

    /**
     * A client for Azure OpenAI (built with {@link OpenAiClients.Builder#azure}) that sends {@code trainingType} with
     * every job it creates, named {@code "Azure OpenAI"} in messages and {@code "azure"} in the lifecycle calendar.
     *
     * <p>A job's fine-tuned model cannot be called until it is deployed through Azure's control plane (see the
     * providers guide for the deployment step).
     *
     * @param client       the SDK client for the Azure resource; the caller keeps and closes it
     * @param trainingType where Azure runs the jobs
     * @return a thread-safe fine-tuning client
     * @throws NullPointerException when an argument is null
     */
    public static OpenAiFineTuneClient azure(OpenAIClient client, AzureTrainingType trainingType) {
        return new OpenAiFineTuneClient(
                client, false, "Azure OpenAI", Objects.requireNonNull(trainingType, "trainingType"));
    }

    /**
     * The provider id for the lifecycle calendar and the model registry.
     *
     * @return {@code "azure"} for a client made by {@link #azure} or named with "Azure" in {@link #create(OpenAIClient,
     *     String)}, else {@code "openai"}
     */
    @Override
    public String provider() {
        return providerId;
    }

    /**
     * A client on an SDK client configured from the environment ({@link OpenAiClients#fromEnv()}).
     *
     * @return a client that owns its SDK client: {@link #close()} closes it
     */
    public static OpenAiFineTuneClient fromEnv() {
        return new OpenAiFineTuneClient(OpenAiClients.fromEnv(), true, "OpenAI");
    }

    /**
     * A client on a caller-built SDK client, named {@code "OpenAI"} in messages.
     *
     * @param client the SDK client; the caller keeps and closes it ({@link #close()} does not)
     * @return a thread-safe fine-tuning client
     * @throws NullPointerException when {@code client} is null
     */
    public static OpenAiFineTuneClient create(OpenAIClient client) {
        return new OpenAiFineTuneClient(client, false, "OpenAI");
    }

    /**
     * A client on a caller-built SDK client, naming the provider in messages (e.g. {@code "Azure OpenAI"}). A name
     * containing "azure" (any case) makes {@link #provider()} {@code "azure"}; jobs are created without
     * {@code trainingType} (use {@link #azure} to send one).
     *
     * @param client the SDK client; the caller keeps and closes it ({@link #close()} does not)
     * @param providerName the name used in exception messages; not blank, at most 64 UTF-8 bytes
     * @return a thread-safe fine-tuning client
     * @throws dev.tuneloop.errors.ValidationException when {@code providerName} is null, blank or too long
     * @throws NullPointerException when {@code client} is null
     */
    public static OpenAiFineTuneClient create(OpenAIClient client, String providerName) {
        Checks.start().text("providerName", providerName, true, 64).orThrow();
        return new OpenAiFineTuneClient(client, false, providerName);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Files up to {@value #IN_MEMORY_UPLOAD_LIMIT} bytes are read into memory first, so that the SDK can retry a
     * failed upload; larger ones stream from disk and are sent once.
     *
     * @param jsonl {@inheritDoc}
     * @return {@inheritDoc}
     * @throws ValidationException when the file is missing or cannot be read (the message names the path and the
     *     kind of I/O failure)
     */
    @Override
    public UploadedFile upload(Path jsonl) {
        Objects.requireNonNull(jsonl, "jsonl");
        long size;
        try {
            size = Files.size(jsonl);
        } catch (IOException e) {
            throw new ValidationException("file " + jsonl + " must be a readable file, but "
                    + e.getClass().getSimpleName() + " was raised");
        }
        String name = jsonl.getFileName().toString();
        try (InputStream in = size <= IN_MEMORY_UPLOAD_LIMIT
                ? new ByteArrayInputStream(Files.readAllBytes(jsonl))
                : Files.newInputStream(jsonl)) {
            FileCreateParams params = FileCreateParams.builder()
                    .file(MultipartField.<InputStream>builder()
                            .value(in)
                            .filename(name)
                            .build())
                    .purpose(FilePurpose.FINE_TUNE)
                    .build();
            UploadedFile f = call(() -> OpenAiMapping.file(client.files().create(params)), "uploading file " + name);
            LOG.info("uploaded {} ({} bytes) as {}", name, size, f.id());
            return f;
        } catch (IOException e) {
            throw new ValidationException("file " + jsonl + " must be readable, but reading failed: "
                    + e.getClass().getSimpleName());
        }
    }

    /**
     * Deletes an uploaded file with {@code DELETE /files/{id}} (the SDK's {@code files().delete}).
     *
     * @param fileId the file's id
     * @return true when deleted, false when the provider has no such file (already deleted, or never uploaded)
     * @throws ValidationException when {@code fileId} is null, blank or too long
     */
    @Override
    public boolean deleteFile(String fileId) {
        Checks.start().text("fileId", fileId, true, 256).orThrow();
        try {
            boolean deleted = call(() -> client.files().delete(fileId).deleted(), "deleting file " + fileId);
            LOG.info("deleted file {}: {}", fileId, deleted);
            return deleted;
        } catch (NotFoundException e) {
            return false;
        }
    }

    @Override
    public FineTuneJob create(FineTuneRequest request) {
        Objects.requireNonNull(request, "request");
        FineTuneJob job = call(
                () -> OpenAiMapping.job(
                        client.fineTuning().jobs().create(OpenAiMapping.createParams(request, trainingType))),
                "creating a fine-tuning job on " + request.baseModel());
        LOG.info("created {} on {}", job.describe(), job.baseModel());
        return job;
    }

    @Override
    public FineTuneJob get(String jobId) {
        requireId(jobId);
        return call(() -> OpenAiMapping.job(client.fineTuning().jobs().retrieve(jobId)), "reading job " + jobId);
    }

    /**
     * {@inheritDoc}
     *
     * <p>OpenAI answers HTTP 400, not 409, when the job has already finished; an HTTP 400 or 409 whose message says
     * so ("already", "cannot be cancelled", "not running") becomes the {@link ConflictException} the SPI promises.
     *
     * @param jobId {@inheritDoc}
     * @return {@inheritDoc}
     * @throws dev.tuneloop.errors.NotFoundException when the provider has no such job
     * @throws ConflictException when the job has already finished
     */
    @Override
    public FineTuneJob cancel(String jobId) {
        requireId(jobId);
        FineTuneJob job;
        try {
            job = OpenAiMapping.job(client.fineTuning().jobs().cancel(jobId));
        } catch (OpenAIServiceException e) {
            // OpenAI answers 400 (not 409) when the job already finished; the SPI promises a ConflictException
            String detail = OpenAiErrors.clean(e.getMessage()).toLowerCase(Locale.ROOT);
            if ((e.statusCode() == 400 || e.statusCode() == 409)
                    && (detail.contains("already")
                            || detail.contains("cannot be cancel")
                            || detail.contains("can't be cancel")
                            || detail.contains("not running"))) {
                throw new ConflictException(
                        "job " + jobId + " cannot be cancelled in its current state: "
                                + OpenAiErrors.clean(e.getMessage()),
                        e);
            }
            throw errors.translate(e, "cancelling job " + jobId);
        } catch (OpenAIException e) {
            throw errors.translate(e, "cancelling job " + jobId);
        }
        LOG.info("asked to cancel job {}; {}", jobId, job.describe());
        return job;
    }

    @Override
    public <T> List<T> list(Listing<T> listing) {
        Objects.requireNonNull(listing, "listing");
        // a switch expression over the kind has no default: a new listing kind does not compile until it is handled
        List<?> items = switch (listing.kind()) {
            case EVENTS -> {
                String id = listing.requireJobId();
                List<JobEvent> events = all(
                        () -> client.fineTuning().jobs().listEvents(id).autoPager(),
                        OpenAiMapping::event,
                        "listing the events of job " + id);
                // the API lists newest first; the contract is oldest first
                List<JobEvent> oldestFirst = new ArrayList<>(events);
                Collections.reverse(oldestFirst);
                oldestFirst.sort(Comparator.comparing(JobEvent::createdAt));
                yield oldestFirst;
            }
            case CHECKPOINTS -> {
                String id = listing.requireJobId();
                List<Checkpoint> cps = new ArrayList<>(all(
                        () -> client.fineTuning().jobs().checkpoints().list(id).autoPager(),
                        OpenAiMapping::checkpoint,
                        "listing the checkpoints of job " + id));
                cps.sort(Comparator.comparingLong(Checkpoint::stepNumber));
                yield cps;
            }
            case MODELS -> all(() -> client.models().list().autoPager(), OpenAiMapping::model, "listing models");
            case JOBS ->
                all(
                        () -> client.fineTuning().jobs().list().autoPager(),
                        OpenAiMapping::job,
                        "listing fine-tuning jobs");
        };
        return listing.cast(items);
    }

    /** Reads every item of every page; the auto-pager asks for the next page while the API says there is one. */
    private <S, T> List<T> all(Supplier<Iterable<S>> pager, Function<S, T> map, String action) {
        return call(
                () -> {
                    List<T> out = new ArrayList<>();
                    for (S item : pager.get()) {
                        out.add(map.apply(item));
                    }
                    return out;
                },
                action);
    }

    private <T> T call(Supplier<T> call, String action) {
        try {
            return call.get();
        } catch (OpenAIException e) {
            throw errors.translate(e, action);
        }
    }

    private static void requireId(String jobId) {
        Checks.start().text("jobId", jobId, true, 256).orThrow();
    }

    /** Closes the SDK client when this instance made it ({@link #fromEnv()}); otherwise does nothing to it. */
    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    @Override
    public String toString() {
        return "OpenAiFineTuneClient[provider=" + provider
                + (trainingType == null ? "" : ", trainingType=" + trainingType.wire()) + "]";
    }
}
