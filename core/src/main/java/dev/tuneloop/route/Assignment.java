package dev.tuneloop.route;

import java.util.Objects;

/**
 * Where the router sent one user: the arm, the model and the bucket that decided it. Log it beside the request
 * (exposure logging) to analyse an experiment.
 *
 * @param arm    the arm's name; {@link #KILL_SWITCH_ARM} while the plan's kill switch is on; never null
 * @param model  the model id to call; never null
 * @param bucket the user's bucket in [0, 10 000) under the plan's salt, or {@link #NO_BUCKET} for anonymous traffic
 */
public record Assignment(String arm, String model, int bucket) {

    /** The arm name reported while a plan's kill switch sends everyone to its fallback model: {@value}. */
    public static final String KILL_SWITCH_ARM = "kill-switch";
    /** The bucket reported for anonymous traffic (null or empty user id), which is not hashed: {@value}. */
    public static final int NO_BUCKET = -1;

    /**
     * Checks the parts.
     *
     * @param arm    the arm's name; {@link #KILL_SWITCH_ARM} while the plan's kill switch is on; never null
     * @param model  the model id to call; never null
     * @param bucket the user's bucket in [0, 10 000) under the plan's salt, or {@link #NO_BUCKET} for anonymous traffic
     * @throws NullPointerException     when {@code arm} or {@code model} is null
     * @throws IllegalArgumentException when {@code bucket} is neither {@link #NO_BUCKET} nor in [0, 10 000)
     */
    public Assignment {
        Objects.requireNonNull(arm, "arm");
        Objects.requireNonNull(model, "model");
        if (bucket < NO_BUCKET || bucket >= RoutingHash.BUCKETS) {
            throw new IllegalArgumentException("bucket must be -1 or in [0, 10000), but was " + bucket);
        }
    }
}
