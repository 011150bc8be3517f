package dev.tuneloop.tune;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of a readiness checklist as the launcher needs it: the reasons it fails (which block a launch unless
 * forced) and the warnings (reported, never blocking).
 *
 * @param failures the failing checks, in plain words; never null
 * @param warnings the warning checks, in plain words; never null
 */
public record ReadinessVerdict(List<String> failures, List<String> warnings) {
    /**
     * Copies both lists.
     *
     * @param failures the failing checks, in plain words; never null
     * @param warnings the warning checks, in plain words; never null
     * @throws NullPointerException when a list is null
     */
    public ReadinessVerdict {
        failures = List.copyOf(Objects.requireNonNull(failures, "failures"));
        warnings = List.copyOf(Objects.requireNonNull(warnings, "warnings"));
    }

    /**
     * A verdict with no failures and no warnings.
     *
     * @return the verdict
     */
    public static ReadinessVerdict ready() {
        return new ReadinessVerdict(List.of(), List.of());
    }

    /**
     * Whether nothing fails.
     *
     * @return true when there are no failures (warnings allowed)
     */
    public boolean passed() {
        return failures.isEmpty();
    }
}
