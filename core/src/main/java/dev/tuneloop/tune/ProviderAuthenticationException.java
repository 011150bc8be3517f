package dev.tuneloop.tune;

import dev.tuneloop.errors.TuneloopException;

/**
 * The provider refused the credentials (HTTP 401): the API key is missing, wrong, revoked, or belongs to another
 * organisation or project. The message never contains the key.
 */
public class ProviderAuthenticationException extends TuneloopException {
    private static final long serialVersionUID = 1L;

    public ProviderAuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
