package dev.tuneloop.errors;

/**
 * The root of every exception Tuneloop throws. Unchecked: callers catch the subclass that tells them
 * what they can do ({@link RetriableException}, {@link ValidationException}, {@link NotFoundException},
 * {@link ConflictException}).
 *
 * <p>Messages name the object and its state, never a prompt or a response text.
 */
public class TuneloopException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TuneloopException(String message) {
        super(message);
    }

    public TuneloopException(String message, Throwable cause) {
        super(message, cause);
    }
}
