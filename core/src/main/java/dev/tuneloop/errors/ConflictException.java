package dev.tuneloop.errors;

/**
 * The call conflicts with the current state (an interaction already promoted, a stale example version,
 * a job in a state that does not allow the call); nothing was changed.
 */
public class ConflictException extends TuneloopException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }

    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
