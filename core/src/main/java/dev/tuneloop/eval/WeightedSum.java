package dev.tuneloop.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link WeightedScorer} over a fixed list of parts. Immutable. */
final class WeightedSum implements WeightedScorer {
    private final String name;
    private final List<Part> parts;

    WeightedSum(String name, List<Part> parts) {
        this.name = name;
        this.parts = List.copyOf(parts);
    }

    @Override
    public double score(String expected, String predicted, EvalCase evalCase) {
        return combine(breakdown(expected, predicted, evalCase));
    }

    @Override
    public Map<String, Double> breakdown(String expected, String predicted, EvalCase evalCase) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Part p : parts) {
            if (p.scorer().appliesTo(evalCase)) {
                double s = p.scorer().score(expected, predicted, evalCase);
                if (!(s >= 0 && s <= 1)) {
                    throw new IllegalStateException(
                            "scorer " + p.scorer().name() + " returned " + s + ", outside [0, 1]");
                }
                out.put(p.scorer().name(), s);
            }
        }
        return out;
    }

    @Override
    public double combine(Map<String, Double> breakdown) {
        double sum = 0, weights = 0;
        for (Part p : parts) {
            Double s = breakdown.get(p.scorer().name());
            if (s != null) {
                sum += p.weight() * s;
                weights += p.weight();
            }
        }
        return weights == 0 ? 0 : Math.min(1, sum / weights);
    }

    @Override
    public boolean appliesTo(EvalCase evalCase) {
        return parts.stream().anyMatch(p -> p.scorer().appliesTo(evalCase));
    }

    @Override
    public List<Part> parts() {
        return parts;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Part p : parts) {
            if (b.length() > 0) {
                b.append(" + ");
            }
            b.append(p.weight()).append(' ').append(p.scorer().name());
        }
        return b.toString();
    }
}
