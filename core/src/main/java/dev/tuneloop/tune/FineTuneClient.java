package dev.tuneloop.tune;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A fine-tuning provider: upload training data, start a job, watch it, cancel it, list what the account has.
 * Request/response calls: they fail loudly with a precise exception, never silently.
 *
 * <p>The SPI has five abstract methods. The four one-object calls ({@link #upload}, {@link #create}, {@link #get},
 * {@link #cancel}) stay separate because each has its own request and failure modes; every read of a list goes
 * through one method, {@link #list(Listing)}, with typed conveniences ({@link #events}, {@link #checkpoints},
 * {@link #listModels}, {@link #listJobs}) as defaults. An implementation must return complete lists (all pages).
 *
 * <p>Implementations are thread-safe. Ready-made ones: {@code OpenAiFineTuneClient} (module tuneloop-openai) and
 * {@link dev.tuneloop.testing.FakeFineTuneClient} for tests.
 *
 * <p>Errors every method may throw, by what the caller can do:
 * <ul>
 *   <li>{@link FineTuningUnavailableException}: the provider does not offer fine-tuning to this account or model;
 *   retrying will not help.</li>
 *   <li>{@link ProviderAuthenticationException}: the credentials were refused.</li>
 *   <li>{@link ProviderRejectedException} (a {@link dev.tuneloop.errors.ValidationException}): the provider rejected a
 *   parameter, named in {@link ProviderRejectedException#parameter()}.</li>
 *   <li>{@link dev.tuneloop.errors.NotFoundException}: no such job or file.</li>
 *   <li>{@link dev.tuneloop.errors.ConflictException}: the job's state does not allow the call.</li>
 *   <li>{@link dev.tuneloop.errors.RetriableException}: rate limit or provider outage that outlasted the client's own
 *   retries; the same call may succeed later.</li>
 * </ul>
 */
public interface FineTuneClient {

    /** The provider id of a client that does not name its provider: {@value}. */
    String UNKNOWN_PROVIDER = "unknown";

    /**
     * The provider's id in the {@link ModelLifecycle} calendar and the model registry: {@code "openai"},
     * {@code "azure"}, {@code "together"}, {@code "vertex"}, … The launcher looks up the calendar under this id (a
     * client that keeps the default is never refused by the calendar) and records it on the model version.
     *
     * @return a lowercase id of 1-64 characters of {@code a-z 0-9 . _ -}; {@value #UNKNOWN_PROVIDER} by default
     */
    default String provider() {
        return UNKNOWN_PROVIDER;
    }

    /**
     * Uploads a JSONL training or validation file with purpose {@code fine-tune}.
     *
     * @param jsonl a readable file; its name is the uploaded file name
     * @return the provider's file
     * @throws dev.tuneloop.errors.ValidationException when the file is missing or unreadable
     */
    UploadedFile upload(Path jsonl);

    /**
     * Deletes a file this account uploaded, for erasure: a training file that holds a user's text must not outlive
     * the user's erasure at the provider.
     *
     * <p>The default says the provider cannot delete files; erasure then lists the file for the operator instead of
     * deleting it. Implementations for providers with a delete call override it.
     *
     * @param fileId the provider's file id, as in {@link UploadedFile#id()}
     * @return {@code true} when the file was deleted, {@code false} when the provider has no such file (already
     *     deleted, or expired)
     * @throws UnsupportedOperationException when this provider offers no way to delete an uploaded file
     */
    default boolean deleteFile(String fileId) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot delete uploaded files");
    }

    /**
     * Starts a fine-tuning job.
     *
     * @param request what to fine-tune
     * @return the job, usually VALIDATING_FILES or QUEUED
     */
    FineTuneJob create(FineTuneRequest request);

    /**
     * The job as the provider sees it now.
     *
     * @param jobId the provider's job id
     * @return the job
     * @throws dev.tuneloop.errors.NotFoundException when the provider has no such job
     */
    FineTuneJob get(String jobId);

    /**
     * Asks the provider to cancel a job and returns it as it is after the request.
     *
     * @param jobId the provider's job id
     * @return the job after the request
     * @throws dev.tuneloop.errors.NotFoundException when the provider has no such job
     * @throws dev.tuneloop.errors.ConflictException when the job already finished
     */
    FineTuneJob cancel(String jobId);

    /**
     * Where a succeeded job's fine-tuned weights can be downloaded, for providers that offer a download (Together AI
     * does; OpenAI and Vertex AI serve the model only). The address must hold no key: the watcher records it on the
     * model version, where the registry JSON and the admin API show it.
     *
     * @param job the job, as the provider returned it
     * @return the download address; empty by default, and for a job that has not succeeded
     */
    default Optional<URI> weights(FineTuneJob job) {
        return Optional.empty();
    }

    /**
     * Reads a whole list (every page).
     *
     * @param listing which list
     * @param <T>     the element type
     * @return every element, in the listing's order; never null
     * @throws dev.tuneloop.errors.NotFoundException for a per-job listing of a job the provider does not have
     */
    <T> List<T> list(Listing<T> listing);

    /**
     * The job's events.
     *
     * @param jobId the provider's job id
     * @return the events, oldest first
     */
    default List<JobEvent> events(String jobId) {
        return list(Listing.events(jobId));
    }

    /**
     * The job's checkpoints.
     *
     * @param jobId the provider's job id
     * @return the checkpoints, lowest step first
     */
    default List<Checkpoint> checkpoints(String jobId) {
        return list(Listing.checkpoints(jobId));
    }

    /**
     * Every model the account can use.
     *
     * @return the models
     */
    default List<ModelInfo> listModels() {
        return list(Listing.models());
    }

    /**
     * Every fine-tuning job of the account.
     *
     * @return the jobs, newest first
     */
    default List<FineTuneJob> listJobs() {
        return list(Listing.jobs());
    }
}
