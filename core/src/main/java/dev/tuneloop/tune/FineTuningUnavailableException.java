package dev.tuneloop.tune;

import dev.tuneloop.errors.TuneloopException;
import org.jspecify.annotations.Nullable;

/**
 * The provider does not offer fine-tuning to this account or for this model. Retrying will not help: use another
 * model, another provider (for example Azure OpenAI), or train an open-weight model on the exported JSONL.
 *
 * <p>OpenAI is closing self-serve fine-tuning: new organisations cannot create jobs since May 2026 and job creation
 * is announced to end for everyone in early 2027. Its "not available" answers arrive as this exception.
 */
public class FineTuningUnavailableException extends TuneloopException {
    private static final long serialVersionUID = 1L;

    /** The plain-words explanation every message starts with. */
    public static final String EXPLANATION = "fine-tuning is not available for this organization or model; OpenAI"
            + " is closing self-serve fine-tuning (no new jobs for new organizations since May 2026, job creation"
            + " ending for everyone in early 2027). Use another model or provider (e.g. Azure OpenAI), or train an"
            + " open-weight model on the exported JSONL";

    /** The provider that refused, e.g. {@code "OpenAI"}. */
    private final String provider;

    /**
     * An exception whose message starts with {@link #EXPLANATION}.
     *
     * @param provider       the provider's name, e.g. {@code "OpenAI"}
     * @param providerDetail what the provider said (its error message, without credentials); may be null
     * @param cause          the provider's exception; may be null
     */
    public FineTuningUnavailableException(String provider, @Nullable String providerDetail, @Nullable Throwable cause) {
        super(EXPLANATION + (providerDetail == null ? "" : " (" + provider + " said: " + providerDetail + ")"), cause);
        this.provider = provider;
    }

    /**
     * An exception with a message of its own (for subclasses that explain the refusal differently).
     *
     * @param provider the provider's name or id, e.g. {@code "openai"}
     * @param cause    the cause; may be null
     * @param message  the whole message, without credentials, prompts or answers
     */
    protected FineTuningUnavailableException(String provider, @Nullable Throwable cause, String message) {
        super(message, cause);
        this.provider = provider;
    }

    /**
     * The provider that refused.
     *
     * @return its name, e.g. {@code "OpenAI"}
     */
    public String provider() {
        return provider;
    }
}
