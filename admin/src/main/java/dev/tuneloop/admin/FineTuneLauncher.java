package dev.tuneloop.admin;

import dev.tuneloop.tune.FineTuneJob;

/**
 * What {@code POST /admin/fine-tune/create} runs: export the approved examples, validate the file, upload it and
 * create the job (the seed's Phase 3 in one call). Usually the tune module's create flow.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface FineTuneLauncher {

    /**
     * Launches a fine-tuning job of {@code baseModel} on the approved examples scored at least
     * {@code minQualityScore}.
     *
     * @return the job as the provider answered (usually {@code validating_files} or {@code queued})
     * @throws dev.tuneloop.ValidationException when the data or the request broke a rule
     * @throws dev.tuneloop.tune.FineTuningUnavailableException when the provider does not offer fine-tuning
     * @throws dev.tuneloop.RetriableException when the provider or the store is unavailable
     */
    FineTuneJob launch(String baseModel, int minQualityScore);
}
