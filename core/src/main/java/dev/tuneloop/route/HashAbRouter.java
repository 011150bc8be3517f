package dev.tuneloop.route;

import dev.tuneloop.errors.ValidationException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The {@link AbRouter}: a volatile reference to an immutable {@link CompiledPlan}, so the request path reads one field
 * and takes no lock, {@link #update} is a single write and {@link #change} a compare-and-set loop.
 */
final class HashAbRouter implements AbRouter {

    private static final VarHandle CURRENT;

    static {
        try {
            CURRENT = MethodHandles.lookup().findVarHandle(HashAbRouter.class, "current", CompiledPlan.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile CompiledPlan current;
    /** Null when no listener is configured. */
    private final @Nullable ExposureDelivery delivery;

    private final double sampleRate;

    HashAbRouter(AbRouter.Builder b) {
        this.current = new CompiledPlan(b.plan);
        this.sampleRate = b.sampleRate;
        ExposureListener listener = b.listener;
        this.delivery =
                listener == null ? null : new ExposureDelivery(listener, b.queueCapacity, b.closeTimeout, b.clock);
    }

    @Override
    public String modelFor(@Nullable String userId) {
        CompiledPlan p = current;
        ExposureDelivery d = delivery;
        if (d != null && sampled()) {
            return offer(d, p, userId).model();
        }
        String kill = p.killSwitchModel;
        if (kill != null) {
            return kill;
        }
        if (userId == null || userId.isEmpty()) {
            return p.models[anonymousArm(p, userId)];
        }
        return p.models[p.armOf(p.bucket(userId))];
    }

    @Override
    public ModelEndpoint endpointFor(@Nullable String userId) {
        CompiledPlan p = current;
        ExposureDelivery d = delivery;
        if (d != null && sampled()) {
            return p.endpointOf(offer(d, p, userId));
        }
        ModelEndpoint kill = p.killSwitchEndpoint;
        if (kill != null) {
            return kill;
        }
        if (userId == null || userId.isEmpty()) {
            return p.endpoints[anonymousArm(p, userId)];
        }
        return p.endpoints[p.armOf(p.bucket(userId))];
    }

    @Override
    public Assignment assign(@Nullable String userId) {
        CompiledPlan p = current;
        ExposureDelivery d = delivery;
        if (d != null && sampled()) {
            return offer(d, p, userId);
        }
        return assignment(p, userId);
    }

    private static Assignment offer(ExposureDelivery d, CompiledPlan p, @Nullable String userId) {
        Assignment a = assignment(p, userId);
        d.offer(userId == null ? "" : userId, a);
        return a;
    }

    private static Assignment assignment(CompiledPlan p, @Nullable String userId) {
        if (userId == null || userId.isEmpty()) {
            if (p.killSwitchModel != null) {
                return new Assignment(Assignment.KILL_SWITCH_ARM, p.killSwitchModel, Assignment.NO_BUCKET);
            }
            int arm = anonymousArm(p, userId);
            return new Assignment(p.names[arm], p.models[arm], Assignment.NO_BUCKET);
        }
        int bucket = p.bucket(userId);
        if (p.killSwitchModel != null) {
            return new Assignment(Assignment.KILL_SWITCH_ARM, p.killSwitchModel, bucket);
        }
        int arm = p.armOf(bucket);
        return new Assignment(p.names[arm], p.models[arm], bucket);
    }

    private static int anonymousArm(CompiledPlan p, @Nullable String userId) {
        if (p.anonymousArm < 0) {
            throw new ValidationException("userId must not be " + (userId == null ? "null" : "empty")
                    + " unless the routing plan has an anonymousArm, but the plan has none");
        }
        return p.anonymousArm;
    }

    private boolean sampled() {
        double r = sampleRate;
        return r >= 1.0 || (r > 0.0 && ThreadLocalRandom.current().nextDouble() < r);
    }

    @Override
    public RoutingPlan plan() {
        return current.plan;
    }

    @Override
    public void update(RoutingPlan plan) {
        current = new CompiledPlan(Objects.requireNonNull(plan, "plan"));
    }

    @Override
    public RoutingPlan change(UnaryOperator<RoutingPlan> change) {
        Objects.requireNonNull(change, "change");
        while (true) {
            CompiledPlan before = current;
            RoutingPlan next = Objects.requireNonNull(change.apply(before.plan), "the changed plan");
            CompiledPlan compiled = new CompiledPlan(next);
            if (CURRENT.compareAndSet(this, before, compiled)) {
                return next;
            }
        }
    }

    @Override
    public RouterStats stats() {
        return delivery == null ? new RouterStats(0, 0, 0, 0, 0) : delivery.stats();
    }

    @Override
    public void close() {
        if (delivery != null) {
            delivery.close();
        }
    }

    @Override
    public String toString() {
        RoutingPlan p = current.plan;
        return "AbRouter[salt=" + p.salt() + ", arms=" + p.arms() + ", killSwitch=" + p.killSwitchOn() + "]";
    }
}
