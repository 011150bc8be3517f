package dev.tuneloop.tune;

import dev.tuneloop.errors.Checks;
import java.util.Objects;

/**
 * Training settings. Each is {@link HyperValue#AUTO} by default, which is what the seed recommends to start with.
 * {@code beta} only applies to {@link FineTuneMethod#DPO}; {@link FineTuneRequest} rejects a fixed beta for other
 * methods.
 *
 * <p>Only the kind of value is checked here (whole numbers &ge; 1 for epochs and batch size, positive numbers for
 * the rest); the provider's upper bounds differ by model and are reported by the provider, naming the parameter.
 *
 * @param nEpochs                passes over the data; a whole number &ge; 1 or auto
 * @param batchSize              examples per step; a whole number &ge; 1 or auto
 * @param learningRateMultiplier scales the provider's learning rate; &gt; 0 or auto
 * @param beta                   DPO's weight of the penalty against the reference model; &gt; 0 or auto
 */
public record Hyperparameters(
        HyperValue nEpochs, HyperValue batchSize, HyperValue learningRateMultiplier, HyperValue beta) {
    /** Every setting auto. */
    public static final Hyperparameters AUTO =
            new Hyperparameters(HyperValue.AUTO, HyperValue.AUTO, HyperValue.AUTO, HyperValue.AUTO);

    /**
     * Validates the settings.
     *
     * @param nEpochs                passes over the data; a whole number &ge; 1 or auto
     * @param batchSize              examples per step; a whole number &ge; 1 or auto
     * @param learningRateMultiplier scales the provider's learning rate; &gt; 0 or auto
     * @param beta                   DPO's weight of the penalty against the reference model; &gt; 0 or auto
     * @throws dev.tuneloop.errors.ValidationException listing every setting out of range
     */
    public Hyperparameters {
        Checks c = Checks.start();
        c.require(nEpochs != null, "nEpochs is required, but was null");
        c.require(batchSize != null, "batchSize is required, but was null");
        c.require(learningRateMultiplier != null, "learningRateMultiplier is required, but was null");
        c.require(beta != null, "beta is required, but was null");
        c.orThrow();
        if (!nEpochs.auto()) {
            c.require(
                    nEpochs.isWhole() && nEpochs.number() >= 1,
                    "nEpochs must be a whole number >= 1 or auto, but was " + nEpochs);
        }
        if (!batchSize.auto()) {
            c.require(
                    batchSize.isWhole() && batchSize.number() >= 1,
                    "batchSize must be a whole number >= 1 or auto, but was " + batchSize);
        }
        c.orThrow();
    }

    /**
     * A copy with {@code nEpochs} fixed.
     *
     * @param epochs passes over the data, &ge; 1
     * @return the copy
     * @throws dev.tuneloop.errors.ValidationException when {@code epochs} is less than 1
     */
    public Hyperparameters withEpochs(int epochs) {
        return new Hyperparameters(HyperValue.of(epochs), batchSize, learningRateMultiplier, beta);
    }

    /**
     * A copy with {@code batchSize} fixed.
     *
     * @param size examples per step, &ge; 1
     * @return the copy
     * @throws dev.tuneloop.errors.ValidationException when {@code size} is less than 1
     */
    public Hyperparameters withBatchSize(int size) {
        return new Hyperparameters(nEpochs, HyperValue.of(size), learningRateMultiplier, beta);
    }

    /**
     * A copy with {@code learningRateMultiplier} fixed.
     *
     * @param multiplier the factor, finite and &gt; 0
     * @return the copy
     * @throws dev.tuneloop.errors.ValidationException when {@code multiplier} is not finite and &gt; 0
     */
    public Hyperparameters withLearningRateMultiplier(double multiplier) {
        return new Hyperparameters(nEpochs, batchSize, HyperValue.of(multiplier), beta);
    }

    /**
     * A copy with DPO's {@code beta} fixed.
     *
     * @param value the weight, finite and &gt; 0
     * @return the copy
     * @throws dev.tuneloop.errors.ValidationException when {@code value} is not finite and &gt; 0
     */
    public Hyperparameters withBeta(double value) {
        return new Hyperparameters(nEpochs, batchSize, learningRateMultiplier, HyperValue.of(value));
    }

    /**
     * Whether the provider chooses everything.
     *
     * @return true when every setting is auto
     */
    public boolean allAuto() {
        return Objects.equals(this, AUTO);
    }
}
