package dev.tuneloop.tune;

/**
 * Decides whether the data is ready to train on (the seed's readiness checklist: enough examples, category
 * coverage, quality, holdout size, …). The launcher refuses to submit while the verdict has failures, unless forced.
 */
@FunctionalInterface
public interface ReadinessGate {

    /** Runs the checks now. */
    ReadinessVerdict check();
}
