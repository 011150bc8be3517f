package dev.tuneloop.micrometer;

import dev.tuneloop.route.Exposure;
import dev.tuneloop.route.ExposureListener;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Counts a router's sampled exposures per arm, for {@link TuneloopMetrics}' {@code tuneloop.router.exposures} counter.
 * Give it to {@code AbRouter.builder(plan).exposureListener(...)} (alone, or through {@link #andThen} in front of a
 * listener the host already has). Called on the router's delivery thread; reads are thread-safe.
 */
public final class ArmExposures implements ExposureListener {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final ExposureListener next;
    private final List<Consumer<String>> newArmListeners = new CopyOnWriteArrayList<>();

    private ArmExposures(ExposureListener next) {
        this.next = next;
    }

    /**
     * A counter that only counts.
     *
     * @return a new counter
     */
    public static ArmExposures create() {
        return new ArmExposures(exposure -> {});
    }

    /**
     * A counter that counts, then hands each exposure to {@code next} (whose exceptions reach the router, which logs
     * and counts them as failed deliveries).
     *
     * @param next the host's own listener
     * @return a new counter
     * @throws NullPointerException when {@code next} is null
     */
    public static ArmExposures andThen(ExposureListener next) {
        return new ArmExposures(Objects.requireNonNull(next, "next"));
    }

    @Override
    public void onExposure(Exposure exposure) {
        String arm = exposure.assignment().arm();
        LongAdder count = counts.get(arm);
        if (count == null) {
            LongAdder fresh = new LongAdder();
            count = counts.putIfAbsent(arm, fresh);
            if (count == null) {
                count = fresh;
                newArmListeners.forEach(l -> l.accept(arm));
            }
        }
        count.increment();
        next.onExposure(exposure);
    }

    /**
     * The exposures counted for one arm so far.
     *
     * @param arm the arm's name
     * @return the count; 0 for an arm never seen
     */
    public long count(String arm) {
        LongAdder a = counts.get(arm);
        return a == null ? 0 : a.sum();
    }

    /** Called with each arm's name the first time it is counted (registries add a counter for it). */
    void onNewArm(Consumer<String> listener) {
        newArmListeners.add(listener);
    }

    @Override
    public String toString() {
        return "ArmExposures" + counts;
    }
}
