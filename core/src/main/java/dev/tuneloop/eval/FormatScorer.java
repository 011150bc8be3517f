package dev.tuneloop.eval;

/** {@link Scorer#format} (fixed rules) and {@link Scorer#formatLikeExpected} (rules inferred per case). Immutable. */
final class FormatScorer implements Scorer {
    private final FormatRules fixed;
    private final boolean inferred;

    FormatScorer(FormatRules fixed, boolean inferred) {
        this.fixed = fixed;
        this.inferred = inferred;
    }

    private FormatRules rulesFor(EvalCase c) {
        return inferred ? FormatRules.inferredFrom(c.expected()) : fixed;
    }

    @Override
    public double score(String expected, String predicted, EvalCase evalCase) {
        FormatRules rules = rulesFor(evalCase);
        int checks = rules.checkCount();
        return checks == 0 ? 0 : (double) rules.passed(predicted) / checks;
    }

    @Override
    public boolean appliesTo(EvalCase evalCase) {
        return rulesFor(evalCase).checkCount() > 0;
    }

    @Override
    public String name() {
        return "format";
    }
}
