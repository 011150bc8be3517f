package dev.tuneloop.tune;

import dev.tuneloop.errors.ValidationException;
import java.util.Optional;

/**
 * The provider rejected the request as invalid (HTTP 400), naming the offending parameter when it did, e.g.
 * {@code "OpenAI rejected parameter hyperparameters.n_epochs: must be at most 50"}.
 */
public class ProviderRejectedException extends ValidationException {
    private static final long serialVersionUID = 1L;
    private final String parameter;
    private final String code;

    /**
     * @param provider  the provider's name
     * @param parameter the offending parameter as the provider named it; may be null
     * @param code      the provider's error code; may be null
     * @param detail    the provider's message; may be null
     * @param cause     the provider's exception; may be null
     */
    public ProviderRejectedException(String provider, String parameter, String code, String detail, Throwable cause) {
        super(provider + " rejected " + (parameter == null ? "the request" : "parameter " + parameter)
                + (code == null ? "" : " [" + code + "]") + (detail == null ? "" : ": " + detail));
        this.parameter = parameter;
        this.code = code;
        if (cause != null) {
            initCause(cause);
        }
    }

    /** The parameter the provider named, if it named one. */
    public Optional<String> parameter() {
        return Optional.ofNullable(parameter);
    }

    /** The provider's error code, if it gave one. */
    public Optional<String> code() {
        return Optional.ofNullable(code);
    }
}
