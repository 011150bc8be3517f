package dev.tuneloop.spring.boot;

import dev.tuneloop.curate.ReadinessChecklist;
import dev.tuneloop.curate.ReadinessReport;
import dev.tuneloop.metrics.FlywheelMetric;
import dev.tuneloop.metrics.FlywheelMetrics;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.record.RecorderStats;
import dev.tuneloop.route.AbRouter;
import dev.tuneloop.route.Arm;
import dev.tuneloop.route.RouterStats;
import dev.tuneloop.route.RoutingPlan;
import dev.tuneloop.store.Store;
import dev.tuneloop.tune.FineTuneJob;
import dev.tuneloop.tune.ModelVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/tuneloop}: recorder and router counters, the routing plan, the readiness report, the flywheel's key
 * metrics, the active fine-tuning jobs and the deployed model version. Plain maps of names, numbers and short texts:
 * no prompt, answer or secret is in it. Reading it queries the store (readiness, metrics, jobs).
 */
@Endpoint(id = "tuneloop")
public class TuneloopEndpoint {
    private final Store store;
    private final InteractionRecorder recorder;
    private final AbRouter router;
    private final ReadinessChecklist readiness;
    private final FlywheelMetrics flywheel;

    /**
     * An endpoint over these parts.
     *
     * @param store the store
     * @param recorder the recorder
     * @param router the router
     * @param readiness the readiness checklist
     * @param flywheel the key metrics
     */
    public TuneloopEndpoint(
            Store store,
            InteractionRecorder recorder,
            AbRouter router,
            ReadinessChecklist readiness,
            FlywheelMetrics flywheel) {
        this.store = store;
        this.recorder = recorder;
        this.router = router;
        this.readiness = readiness;
        this.flywheel = flywheel;
    }

    /**
     * The report.
     *
     * @return names to values, in a stable order
     */
    @ReadOperation
    public Map<String, Object> report() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("recorder", recorder(recorder.stats()));
        out.put("router", router(router.plan(), router.stats()));
        out.put("readiness", readiness(readiness.evaluate(store.examples())));
        List<Map<String, Object>> metrics = new ArrayList<>();
        for (FlywheelMetric m : flywheel.measure().metrics()) {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("kind", m.kind().name());
            n.put("value", Double.isNaN(m.value()) ? null : m.value());
            n.put("status", m.status().name());
            n.put("target", m.target());
            metrics.add(n);
        }
        out.put("flywheel", metrics);
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (FineTuneJob j : store.jobs().active()) {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("id", j.id());
            n.put("status", j.status().wire());
            n.put("baseModel", j.baseModel());
            n.put("createdAt", j.createdAt().toString());
            jobs.add(n);
        }
        out.put("activeJobs", jobs);
        out.put(
                "deployedVersion",
                store.registry().deployed().map(TuneloopEndpoint::version).orElse(null));
        return out;
    }

    static Map<String, Object> recorder(RecorderStats s) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("enqueued", s.enqueued());
        n.put("persisted", s.persisted());
        n.put("dropped", s.dropped());
        n.put("rejected", s.rejected());
        n.put("failedBatches", s.failedBatches());
        n.put("retries", s.retries());
        n.put("queueDepth", s.queueDepth());
        return n;
    }

    private static Map<String, Object> router(RoutingPlan plan, RouterStats s) {
        Map<String, Object> n = new LinkedHashMap<>();
        List<Map<String, Object>> arms = new ArrayList<>();
        for (Arm a : plan.arms()) {
            Map<String, Object> arm = new LinkedHashMap<>();
            arm.put("name", a.name());
            arm.put("model", a.model());
            arm.put("weight", a.weight());
            arms.add(arm);
        }
        n.put("arms", arms);
        n.put("killSwitch", plan.killSwitchModel());
        n.put("anonymousArm", plan.anonymousArm());
        n.put("exposuresSampled", s.exposuresSampled());
        n.put("exposuresDelivered", s.exposuresDelivered());
        n.put("exposuresDropped", s.exposuresDropped());
        n.put("exposuresFailed", s.exposuresFailed());
        n.put("queueDepth", s.queueDepth());
        return n;
    }

    private static Map<String, Object> readiness(ReadinessReport r) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("overall", r.overall().name());
        n.put("checkedAt", r.checkedAt().toString());
        List<Map<String, Object>> items = new ArrayList<>();
        for (ReadinessReport.Item i : r.items()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("check", i.check().name());
            item.put("status", i.status().name());
            item.put("detail", i.detail());
            items.add(item);
        }
        n.put("items", items);
        return n;
    }

    private static @Nullable Map<String, Object> version(ModelVersion v) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("version", v.version());
        n.put("baseModel", v.baseModel());
        n.put("fineTunedModel", v.fineTunedModel());
        n.put("deployedAt", v.deployedAt() == null ? null : String.valueOf(v.deployedAt()));
        return n;
    }
}
