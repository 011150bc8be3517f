package dev.tuneloop.metrics;

import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.record.InteractionStore;
import dev.tuneloop.record.ScanQuery;
import dev.tuneloop.route.Arm;
import dev.tuneloop.route.RoutingPlan;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-arm statistics of an experiment, counted from recorded interactions: each interaction belongs to the arm that
 * serves its {@code modelUsed}. Interactions record only the model, so arms that serve the same model cannot be told
 * apart: such a model counts for the first of its arms.
 *
 * <p>Immutable.
 *
 * @param arms     statistics by arm name, in the plan's arm order (arms without interactions included, count 0); copied
 * @param unmapped interactions whose model belongs to no arm (e.g. another feature's traffic), &ge; 0
 */
public record ArmReport(Map<String, ArmStats> arms, long unmapped) {

    /** The default confidence level of {@link #compare(String, String, Rate)}: {@value}. */
    public static final double DEFAULT_CONFIDENCE = 0.95;

    /**
     * Copies the statistics, keeping their order.
     *
     * @param arms     statistics by arm name, in the plan's arm order (arms without interactions included, count 0); copied
     * @param unmapped interactions whose model belongs to no arm (e.g. another feature's traffic), &ge; 0
     * @throws ValidationException when {@code unmapped} is negative
     */
    public ArmReport {
        arms = Collections.unmodifiableMap(new LinkedHashMap<>(arms));
        if (unmapped < 0) {
            throw new ValidationException("unmapped must be >= 0, but was " + unmapped);
        }
    }

    /**
     * Streams the interactions of {@code query} from {@code store} and counts them per arm of {@code plan}. Holds one
     * long per measured latency, nothing else per interaction. A model served by two arms counts for the first.
     *
     * @param store the interactions
     * @param query which interactions (the experiment's window)
     * @param plan  the plan whose arms are reported, in its order
     * @return the report
     */
    public static ArmReport collect(InteractionStore store, ScanQuery query, RoutingPlan plan) {
        Map<String, String> armByModel = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        for (Arm a : plan.arms()) {
            armByModel.putIfAbsent(a.model(), a.name());
            order.add(a.name());
        }
        return collect(store, query, armByModel, order);
    }

    /**
     * As {@link #collect(InteractionStore, ScanQuery, RoutingPlan)} with an explicit model-to-arm mapping; arms are
     * reported in {@code armOrder}, which must name every arm of the mapping.
     *
     * @param store      the interactions
     * @param query      which interactions
     * @param armByModel the arm of each model
     * @param armOrder   the arms to report, in order
     * @return the report
     * @throws ValidationException when the mapping names an arm missing from {@code armOrder}
     */
    public static ArmReport collect(
            InteractionStore store, ScanQuery query, Map<String, String> armByModel, List<String> armOrder) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(query, "query");
        Map<String, ArmAccumulator> byArm = new LinkedHashMap<>();
        for (String arm : armOrder) {
            byArm.putIfAbsent(arm, new ArmAccumulator(arm));
        }
        Map<String, ArmAccumulator> byModel = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : armByModel.entrySet()) {
            ArmAccumulator acc = byArm.get(e.getValue());
            if (acc == null) {
                throw new ValidationException(
                        "armOrder must name every arm of armByModel, but lacks '" + e.getValue() + "'");
            }
            byModel.put(e.getKey(), acc);
        }
        long[] unmapped = {0};
        store.scan(query, r -> {
            ArmAccumulator acc = byModel.get(r.interaction().modelUsed());
            if (acc == null) {
                unmapped[0]++;
            } else {
                acc.add(r);
            }
        });
        Map<String, ArmStats> stats = new LinkedHashMap<>();
        byArm.forEach((name, acc) -> stats.put(name, acc.stats()));
        return new ArmReport(stats, unmapped[0]);
    }

    /**
     * The statistics of an arm.
     *
     * @param arm the arm's name
     * @return the statistics, or empty when the report has no such arm
     */
    public Optional<ArmStats> arm(String arm) {
        return Optional.ofNullable(arms.get(arm));
    }

    /**
     * Compares {@code rate} of {@code candidateArm} with {@code baseArm} at {@link #DEFAULT_CONFIDENCE}.
     *
     * @param candidateArm the candidate arm's name
     * @param baseArm      the base arm's name
     * @param rate         the rate compared
     * @return the test (candidate minus base)
     * @throws ValidationException when an arm is unknown or has no interactions
     */
    public ProportionTest compare(String candidateArm, String baseArm, Rate rate) {
        return compare(candidateArm, baseArm, rate, DEFAULT_CONFIDENCE);
    }

    /**
     * Compares {@code rate} of {@code candidateArm} with {@code baseArm}: z-test and Newcombe interval of the
     * difference (candidate minus base) at {@code confidence}.
     *
     * @param candidateArm the candidate arm's name
     * @param baseArm      the base arm's name
     * @param rate         the rate compared
     * @param confidence   the interval's confidence level, in (0, 1)
     * @return the test
     * @throws ValidationException when an arm is unknown or has no interactions, or confidence is outside (0, 1)
     */
    public ProportionTest compare(String candidateArm, String baseArm, Rate rate, double confidence) {
        ArmStats c = require(candidateArm);
        ArmStats b = require(baseArm);
        return ProportionTest.of(rate.successes(c), c.count(), rate.successes(b), b.count(), confidence);
    }

    /**
     * Every rate of {@code candidateArm} compared with {@code baseArm}.
     *
     * @param candidateArm the candidate arm's name
     * @param baseArm      the base arm's name
     * @param confidence   the intervals' confidence level, in (0, 1)
     * @return one test per rate, in {@link Rate} order; unmodifiable
     * @throws ValidationException when an arm is unknown or has no interactions, or confidence is outside (0, 1)
     */
    public Map<Rate, ProportionTest> compareAll(String candidateArm, String baseArm, double confidence) {
        Map<Rate, ProportionTest> out = new LinkedHashMap<>();
        for (Rate r : Rate.values()) {
            out.put(r, compare(candidateArm, baseArm, r, confidence));
        }
        return Collections.unmodifiableMap(out);
    }

    private ArmStats require(String arm) {
        ArmStats s = arms.get(arm);
        if (s == null) {
            throw new ValidationException("arm must be one of " + arms.keySet() + ", but was '" + arm + "'");
        }
        if (s.count() == 0) {
            throw new ValidationException("arm '" + arm + "' has no interactions to compare");
        }
        return s;
    }
}
