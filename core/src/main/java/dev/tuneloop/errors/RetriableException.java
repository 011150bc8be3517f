package dev.tuneloop.errors;

/** A failure that may go away if the same call is made again later (a store or provider is down, a rate limit). */
public class RetriableException extends TuneloopException {
    private static final long serialVersionUID = 1L;

    public RetriableException(String message) {
        super(message);
    }

    public RetriableException(String message, Throwable cause) {
        super(message, cause);
    }
}
