package dev.tuneloop.errors;

import org.jspecify.annotations.Nullable;

/**
 * The root of every exception Tuneloop throws. Unchecked: callers catch the subclass that tells them
 * what they can do ({@link RetriableException}, {@link ValidationException}, {@link NotFoundException},
 * {@link ConflictException}); a plain {@code TuneloopException} is a failure none of those describe (e.g. a provider
 * refused a call for a reason retrying will not fix).
 *
 * <p>Messages name the object and its state, never a prompt or a response text.
 */
public class TuneloopException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with a message and no cause.
     *
     * @param message what failed, naming the object and its state (no prompt or response text)
     */
    public TuneloopException(String message) {
        super(message);
    }

    /**
     * An exception that wraps the failure underneath it, e.g. a vendor exception translated at an adapter's edge.
     *
     * @param message what failed, naming the object and its state (no prompt or response text)
     * @param cause the underlying failure, kept for the stack trace; may be null
     */
    public TuneloopException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
