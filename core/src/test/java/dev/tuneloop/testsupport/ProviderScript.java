package dev.tuneloop.testsupport;

import dev.tuneloop.tune.JobStatus;
import java.util.List;

/**
 * How {@link FineTuneClientContract} makes the provider behind a {@code FineTuneClient} answer in scripted ways. Each
 * implementation drives its own local HTTP server that plays the provider's API (or, for the in-memory fake, the
 * fake itself). A fresh script and server per test: the contract never cleans up.
 *
 * <p>Everything the script adds must be visible to the client under test through the provider's real API: the
 * contract reads it back only through {@code FineTuneClient} calls.
 */
public interface ProviderScript {

    /** The client calls a failure can be scripted for; an HTTP script maps each to its provider's route(s). */
    enum Call {
        /** {@code upload}. */
        UPLOAD,
        /** {@code create}. */
        CREATE,
        /** {@code get}. */
        GET,
        /** {@code cancel}. */
        CANCEL,
        /** Any list request ({@code list} and its conveniences). */
        LIST,
        /** {@code deleteFile}. */
        DELETE_FILE
    }

    /** The provider answers a script can fail with; each maps to one exception class of the SPI. */
    enum ErrorKind {
        /** Credentials refused (HTTP 401). The error text should quote the key the client sent, as real APIs do. */
        AUTHENTICATION,
        /** A parameter refused (HTTP 400), naming {@link ProviderScript#rejectedParameter()}. */
        REJECTED_PARAMETER,
        /** Rate limited (HTTP 429, a rate limit, not an exhausted quota). */
        RATE_LIMITED,
        /** Provider outage (HTTP 500/503). */
        OUTAGE,
        /** Fine-tuning is not offered to this account or model (the provider's own way of saying so). */
        FINE_TUNING_UNAVAILABLE
    }

    /** The parameter a {@link ErrorKind#REJECTED_PARAMETER} answer names by default (OpenAI's and Together's spelling). */
    String REJECTED_PARAMETER = "n_epochs";

    /**
     * The parameter this provider's {@link ErrorKind#REJECTED_PARAMETER} answer names, in the provider's own spelling
     * (Vertex AI: {@code epochCount}); the contract expects {@code ProviderRejectedException.parameter()} to contain it.
     *
     * @return the parameter name; default {@link #REJECTED_PARAMETER}
     */
    default String rejectedParameter() {
        return REJECTED_PARAMETER;
    }

    /**
     * The next {@code requests} requests of {@code call} fail with {@code kind}; later ones answer normally. An HTTP
     * script counts HTTP requests (each retry is one); the in-memory fake counts calls.
     *
     * @param call     which call
     * @param kind     how it fails
     * @param requests how many requests fail, &ge; 1
     */
    void fail(Call call, ErrorKind kind, int requests);

    /**
     * How many requests the client under test makes for one call before it gives up on a retriable answer (1 +
     * its retries), as configured by the test.
     *
     * @return the attempts, &ge; 1 (the in-memory fake: 1)
     */
    int attempts();

    /**
     * Every list the provider serves comes in pages of at most {@code size} items from now on, so that a client
     * that reads only the first page fails the contract. A provider without paging for a list ignores this.
     *
     * @param size the page size, &ge; 1
     */
    void pageSize(int size);

    /**
     * A model this provider fine-tunes, for create requests.
     *
     * @return the model id
     */
    String baseModel();

    /**
     * Adds a job in a known status, in the provider's spelling of it (e.g. Together's {@code completed} for
     * {@link JobStatus#SUCCEEDED}).
     *
     * @param status the status; not UNKNOWN
     * @return the job's id
     */
    String addJob(JobStatus status);

    /**
     * Adds a job whose status text is {@code rawStatus} as the provider sends it (a status from the future).
     *
     * @param rawStatus the status text
     * @return the job's id
     */
    String addJobWithRawStatus(String rawStatus);

    /**
     * Adds {@code count} jobs.
     *
     * @param count how many
     * @return their ids
     */
    List<String> addJobs(int count);

    /**
     * Adds {@code count} events to a job, each with a distinct message, one second apart, oldest first.
     *
     * @param jobId the job
     * @param count how many
     * @return their messages, oldest first
     */
    List<String> addEvents(String jobId, int count);

    /**
     * Adds {@code count} checkpoints to a job, in any order at the provider.
     *
     * @param jobId the job
     * @param count how many
     * @return their step numbers
     */
    List<Long> addCheckpoints(String jobId, int count);

    /**
     * Adds {@code count} models to the account's model list.
     *
     * @param count how many
     * @return their ids
     */
    List<String> addModels(int count);

    /**
     * The bytes the provider received for an uploaded file.
     *
     * @param fileId the provider's file id
     * @return the content as received
     */
    byte[] received(String fileId);
}
