package dev.tuneloop.tune;

import dev.tuneloop.errors.TuneloopException;
import org.jspecify.annotations.Nullable;

/**
 * The provider refused the credentials (HTTP 401): the API key is missing, wrong, revoked, or belongs to another
 * organisation or project. The message never contains the key.
 */
public class ProviderAuthenticationException extends TuneloopException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with a message that must not quote the key.
     *
     * @param message what was refused, without credentials
     * @param cause   the provider's exception; may be null (adapters drop it when its message could carry the key)
     */
    public ProviderAuthenticationException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
