package dev.tuneloop.tune;

import java.time.LocalDate;
import java.util.List;

/**
 * The {@link ModelLifecycle} calendar says the provider no longer takes fine-tuning jobs on the base model: the
 * launcher refused before uploading anything. Retrying will not help; launch on a provider that remains (see
 * {@link #remainingProviders()}), or override the calendar row when the provider still takes the account's jobs.
 */
public class JobCreationClosedException extends FineTuningUnavailableException {
    private static final long serialVersionUID = 1L;

    /** The base model the job was for. */
    private final String model;
    /** The first day the provider refused jobs on the model. */
    private final LocalDate closedOn;
    /** Providers that still take jobs on the same model; unmodifiable. */
    private final List<String> remainingProviders;
    /** Providers that take jobs on their own base models; unmodifiable. */
    private final List<String> otherProviders;

    /**
     * An exception for a refused launch.
     *
     * @param provider           the provider id the job would have gone to
     * @param model              the base model
     * @param closedOn           the first day the provider refused jobs on the model
     * @param remainingProviders providers that still take jobs on the same model
     * @param otherProviders     providers that take jobs on their own base models
     * @param message            the whole message (naming the day, the source and the remaining providers)
     */
    public JobCreationClosedException(
            String provider,
            String model,
            LocalDate closedOn,
            List<String> remainingProviders,
            List<String> otherProviders,
            String message) {
        super(provider, null, message);
        this.model = model;
        this.closedOn = closedOn;
        this.remainingProviders = List.copyOf(remainingProviders);
        this.otherProviders = List.copyOf(otherProviders);
    }

    /**
     * The base model the job was for.
     *
     * @return the model id
     */
    public String model() {
        return model;
    }

    /**
     * The first day the provider refused jobs on the model.
     *
     * @return the day (UTC)
     */
    public LocalDate closedOn() {
        return closedOn;
    }

    /**
     * Providers that still take jobs on the same base model.
     *
     * @return provider ids; may be empty
     */
    public List<String> remainingProviders() {
        return remainingProviders;
    }

    /**
     * Providers that take jobs on their own base models (the dataset can be relaunched there).
     *
     * @return provider ids; may be empty
     */
    public List<String> otherProviders() {
        return otherProviders;
    }
}
