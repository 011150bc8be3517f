package dev.tuneloop.together;

import dev.tuneloop.errors.Checks;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Together-only settings of a fine-tuning job, next to the provider-neutral {@link dev.tuneloop.tune.FineTuneRequest}
 * (model, files, method, epochs, batch size, learning-rate multiplier, DPO beta, suffix, seed). Each unset setting is
 * left out of the request, so Together's default applies. Names follow Together's OpenAPI spec
 * (github.com/togethercomputer/openapi, {@code openapi.yaml}, {@code POST /fine-tunes}).
 *
 * <p>Immutable and thread-safe; build with {@link #builder()}.
 *
 * @param lora          LoRA adapter training ({@code training_type: {type: "Lora", ...}}); null leaves the choice to
 *     Together, see {@link #fullTraining()}
 * @param fullTraining  true sends {@code training_type: {type: "Full"}} (all weights); false leaves it out
 * @param nCheckpoints  {@code n_checkpoints}, &ge; 1; null for Together's default (1)
 * @param warmupRatio   {@code warmup_ratio}, in [0, 1]; null for Together's default (0)
 * @param learningRate  {@code learning_rate} as an absolute rate, &gt; 0; overrides the request's learning-rate
 *     multiplier; null to use the multiplier (times Together's default 1e-5) or Together's default
 * @param trainOnInputs {@code training_method.train_on_inputs} for supervised jobs; null sends {@code "auto"}
 */
public record TogetherOptions(
        @Nullable Lora lora,
        boolean fullTraining,
        @Nullable Integer nCheckpoints,
        @Nullable Double warmupRatio,
        @Nullable Double learningRate,
        @Nullable Boolean trainOnInputs) {

    /** No Together-only settings: Together's defaults throughout. */
    public static final TogetherOptions DEFAULTS = new TogetherOptions(null, false, null, null, null, null);

    /**
     * Validates the settings.
     *
     * @param lora          LoRA settings, or null
     * @param fullTraining  whether to ask for full training
     * @param nCheckpoints  checkpoints to keep, or null
     * @param warmupRatio   warm-up share of the steps, or null
     * @param learningRate  absolute learning rate, or null
     * @param trainOnInputs whether to train on the prompt tokens too, or null for auto
     * @throws dev.tuneloop.errors.ValidationException naming every bad setting
     */
    public TogetherOptions {
        Checks.start()
                .require(!(fullTraining && lora != null), "fullTraining and lora exclude each other, but both were set")
                .require(
                        nCheckpoints == null || nCheckpoints >= 1, "nCheckpoints must be >= 1, but was " + nCheckpoints)
                .require(
                        warmupRatio == null || (warmupRatio >= 0 && warmupRatio <= 1),
                        "warmupRatio must be in [0, 1], but was " + warmupRatio)
                .require(
                        learningRate == null || (learningRate > 0 && Double.isFinite(learningRate)),
                        "learningRate must be a finite number > 0, but was " + learningRate)
                .orThrow();
    }

    /**
     * A builder starting from {@link #DEFAULTS}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * LoRA adapter settings ({@code LoRATrainingType} in the spec).
     *
     * @param rank             {@code lora_r}, &ge; 1
     * @param alpha            {@code lora_alpha}, &ge; 1
     * @param dropout          {@code lora_dropout}, in [0, 1)
     * @param trainableModules {@code lora_trainable_modules}, e.g. {@code "all-linear"} (Together's default) or
     *     {@code "q_proj,v_proj"}
     */
    public record Lora(int rank, int alpha, double dropout, String trainableModules) {

        /**
         * Validates the settings.
         *
         * @param rank             the adapter rank
         * @param alpha            the scaling
         * @param dropout          the dropout
         * @param trainableModules which modules get adapters
         * @throws dev.tuneloop.errors.ValidationException naming every bad setting
         */
        public Lora {
            Checks.start()
                    .require(rank >= 1, "lora rank must be >= 1, but was " + rank)
                    .require(alpha >= 1, "lora alpha must be >= 1, but was " + alpha)
                    .require(dropout >= 0 && dropout < 1, "lora dropout must be in [0, 1), but was " + dropout)
                    .text("lora trainableModules", trainableModules, true, 512)
                    .orThrow();
        }

        /**
         * LoRA with a rank and alpha, no dropout, on all linear layers.
         *
         * @param rank  the adapter rank, &ge; 1
         * @param alpha the scaling, &ge; 1
         * @return the settings
         * @throws dev.tuneloop.errors.ValidationException when a value is out of range
         */
        public static Lora of(int rank, int alpha) {
            return new Lora(rank, alpha, 0, "all-linear");
        }
    }

    /** Builds {@link TogetherOptions}; not thread-safe. */
    public static final class Builder {
        private @Nullable Lora lora;
        private boolean fullTraining;
        private @Nullable Integer nCheckpoints;
        private @Nullable Double warmupRatio;
        private @Nullable Double learningRate;
        private @Nullable Boolean trainOnInputs;

        private Builder() {}

        /**
         * Trains a LoRA adapter with these settings.
         *
         * @param lora the settings
         * @return this builder
         */
        public Builder lora(Lora lora) {
            this.lora = Objects.requireNonNull(lora, "lora");
            this.fullTraining = false;
            return this;
        }

        /**
         * Trains all weights ({@code training_type: Full}) instead of an adapter.
         *
         * @return this builder
         */
        public Builder fullTraining() {
            this.fullTraining = true;
            this.lora = null;
            return this;
        }

        /**
         * How many checkpoints Together keeps.
         *
         * @param n the count, &ge; 1
         * @return this builder
         */
        public Builder nCheckpoints(int n) {
            this.nCheckpoints = n;
            return this;
        }

        /**
         * The share of steps that warm the learning rate up.
         *
         * @param ratio in [0, 1]
         * @return this builder
         */
        public Builder warmupRatio(double ratio) {
            this.warmupRatio = ratio;
            return this;
        }

        /**
         * An absolute learning rate, overriding the request's multiplier.
         *
         * @param rate &gt; 0, e.g. {@code 1e-5}
         * @return this builder
         */
        public Builder learningRate(double rate) {
            this.learningRate = rate;
            return this;
        }

        /**
         * Whether supervised training also learns the prompt tokens (Together masks them with {@code "auto"}).
         *
         * @param train true to train on the inputs too
         * @return this builder
         */
        public Builder trainOnInputs(boolean train) {
            this.trainOnInputs = train;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the validated options
         * @throws dev.tuneloop.errors.ValidationException naming every bad setting
         */
        public TogetherOptions build() {
            return new TogetherOptions(lora, fullTraining, nCheckpoints, warmupRatio, learningRate, trainOnInputs);
        }
    }
}
