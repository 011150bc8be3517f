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
    /** Each arm's model and endpoint, made once so that routing to them allocates nothing. */
    final ModelEndpoint[] endpoints;
    /** The kill switch's model, or null when it is off. */
    final @Nullable String killSwitchModel;
    /**
     * The kill switch's model at the endpoint of the first arm serving that model (the host's default client when no
     * arm does), or null when the switch is off.
     */
    final @Nullable ModelEndpoint killSwitchEndpoint;
    /** Index of the arm for anonymous traffic, or -1 when it is rejected. */
    final int anonymousArm;

    CompiledPlan(RoutingPlan plan) {
        this.plan = plan;
        this.prefix = Murmur3.SEED_0.absorb(plan.salt() + ":");
        List<Arm> arms = plan.arms();
        this.upperBounds = new int[arms.size()];
        this.names = new String[arms.size()];
        this.models = new String[arms.size()];
        this.endpoints = new ModelEndpoint[arms.size()];
        int cumulative = 0;
        int anonymous = -1;
        for (int i = 0; i < arms.size(); i++) {
            Arm a = arms.get(i);
            cumulative += a.weight();
            upperBounds[i] = cumulative;
            names[i] = a.name();
            models[i] = a.model();
            endpoints[i] = a.modelEndpoint();
            if (a.name().equals(plan.anonymousArm())) {
                anonymous = i;
            }
        }
        String kill = plan.killSwitchModel();
        this.killSwitchModel = kill;
        ModelEndpoint killEndpoint = null;
        if (kill != null) {
            Endpoint at = Endpoint.DEFAULT;
            for (Arm a : arms) {
                if (a.model().equals(kill)) {
                    at = a.endpoint();
                    break;
                }
            }
            killEndpoint = new ModelEndpoint(kill, at);
        }
        this.killSwitchEndpoint = killEndpoint;
        this.anonymousArm = anonymous;
    }

    /** The endpoint of an assignment made from this plan (by arm name; the kill switch's when it decided). */
    ModelEndpoint endpointOf(Assignment a) {
        ModelEndpoint kill = killSwitchEndpoint;
        if (kill != null && Assignment.KILL_SWITCH_ARM.equals(a.arm())) {
            return kill;
        }
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(a.arm())) {
                return endpoints[i];
            }
        }
        throw new IllegalStateException("an assignment of this plan names one of its arms");
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
