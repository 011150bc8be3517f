package dev.tuneloop.eval;

/** {@link Scorer#lengthRatio(double, double)}. Immutable. */
final class LengthRatioScorer implements Scorer {
    private final double min;
    private final double max;

    LengthRatioScorer(double min, double max) {
        this.min = min;
        this.max = max;
    }

    @Override
    public double score(String expected, String predicted, EvalCase evalCase) {
        double ratio = (double) predicted.length() / expected.length();
        return ratio > min && ratio < max ? 1 : 0;
    }

    @Override
    public String name() {
        return "length";
    }
}
