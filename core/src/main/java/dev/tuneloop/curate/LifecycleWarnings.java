package dev.tuneloop.curate;

import java.time.Instant;
import java.util.List;

/**
 * Warnings about the lifecycle of the models a host serves and trains on (a model or its base retires soon, a
 * provider stops taking fine-tuning jobs), for the {@link ReadinessChecklist} and the {@link RetrainAdvisor}. The
 * model lifecycle calendar ({@code dev.tuneloop.tune.ModelLifecycle#warnings}) makes one from the model registry.
 */
@FunctionalInterface
public interface LifecycleWarnings {

    /** No warnings ever. */
    LifecycleWarnings NONE = now -> List.of();

    /**
     * The warnings at a time.
     *
     * @param now the time to judge from (the checklist's or advisor's clock)
     * @return one sentence per warning (never a prompt or answer text); empty when there is nothing to warn about
     */
    List<String> warnings(Instant now);
}
