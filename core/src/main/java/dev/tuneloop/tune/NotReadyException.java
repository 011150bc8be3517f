package dev.tuneloop.tune;

import dev.tuneloop.errors.ConflictException;
import java.util.List;

/**
 * A launch was refused because the readiness checklist fails; nothing was uploaded or created. Fix the failures,
 * or launch with {@link LaunchRequest.Builder#force(boolean) force}.
 */
public class NotReadyException extends ConflictException {
    private static final long serialVersionUID = 1L;
    /** The failing checks, kept for callers that show them one by one. */
    private final List<String> failures;

    /**
     * An exception whose message lists the failing checks and says that a forced launch would submit anyway.
     *
     * @param failures the failing checks, in plain words
     */
    public NotReadyException(List<String> failures) {
        super("the training data is not ready, " + failures.size() + " readiness check(s) fail: "
                + String.join("; ", failures) + " (launch with force to submit anyway)");
        this.failures = List.copyOf(failures);
    }

    /**
     * The failing checks.
     *
     * @return the checks, in plain words; unmodifiable
     */
    public List<String> failures() {
        return failures;
    }
}
