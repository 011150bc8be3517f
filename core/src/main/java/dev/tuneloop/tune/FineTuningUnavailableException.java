package dev.tuneloop.tune;

import dev.tuneloop.errors.TuneloopException;
import org.jspecify.annotations.Nullable;

/**
 * The provider does not offer fine-tuning to this account or for this model. Retrying will not help: use another
 * model, another provider, or train an open-weight model on the exported JSONL. Every adapter throws this type for its
 * provider's "not available" answers; the message names the provider and quotes what it said, and an adapter may add
 * advice of its own (the OpenAI adapter explains OpenAI's shutdown of self-serve fine-tuning).
 */
public class FineTuningUnavailableException extends TuneloopException {
    private static final long serialVersionUID = 1L;

    /** The plain-words explanation every message of the public constructors starts with. */
    public static final String EXPLANATION = "fine-tuning is not available for this account or model; retrying will"
            + " not help. Use another model or provider, or train an open-weight model on the exported JSONL";

    /** The provider that refused, e.g. {@code "OpenAI"}. */
    private final String provider;

    /**
     * An exception whose message starts with {@link #EXPLANATION} and names the provider:
     * {@code "<EXPLANATION> (Together said: HTTP 400: …)"}, or {@code "<EXPLANATION> (provider: Together)"} without a
     * detail.
     *
     * @param provider       the provider's name, e.g. {@code "Together"}
     * @param providerDetail what the provider said (its error message, without credentials); may be null
     * @param cause          the provider's exception; may be null
     */
    public FineTuningUnavailableException(String provider, @Nullable String providerDetail, @Nullable Throwable cause) {
        this(provider, providerDetail, null, cause);
    }

    /**
     * As {@link #FineTuningUnavailableException(String, String, Throwable)}, with the adapter's advice about this
     * provider after the explanation: {@code "<EXPLANATION>. <advice> (<provider> said: …)"}.
     *
     * @param provider       the provider's name, e.g. {@code "OpenAI"}
     * @param providerDetail what the provider said (its error message, without credentials); may be null
     * @param advice         what the caller should know about this provider (e.g. its shutdown dates); may be null
     * @param cause          the provider's exception; may be null
     */
    public FineTuningUnavailableException(
            String provider, @Nullable String providerDetail, @Nullable String advice, @Nullable Throwable cause) {
        super(
                EXPLANATION
                        + (advice == null ? "" : ". " + advice)
                        + (providerDetail == null
                                ? " (provider: " + provider + ")"
                                : " (" + provider + " said: " + providerDetail + ")"),
                cause);
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
