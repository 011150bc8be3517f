package dev.tuneloop.errors;

import org.jspecify.annotations.Nullable;

/**
 * A failure that may go away if the same call is made again later (a store or provider is down, a rate limit).
 * The asynchronous recorder retries a batch that failed with it; request/response callers decide themselves.
 */
public class RetriableException extends TuneloopException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with a message and no cause.
     *
     * @param message what is unavailable, naming the object and its state
     */
    public RetriableException(String message) {
        super(message);
    }

    /**
     * An exception that wraps the failure underneath it (e.g. a connection error).
     *
     * @param message what is unavailable, naming the object and its state
     * @param cause the underlying failure, kept for the stack trace; may be null
     */
    public RetriableException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
