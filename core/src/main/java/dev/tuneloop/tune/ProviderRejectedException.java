package dev.tuneloop.tune;

import dev.tuneloop.errors.ValidationException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The provider rejected the request as invalid (HTTP 400), naming the offending parameter when it did, e.g.
 * {@code "OpenAI rejected parameter hyperparameters.n_epochs: must be at most 50"}.
 */
public class ProviderRejectedException extends ValidationException {
    private static final long serialVersionUID = 1L;
    /** The parameter the provider named; null when it named none. */
    private final @Nullable String parameter;
    /** The provider's error code; null when it gave none. */
    private final @Nullable String code;

    /**
     * An exception naming the provider, the parameter and the code when known, and the provider's message.
     *
     * @param provider  the provider's name
     * @param parameter the offending parameter as the provider named it; may be null
     * @param code      the provider's error code; may be null
     * @param detail    the provider's message; may be null
     * @param cause     the provider's exception; may be null
     */
    public ProviderRejectedException(
            String provider,
            @Nullable String parameter,
            @Nullable String code,
            @Nullable String detail,
            @Nullable Throwable cause) {
        super(provider + " rejected " + (parameter == null ? "the request" : "parameter " + parameter)
                + (code == null ? "" : " [" + code + "]") + (detail == null ? "" : ": " + detail));
        this.parameter = parameter;
        this.code = code;
        if (cause != null) {
            initCause(cause);
        }
    }

    /**
     * The parameter the provider named.
     *
     * @return the parameter, e.g. {@code "hyperparameters.n_epochs"}, or empty when it named none
     */
    public Optional<String> parameter() {
        return Optional.ofNullable(parameter);
    }

    /**
     * The provider's error code.
     *
     * @return the code, or empty when it gave none
     */
    public Optional<String> code() {
        return Optional.ofNullable(code);
    }
}
