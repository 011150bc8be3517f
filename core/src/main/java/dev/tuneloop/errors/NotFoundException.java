package dev.tuneloop.errors;

/** The call named an object (an interaction, an example, a job) that does not exist; nothing was changed. */
public class NotFoundException extends TuneloopException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}
