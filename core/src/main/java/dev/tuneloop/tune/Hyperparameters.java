package dev.tuneloop.tune;

import dev.tuneloop.internal.Checks;
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

    /** @throws dev.tuneloop.errors.ValidationException listing every setting out of range */
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

    /** A copy with {@code nEpochs} fixed. */
    public Hyperparameters withEpochs(int epochs) {
        return new Hyperparameters(HyperValue.of(epochs), batchSize, learningRateMultiplier, beta);
    }

    /** A copy with {@code batchSize} fixed. */
    public Hyperparameters withBatchSize(int size) {
        return new Hyperparameters(nEpochs, HyperValue.of(size), learningRateMultiplier, beta);
    }

    /** A copy with {@code learningRateMultiplier} fixed. */
    public Hyperparameters withLearningRateMultiplier(double multiplier) {
        return new Hyperparameters(nEpochs, batchSize, HyperValue.of(multiplier), beta);
    }

    /** A copy with DPO's {@code beta} fixed. */
    public Hyperparameters withBeta(double value) {
        return new Hyperparameters(nEpochs, batchSize, learningRateMultiplier, HyperValue.of(value));
    }

    /** True when every setting is auto. */
    public boolean allAuto() {
        return Objects.equals(this, AUTO);
    }
}
