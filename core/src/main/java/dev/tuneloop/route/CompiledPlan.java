package dev.tuneloop.route;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@link RoutingPlan} laid out for the request path: the hash state after {@code salt + ":"}, each arm's exclusive
 * upper bucket bound and model in arrays. Immutable; built once per plan.
 */
final class CompiledPlan {
    final RoutingPlan plan;
    final Murmur3 prefix;
    final int[] upperBounds;
    final String[] names;
    final String[] models;
    /** The kill switch's model, or null when it is off. */
    final @Nullable String killSwitchModel;
    /** Index of the arm for anonymous traffic, or -1 when it is rejected. */
    final int anonymousArm;

    CompiledPlan(RoutingPlan plan) {
        this.plan = plan;
        this.prefix = Murmur3.SEED_0.absorb(plan.salt() + ":");
        List<Arm> arms = plan.arms();
        this.upperBounds = new int[arms.size()];
        this.names = new String[arms.size()];
        this.models = new String[arms.size()];
        int cumulative = 0;
        int anonymous = -1;
        for (int i = 0; i < arms.size(); i++) {
            Arm a = arms.get(i);
            cumulative += a.weight();
            upperBounds[i] = cumulative;
            names[i] = a.name();
            models[i] = a.model();
            if (a.name().equals(plan.anonymousArm())) {
                anonymous = i;
            }
        }
        this.killSwitchModel = plan.killSwitchModel();
        this.anonymousArm = anonymous;
    }

    int bucket(String userId) {
        return Integer.remainderUnsigned(prefix.finish(userId), RoutingHash.BUCKETS);
    }

    /** The index of the arm owning {@code bucket}. */
    int armOf(int bucket) {
        int[] bounds = upperBounds;
        int last = bounds.length - 1;
        for (int i = 0; i < last; i++) {
            if (bucket < bounds[i]) {
                return i;
            }
        }
        return last;
    }
}
