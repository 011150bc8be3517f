package dev.tuneloop.vertex;

import com.google.genai.errors.ApiException;
import com.google.genai.errors.GenAiIOException;
import dev.tuneloop.errors.ConflictException;
import dev.tuneloop.errors.NotFoundException;
import dev.tuneloop.errors.RetriableException;
import dev.tuneloop.errors.TuneloopException;
import dev.tuneloop.tune.ProviderAuthenticationException;
import dev.tuneloop.tune.ProviderRejectedException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Translates google-genai exceptions into Tuneloop's, by what the caller can do. Google APIs answer errors as
 * {@code {"error": {"code": 400, "message": "…", "status": "INVALID_ARGUMENT"}}}; the SDK turns them into
 * {@link ApiException} with {@code code()}, {@code status()} and {@code message()} ({@code ClientException} for 4xx,
 * {@code ServerException} for 5xx), and I/O failures into {@link GenAiIOException}.
 */
final class VertexErrors {
    static final String PROVIDER = "Vertex AI";

    /** Anything shaped like a Google API key or OAuth access token, in case a message quotes one. */
    private static final Pattern SECRET_LIKE = Pattern.compile("(AIza[0-9A-Za-z_\\-]{10,}|ya29\\.[0-9A-Za-z_\\-.]+)");

    private static final int MAX_DETAIL = 300;

    /**
     * Request fields the API names in INVALID_ARGUMENT messages, camelCase and snake_case. Longer names first, so
     * "validationDatasetUri" is not read as a shorter match.
     */
    private static final List<String> PARAMETERS = List.of(
            "validationDatasetUri",
            "validation_dataset_uri",
            "trainingDatasetUri",
            "training_dataset_uri",
            "learningRateMultiplier",
            "learning_rate_multiplier",
            "tunedModelDisplayName",
            "tuned_model_display_name",
            "epochCount",
            "epoch_count",
            "adapterSize",
            "adapter_size",
            "batchSize",
            "batch_size",
            "baseModel",
            "base_model",
            "labels",
            "beta");

    /** Google's JSON-mapping errors: {@code Invalid value at 'tuning_job.supervised_tuning_spec…' (TYPE_INT64)}. */
    private static final Pattern INVALID_VALUE_AT = Pattern.compile("[Ii]nvalid value at '([^']{1,200})'");

    private VertexErrors() {}

    /**
     * Translates an SDK exception.
     *
     * @param e      the exception
     * @param action what was being done, naming the object, e.g. "reading job projects/1/…/tuningJobs/2"
     * @return the Tuneloop exception to throw
     */
    static TuneloopException translate(RuntimeException e, String action) {
        if (e instanceof ApiException a) {
            return api(a, action);
        }
        if (e instanceof GenAiIOException) {
            return new RetriableException(
                    PROVIDER + " could not be reached while " + action + ": " + clean(e.getMessage()), e);
        }
        if (e instanceof TuneloopException t) {
            return t;
        }
        return new TuneloopException(PROVIDER + " call failed while " + action + ": " + clean(e.getMessage()), e);
    }

    /**
     * Whether the SDK exception says the call may succeed if repeated (timeouts, rate limits, 5xx, I/O).
     *
     * @param e the exception
     * @return true when retriable
     */
    static boolean isRetriable(RuntimeException e) {
        if (e instanceof GenAiIOException) {
            return true;
        }
        if (e instanceof ApiException a) {
            int code = a.code();
            return code == 408 || code == 429 || code >= 500;
        }
        return false;
    }

    private static TuneloopException api(ApiException a, String action) {
        int code = a.code();
        String status = a.status() == null ? "" : a.status();
        String detail = clean(a.message());
        String tag = " (HTTP " + code + (status.isEmpty() ? "" : " " + status) + ")";
        if (code == 401) {
            // Google's 401 text can quote the credential type and scope; nothing in it helps the caller, so the
            // cause is dropped rather than risk carrying token material into logs
            return new ProviderAuthenticationException(
                    PROVIDER + " refused the credentials" + tag + " while " + action
                            + ": check the service account or application default credentials",
                    null);
        }
        if (isUnavailable(code, status, detail)) {
            return new VertexTuningUnavailableException("HTTP " + code + " " + status + ": " + detail, a);
        }
        if (code == 403) {
            return new ProviderAuthenticationException(
                    PROVIDER + " refused " + action + tag
                            + ": the credentials lack a permission (aiplatform.tuningJobs.*, or read access to the"
                            + " bucket for Vertex AI's service agent): " + detail,
                    a);
        }
        if (code == 404) {
            return new NotFoundException(PROVIDER + " has no such object while " + action + tag + ": " + detail);
        }
        if (code == 409 || "FAILED_PRECONDITION".equals(status) || "ABORTED".equals(status)) {
            return new ConflictException(
                    PROVIDER + " refused " + action + " in the object's current state" + tag + ": " + detail, a);
        }
        if (code == 400 || code == 422) {
            return new ProviderRejectedException(
                    PROVIDER, parameter(detail), status.isEmpty() ? null : status, detail, a);
        }
        if (code == 408 || code == 429 || code >= 500) {
            return new RetriableException(
                    PROVIDER + " answered" + tag + " while " + action + " after the client's retries: " + detail, a);
        }
        return new TuneloopException(PROVIDER + " answered" + tag + " while " + action + ": " + detail, a);
    }

    /**
     * "This model cannot be tuned here" answers: a base model the region or project does not offer for tuning. A
     * 400/404 whose words say the model is not supported or available for tuning, or a 403 that says tuning is not
     * enabled for the project.
     */
    static boolean isUnavailable(int code, String status, String detail) {
        String d = detail.toLowerCase(Locale.ROOT);
        boolean aboutTuning = d.contains("tuning") || d.contains("tune") || d.contains("base model");
        boolean saysUnavailable = d.contains("not supported")
                || d.contains("not available")
                || d.contains("unsupported")
                || d.contains("no longer available")
                || d.contains("does not support")
                || d.contains("not enabled");
        if (code == 403) {
            return aboutTuning && d.contains("not enabled");
        }
        return (code == 400 || code == 404) && aboutTuning && saysUnavailable && parameterOtherThanModel(detail);
    }

    private static boolean parameterOtherThanModel(String detail) {
        String p = parameter(detail);
        return p == null || p.equals("baseModel") || p.equals("base_model");
    }

    /**
     * The request field an INVALID_ARGUMENT message names, as the provider named it (the path of an "Invalid value at
     * '…'" message, else the first request field the message mentions).
     *
     * @param detail the provider's message
     * @return e.g. {@code "epochCount"} or {@code "tuning_job.supervised_tuning_spec.hyper_parameters.epoch_count"},
     *     or null
     */
    static @Nullable String parameter(@Nullable String detail) {
        if (detail == null) {
            return null;
        }
        Matcher at = INVALID_VALUE_AT.matcher(detail);
        if (at.find()) {
            return at.group(1);
        }
        for (String p : PARAMETERS) {
            if (Pattern.compile("\\b" + p + "\\b").matcher(detail).find()) {
                return p;
            }
        }
        return null;
    }

    /**
     * The provider's message, shortened, with anything token-like masked.
     *
     * @param message the message
     * @return the cleaned message
     */
    static String clean(@Nullable String message) {
        if (message == null || message.isBlank()) {
            return "(no message)";
        }
        String m = SECRET_LIKE.matcher(message).replaceAll("***");
        return m.length() <= MAX_DETAIL ? m : m.substring(0, MAX_DETAIL) + "…";
    }
}
