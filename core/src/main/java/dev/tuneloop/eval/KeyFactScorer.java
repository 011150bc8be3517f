package dev.tuneloop.eval;

import java.util.List;

/** {@link Scorer#keyFacts(double)}. Immutable. */
final class KeyFactScorer implements Scorer {
    private final double tolerance;

    KeyFactScorer(double tolerance) {
        this.tolerance = tolerance;
    }

    @Override
    public double score(String expected, String predicted, EvalCase evalCase) {
        List<String> facts = evalCase.keyFacts();
        if (facts.isEmpty()) {
            return 0;
        }
        List<Quantities.Quantity> quantities = Quantities.parse(predicted);
        long found = facts.stream()
                .filter(f -> Quantities.factPresent(f, predicted, quantities, tolerance))
                .count();
        return (double) found / facts.size();
    }

    @Override
    public boolean appliesTo(EvalCase evalCase) {
        return !evalCase.keyFacts().isEmpty();
    }

    @Override
    public String name() {
        return "key_facts";
    }
}
