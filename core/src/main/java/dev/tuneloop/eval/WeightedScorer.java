package dev.tuneloop.eval;

import dev.tuneloop.errors.Checks;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A weighted sum of scorers: score = Σ wᵢ·sᵢ / Σ wᵢ over the parts that {@linkplain Scorer#appliesTo apply} to the
 * case (so weights need not add up to 1, and a part that does not apply hands its weight to the others). A case to
 * which no part applies scores 0. Thread-safe when its parts are.
 */
public interface WeightedScorer extends Scorer {

    /**
     * One part of the sum.
     *
     * @param scorer the scorer; its name keys the breakdown
     * @param weight its weight; finite and above 0
     */
    record Part(Scorer scorer, double weight) {
        /**
         * Checks the part.
         *
         * @param scorer the scorer; its name keys the breakdown
         * @param weight its weight; finite and above 0
         * @throws dev.tuneloop.errors.ValidationException when the weight is not finite and above 0
         */
        public Part {
            Objects.requireNonNull(scorer, "scorer");
            if (!(weight > 0) || Double.isInfinite(weight)) {
                throw new dev.tuneloop.errors.ValidationException(
                        "weight of scorer " + scorer.name() + " must be > 0, but was " + weight);
            }
        }
    }

    /**
     * The parts.
     *
     * @return the parts, in the order they were added
     */
    List<Part> parts();

    /**
     * The score of each part that applies, by part name, in part order (the report's per-component breakdown).
     * The weighted score is {@link #combine(Map)} of it.
     *
     * @param expected  the expected answer
     * @param predicted the model's answer
     * @param evalCase  the case
     * @return score by part name; only the parts that apply
     * @throws IllegalStateException when a part returns a score outside [0, 1]
     */
    Map<String, Double> breakdown(String expected, String predicted, EvalCase evalCase);

    /**
     * The weighted mean of a breakdown.
     *
     * @param breakdown scores by part name, as {@link #breakdown} returns them; names of no part are ignored
     * @return the weighted mean, at most 1; 0 when no part is in the breakdown
     */
    double combine(Map<String, Double> breakdown);

    /**
     * A builder without parts, named {@code "weighted"}.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link WeightedScorer}; not thread-safe. */
    final class Builder {
        private final List<Part> parts = new ArrayList<>();
        private String name = "weighted";

        private Builder() {}

        /**
         * Adds a part.
         *
         * @param scorer the scorer; its name must differ from the other parts'
         * @param weight its weight; finite and above 0
         * @return this builder
         * @throws dev.tuneloop.errors.ValidationException when the weight is not finite and above 0
         */
        public Builder add(Scorer scorer, double weight) {
            parts.add(new Part(scorer, weight));
            return this;
        }

        /**
         * The composite's own name in reports (default {@code "weighted"}).
         *
         * @param name the name
         * @return this builder
         */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Builds the composite.
         *
         * @return the composite; thread-safe when its parts are
         * @throws dev.tuneloop.errors.ValidationException when there is no part, or two parts share a name
         */
        public WeightedScorer build() {
            Checks c = Checks.start().require(!parts.isEmpty(), "a weighted scorer needs at least one part");
            Set<String> names = new HashSet<>();
            for (Part p : parts) {
                c.require(
                        names.add(p.scorer().name()),
                        "scorer names must be unique, but '" + p.scorer().name() + "' appears twice");
            }
            c.orThrow();
            return new WeightedSum(name, parts);
        }
    }
}
