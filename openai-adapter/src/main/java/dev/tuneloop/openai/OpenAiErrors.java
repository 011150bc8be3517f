package dev.tuneloop.openai;

import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIRetryableException;
import com.openai.errors.OpenAIServiceException;
import dev.tuneloop.errors.ConflictException;
import dev.tuneloop.errors.NotFoundException;
import dev.tuneloop.errors.RetriableException;
import dev.tuneloop.errors.TuneloopException;
import dev.tuneloop.tune.FineTuningUnavailableException;
import dev.tuneloop.tune.ProviderAuthenticationException;
import dev.tuneloop.tune.ProviderRejectedException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Translates {@code openai-java} exceptions into Tuneloop's, by what the caller can do. The SDK has already retried
 * what it retries (408/409/429/5xx, I/O) when an exception reaches here.
 */
final class OpenAiErrors {
    /**
     * Anything shaped like an OpenAI key, even partly masked, e.g. in "Incorrect API key provided: sk-…abcd". No word
     * boundary: a key glued to other text must be masked too (masking an innocent "task-schedules" is the lesser harm).
     */
    private static final Pattern KEY_LIKE = Pattern.compile("(sk|rk)-[A-Za-z0-9_*\\-.]{8,}");

    private static final int MAX_DETAIL = 300;

    /** What a caller refused by OpenAI should know: the shutdown, and where training still runs. */
    static final String OPENAI_ADVICE = "OpenAI is closing self-serve fine-tuning (no new jobs for new organizations"
            + " since May 2026, job creation ending for everyone on 2027-01-06); Azure OpenAI keeps training for"
            + " existing customers until 2027-04, and tuneloop-together and tuneloop-vertex train open and Gemini"
            + " models";

    /** What a caller refused by Azure OpenAI should know: its training dates. */
    static final String AZURE_ADVICE = "Azure OpenAI trains the gpt-4o family until 2027-04-01 and the gpt-4.1 family"
            + " until 2027-04-14, for existing customers; tuneloop-together and tuneloop-vertex train open and Gemini"
            + " models";

    private final String provider;

    OpenAiErrors(String provider) {
        this.provider = provider;
    }

    /**
     * @param action what was being done, naming the object ("creating a fine-tuning job", "reading job ftjob-1")
     */
    TuneloopException translate(OpenAIException e, String action) {
        if (e instanceof OpenAIServiceException s) {
            return service(s, action);
        }
        if (e instanceof OpenAIIoException || e instanceof OpenAIRetryableException) {
            return new RetriableException(
                    provider + " could not be reached while " + action + " (after the client's" + " retries): "
                            + clean(e.getMessage()),
                    e);
        }
        if (e instanceof OpenAIInvalidDataException) {
            return new TuneloopException(
                    provider + " answered with data this client cannot read while " + action + ": "
                            + clean(e.getMessage()),
                    e);
        }
        return new TuneloopException(provider + " call failed while " + action + ": " + clean(e.getMessage()), e);
    }

    private TuneloopException service(OpenAIServiceException s, String action) {
        int status = s.statusCode();
        String code = s.code().orElse(null);
        String param = s.param().orElse(null);
        String detail = clean(s.getMessage());
        if (status == 401) {
            // the SDK's message quotes the provider's answer, which can carry part of the key: not kept as the cause
            return new ProviderAuthenticationException(
                    provider + " refused the credentials (HTTP 401) while " + action
                            + (code == null ? "" : " [" + code + "]")
                            + ": check the API key (OPENAI_API_KEY / AZURE_OPENAI_KEY), organization and project",
                    null);
        }
        if (isUnavailable(status, code, param, detail)) {
            return new FineTuningUnavailableException(
                    provider,
                    "HTTP " + status + (code == null ? "" : " " + code) + ": " + detail,
                    provider.startsWith("Azure") ? AZURE_ADVICE : OPENAI_ADVICE,
                    s);
        }
        if (status == 403) {
            return new ProviderAuthenticationException(
                    provider + " refused the call (HTTP 403) while " + action + (code == null ? "" : " [" + code + "]")
                            + ": the key lacks a permission: " + detail,
                    s);
        }
        if (status == 400 || status == 422) {
            return new ProviderRejectedException(provider, param, code, detail, s);
        }
        if (status == 404) {
            return new NotFoundException(provider + " has no such object while " + action
                    + (code == null ? "" : " [" + code + "]") + ": " + detail);
        }
        if (status == 409) {
            return new ConflictException(
                    provider + " refused " + action + " in the object's current state: " + detail, s);
        }
        if (status == 429 && "insufficient_quota".equals(code)) {
            return new TuneloopException(
                    provider + " quota is exhausted while " + action
                            + " (HTTP 429 insufficient_quota): check the plan and billing; retrying will not help",
                    s);
        }
        if (status == 408 || status == 429 || status >= 500) {
            return new RetriableException(
                    provider + " answered HTTP " + status + " while " + action + " after the client's retries"
                            + (code == null ? "" : " [" + code + "]") + ": " + detail,
                    s);
        }
        return new TuneloopException(provider + " answered HTTP " + status + " while " + action + ": " + detail, s);
    }

    /**
     * "Not available" answers: any 403 about fine-tuning or the model, and 400/404 answers whose code or words say
     * the model or account cannot be fine-tuned (unless they name a parameter other than {@code model}, e.g. a
     * hyperparameter the model does not support: that is a rejected parameter).
     */
    static boolean isUnavailable(int status, @Nullable String code, @Nullable String param, @Nullable String detail) {
        if (param != null && !param.equals("model") && status != 403) {
            return false;
        }
        String c = code == null ? "" : code.toLowerCase(Locale.ROOT);
        String d = detail == null ? "" : detail.toLowerCase(Locale.ROOT);
        if (c.contains("not_available") || c.contains("unavailable") || c.equals("model_not_supported")) {
            return status == 400 || status == 403 || status == 404;
        }
        boolean saysUnavailable = d.contains("not available")
                || d.contains("no longer available")
                || d.contains("not supported")
                || d.contains("does not support")
                || d.contains("not allowed")
                || d.contains("not enabled")
                || d.contains("no access");
        boolean aboutFineTuning =
                d.contains("fine-tun") || d.contains("fine tun") || d.contains("finetun") || d.contains("model");
        if (status == 403) {
            return !(c.contains("insufficient_permissions") || d.contains("scope"));
        }
        return (status == 400 || status == 404) && saysUnavailable && aboutFineTuning;
    }

    /** The provider's message, shortened, with anything key-like masked. */
    static String clean(@Nullable String message) {
        if (message == null) {
            return "(no message)";
        }
        String m = KEY_LIKE.matcher(message).replaceAll("$1-***");
        return m.length() <= MAX_DETAIL ? m : m.substring(0, MAX_DETAIL) + "…";
    }
}
