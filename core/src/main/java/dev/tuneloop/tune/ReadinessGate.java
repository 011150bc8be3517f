package dev.tuneloop.tune;

import dev.tuneloop.curate.ExampleStore;
import dev.tuneloop.curate.ReadinessChecklist;
import dev.tuneloop.curate.ReadinessReport;
import java.util.Objects;

/**
 * Decides whether the data is ready to train on (the seed's readiness checklist: enough examples, category
 * coverage, quality, holdout size, …). The launcher refuses to submit while the verdict has failures, unless forced.
 */
@FunctionalInterface
public interface ReadinessGate {

    /**
     * Runs the checks now.
     *
     * @return the verdict; never null
     */
    ReadinessVerdict check();

    /**
     * The seed's checklist ({@link ReadinessChecklist}) over {@code store}: its FAIL items block a launch, its WARN
     * items are reported. Evaluated anew at every {@link #check()}.
     *
     * @param checklist the checklist
     * @param store     the examples it checks
     * @return the gate
     */
    static ReadinessGate fromChecklist(ReadinessChecklist checklist, ExampleStore store) {
        Objects.requireNonNull(checklist, "checklist");
        Objects.requireNonNull(store, "store");
        return () -> {
            ReadinessReport report = checklist.evaluate(store);
            return new ReadinessVerdict(report.failures(), report.warnings());
        };
    }
}
