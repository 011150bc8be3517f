package dev.tuneloop.errors;

/** The call named an object (an interaction, an example, a job) that does not exist; nothing was changed. */
public class NotFoundException extends TuneloopException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception naming what was not found.
     *
     * @param message the kind and id of the missing object, e.g. {@code "job ftjob-1 does not exist"}
     */
    public NotFoundException(String message) {
        super(message);
    }
}
