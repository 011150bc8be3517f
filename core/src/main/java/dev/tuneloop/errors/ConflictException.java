package dev.tuneloop.errors;

import org.jspecify.annotations.Nullable;

/**
 * The call conflicts with the current state (an interaction already promoted, a stale example version,
 * a job in a state that does not allow the call); nothing was changed. Retrying the same call as it is does not help:
 * the caller rereads the state and decides again.
 */
public class ConflictException extends TuneloopException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception naming the object and the state that forbids the call.
     *
     * @param message e.g. {@code "job ftjob-1 is FAILED and cannot be cancelled"}
     */
    public ConflictException(String message) {
        super(message);
    }

    /**
     * An exception that wraps the failure underneath it (e.g. a unique-constraint violation).
     *
     * @param message the object and the state that forbids the call
     * @param cause the underlying failure, kept for the stack trace; may be null
     */
    public ConflictException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
