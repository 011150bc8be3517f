package dev.tuneloop.route;

import dev.tuneloop.errors.Checks;
import dev.tuneloop.errors.NotFoundException;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.tune.ModelRegistry;
import dev.tuneloop.tune.ModelVersion;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which model each user gets: a salt (one per experiment) and two or more {@link Arm}s whose weights sum to 10 000
 * basis points. A user's bucket ({@link RoutingHash#bucket}) falls in the cumulative range of exactly one arm, taken in
 * declared order, so the same user gets the same arm on every instance and across restarts, and changing the salt
 * re-randomizes everyone.
 *
 * <p>Made by {@link #of(String, List)}, {@link #fineTunedVsBase}, {@link #fromEnvironment}, {@link #fromProperties},
 * {@link #fromDeployed(ModelRegistry, int, String)} or {@link #builder(String, List)}; validated when made, reporting
 * every broken rule at once in a {@link ValidationException}. Immutable and thread-safe: changes return new plans;
 * hand one to {@link AbRouter#update(RoutingPlan)} to switch at runtime.
 */
public final class RoutingPlan {

    /** Name of the fine-tuned arm in plans made by {@link #fineTunedVsBase}. */
    public static final String FINE_TUNED_ARM = "fine-tuned";
    /** Name of the base arm in plans made by {@link #fineTunedVsBase}. */
    public static final String BASE_ARM = "base";
    /** Maximum characters of a salt. */
    public static final int MAX_SALT_CHARS = 256;

    /** Environment variable: the fine-tuned model id (the seed's name); required by {@link #fromEnvironment}. */
    public static final String ENV_FINE_TUNED_MODEL = "FINE_TUNED_MODEL_ID";
    /** Environment variable: the base model id; default {@link #DEFAULT_BASE_MODEL}. */
    public static final String ENV_BASE_MODEL = "TUNELOOP_BASE_MODEL";
    /** Environment variable: the fine-tuned share in percent, 0-100, up to two decimals; default 80. */
    public static final String ENV_FINE_TUNED_PERCENT = "TUNELOOP_FINE_TUNED_PERCENT";
    /** Environment variable: the experiment salt; default {@link #DEFAULT_SALT}. */
    public static final String ENV_SALT = "TUNELOOP_SALT";
    /** Environment variable: {@code true} sends everyone to the base model; default {@code false}. */
    public static final String ENV_KILL_SWITCH = "TUNELOOP_KILL_SWITCH";

    /** Property key: the fine-tuned model id; required by {@link #fromProperties}. */
    public static final String PROP_FINE_TUNED_MODEL = "tuneloop.routing.fine-tuned-model";
    /** Property key: the base model id; default {@link #DEFAULT_BASE_MODEL}. */
    public static final String PROP_BASE_MODEL = "tuneloop.routing.base-model";
    /** Property key: the fine-tuned share in percent; default 80. */
    public static final String PROP_FINE_TUNED_PERCENT = "tuneloop.routing.fine-tuned-percent";
    /** Property key: the experiment salt; default {@link #DEFAULT_SALT}. */
    public static final String PROP_SALT = "tuneloop.routing.salt";
    /** Property key: {@code true} sends everyone to the base model; default {@code false}. */
    public static final String PROP_KILL_SWITCH = "tuneloop.routing.kill-switch";

    /** Default base model (the seed's). */
    public static final String DEFAULT_BASE_MODEL = "gpt-4o-mini";
    /** Default fine-tuned share in basis points: the seed's 80 % fine-tuned / 20 % base. */
    public static final int DEFAULT_FINE_TUNED_BASIS_POINTS = 8_000;
    /** Default salt. */
    public static final String DEFAULT_SALT = "tuneloop";

    private final String salt;
    private final List<Arm> arms;
    private final @Nullable String killSwitchModel;
    private final @Nullable String anonymousArm;

    private RoutingPlan(String salt, List<Arm> arms, @Nullable String killSwitchModel, @Nullable String anonymousArm) {
        Checks c = Checks.start().text("salt", salt, true, MAX_SALT_CHARS * 4);
        // List.of(...).contains(null) throws, so look for null by hand
        if (arms != null && arms.stream().anyMatch(Objects::isNull)) {
            c.add("arms must not contain null");
            c.orThrow();
        }
        List<Arm> copy = arms == null ? null : List.copyOf(arms);
        if (salt != null && salt.length() > MAX_SALT_CHARS) {
            c.add("salt must be at most " + MAX_SALT_CHARS + " characters, but has " + salt.length());
        }
        if (copy == null) {
            c.add("arms is required, but was null");
        } else {
            c.require(copy.size() >= 2, "a plan needs at least 2 arms, but has " + copy.size());
            Set<String> names = new HashSet<>();
            long sum = 0;
            for (Arm a : copy) {
                sum += a.weight();
                c.require(names.add(a.name()), "arm names must be unique, but '" + a.name() + "' appears twice");
            }
            c.require(
                    sum == RoutingHash.BUCKETS,
                    "arm weights must sum to " + RoutingHash.BUCKETS + " basis points, but sum to " + sum);
            c.require(
                    anonymousArm == null || names.contains(anonymousArm),
                    "anonymousArm must name an arm of the plan " + names + ", but was '" + anonymousArm + "'");
        }
        c.text("killSwitchModel", killSwitchModel, false, Arm.MAX_MODEL_CHARS * 4);
        c.require(killSwitchModel == null || !killSwitchModel.isBlank(), "killSwitchModel must not be blank");
        c.orThrow();
        this.salt = salt;
        // orThrow above reported a null list, so copy is set here
        this.arms = Objects.requireNonNull(copy, "arms");
        this.killSwitchModel = killSwitchModel;
        this.anonymousArm = anonymousArm;
    }

    /**
     * A builder for a plan of {@code arms} under {@code salt}, to set the kill switch and the anonymous arm at once.
     *
     * @param salt the experiment's salt
     * @param arms two or more arms with unique names, weights summing to 10 000
     * @return a new builder (kill switch off, anonymous traffic rejected)
     */
    public static Builder builder(String salt, List<Arm> arms) {
        return new Builder(salt, arms);
    }

    /**
     * A builder holding this plan's parts, to make a changed copy.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder(salt, arms).killSwitchModel(killSwitchModel).anonymousArm(anonymousArm);
    }

    /**
     * The experiment's salt.
     *
     * @return the salt; non-blank, at most {@value #MAX_SALT_CHARS} characters, no U+0000 or unpaired surrogate
     */
    public String salt() {
        return salt;
    }

    /**
     * The arms in declared order.
     *
     * @return two or more arms with unique names whose weights sum to 10 000; unmodifiable
     */
    public List<Arm> arms() {
        return arms;
    }

    /**
     * The model every request gets while the kill switch is on.
     *
     * @return the model; null when the kill switch is off
     */
    public @Nullable String killSwitchModel() {
        return killSwitchModel;
    }

    /**
     * The arm that serves a null or empty user id.
     *
     * @return the arm's name; null when such ids are rejected
     */
    public @Nullable String anonymousArm() {
        return anonymousArm;
    }

    /**
     * A plan with the kill switch off that rejects anonymous traffic.
     *
     * @param salt the experiment's salt
     * @param arms two or more arms with unique names, weights summing to 10 000, in declared order
     * @return the plan
     * @throws ValidationException listing every broken rule
     */
    public static RoutingPlan of(String salt, List<Arm> arms) {
        return new RoutingPlan(salt, arms, null, null);
    }

    /**
     * As {@link #of(String, List)}.
     *
     * @param salt the experiment's salt
     * @param arms two or more arms with unique names, weights summing to 10 000, in declared order
     * @return the plan
     * @throws ValidationException listing every broken rule
     */
    public static RoutingPlan of(String salt, Arm... arms) {
        return of(salt, List.of(arms));
    }

    /**
     * The seed's deployment: arm {@value #FINE_TUNED_ARM} (first, so ramping it up only moves users into it) serving
     * {@code fineTunedModel} to {@code fineTunedBasisPoints} of users, and arm {@value #BASE_ARM} serving the rest.
     *
     * <pre>{@code
     * RoutingPlan.fineTunedVsBase("exp-2026-11", "ft:gpt-4o-mini-2024-07-18:acme:v1:abc123", "gpt-4o-mini", 8_000)
     * }</pre>
     *
     * @param salt                 the experiment's salt (first argument, not a model or a suffix): it decides which
     *                             users get which arm, {@code bucket = murmur3(salt + ":" + userId)}; keep it to keep
     *                             assignments, change it to reshuffle everyone
     * @param fineTunedModel       the model of arm {@value #FINE_TUNED_ARM}
     * @param baseModel            the model of arm {@value #BASE_ARM}
     * @param fineTunedBasisPoints the fine-tuned arm's share in basis points, 0-10 000 (8 000 = 80 %)
     * @return the plan, kill switch off, anonymous traffic rejected
     * @throws ValidationException listing every broken rule
     */
    public static RoutingPlan fineTunedVsBase(
            String salt, String fineTunedModel, String baseModel, int fineTunedBasisPoints) {
        Checks.start()
                .require(
                        fineTunedBasisPoints >= 0 && fineTunedBasisPoints <= RoutingHash.BUCKETS,
                        "fineTunedBasisPoints must be between 0 and " + RoutingHash.BUCKETS + ", but was "
                                + fineTunedBasisPoints)
                .orThrow();
        return of(
                salt,
                new Arm(FINE_TUNED_ARM, fineTunedModel, fineTunedBasisPoints),
                new Arm(BASE_ARM, baseModel, RoutingHash.BUCKETS - fineTunedBasisPoints));
    }

    /**
     * A {@link #fineTunedVsBase} plan from environment variables: {@value #ENV_FINE_TUNED_MODEL} (required),
     * {@value #ENV_BASE_MODEL} (default {@value #DEFAULT_BASE_MODEL}), {@value #ENV_FINE_TUNED_PERCENT} (0-100, up to
     * two decimals, default 80), {@value #ENV_SALT} (default {@value #DEFAULT_SALT}) and {@value #ENV_KILL_SWITCH}
     * ({@code true} sends everyone to the base model; default {@code false}). Pass {@code System.getenv()}.
     *
     * @param env the environment variables
     * @return the plan
     * @throws ValidationException listing every problem, each naming its variable
     */
    public static RoutingPlan fromEnvironment(Map<String, String> env) {
        return fromSettings(
                env, ENV_FINE_TUNED_MODEL, ENV_BASE_MODEL, ENV_FINE_TUNED_PERCENT, ENV_SALT, ENV_KILL_SWITCH);
    }

    /**
     * As {@link #fromEnvironment}, from configuration properties: {@value #PROP_FINE_TUNED_MODEL} (required),
     * {@value #PROP_BASE_MODEL}, {@value #PROP_FINE_TUNED_PERCENT}, {@value #PROP_SALT}, {@value #PROP_KILL_SWITCH},
     * with the same defaults.
     *
     * @param properties the configuration properties
     * @return the plan
     * @throws ValidationException listing every problem, each naming its key
     */
    public static RoutingPlan fromProperties(Map<String, String> properties) {
        return fromSettings(
                properties,
                PROP_FINE_TUNED_MODEL,
                PROP_BASE_MODEL,
                PROP_FINE_TUNED_PERCENT,
                PROP_SALT,
                PROP_KILL_SWITCH);
    }

    /**
     * A {@link #fineTunedVsBase} plan for the model version the registry has deployed last: its fine-tuned model
     * gets {@code fineTunedBasisPoints} of users and {@code baseModel} the rest. Call again (and
     * {@link AbRouter#update}) after deploying another version; a rollback in the registry (deploying an older version
     * again) routes back to that version's model.
     *
     * @param registry             the registry whose deployed version is served
     * @param baseModel            the model of arm {@value #BASE_ARM}
     * @param fineTunedBasisPoints the share of users on the fine-tuned model, 0-10 000
     * @param salt                 the experiment's salt
     * @return the plan
     * @throws NotFoundException   when the registry has no deployed version
     * @throws ValidationException when a value breaks a rule of {@link #fineTunedVsBase}
     */
    public static RoutingPlan fromDeployed(
            ModelRegistry registry, String baseModel, int fineTunedBasisPoints, String salt) {
        ModelVersion v = deployed(registry);
        return fineTunedVsBase(salt, fineTunedModel(v), baseModel, fineTunedBasisPoints);
    }

    /**
     * As {@link #fromDeployed(ModelRegistry, String, int, String)}, with the deployed version's own base model as the
     * base arm.
     *
     * @param registry             the registry whose deployed version is served
     * @param fineTunedBasisPoints the share of users on the fine-tuned model, 0-10 000
     * @param salt                 the experiment's salt
     * @return the plan
     * @throws NotFoundException   when the registry has no deployed version
     * @throws ValidationException when a value breaks a rule of {@link #fineTunedVsBase}
     */
    public static RoutingPlan fromDeployed(ModelRegistry registry, int fineTunedBasisPoints, String salt) {
        ModelVersion v = deployed(registry);
        return fineTunedVsBase(salt, fineTunedModel(v), v.baseModel(), fineTunedBasisPoints);
    }

    private static ModelVersion deployed(ModelRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        return registry.deployed()
                .orElseThrow(() -> new NotFoundException("no model version is deployed in the registry (versions: "
                        + registry.versions().size() + ")"));
    }

    private static String fineTunedModel(ModelVersion v) {
        // markDeployed refuses versions without a fine-tuned model, so only a broken registry gets here
        return v.model()
                .orElseThrow(() -> new ValidationException(
                        "deployed model version " + v.version() + " must have a fine-tuned model, but has none"));
    }

    private static RoutingPlan fromSettings(
            Map<String, String> settings,
            String modelKey,
            String baseKey,
            String percentKey,
            String saltKey,
            String killKey) {
        Objects.requireNonNull(settings, "settings");
        Checks c = Checks.start();
        String fineTuned = trimmed(settings.get(modelKey));
        c.require(fineTuned != null, modelKey + " is required, but was not set");
        String base = Objects.requireNonNullElse(trimmed(settings.get(baseKey)), DEFAULT_BASE_MODEL);
        String salt = Objects.requireNonNullElse(trimmed(settings.get(saltKey)), DEFAULT_SALT);
        int basisPoints = DEFAULT_FINE_TUNED_BASIS_POINTS;
        String percent = trimmed(settings.get(percentKey));
        if (percent != null) {
            basisPoints = percentToBasisPoints(percent);
            c.require(
                    basisPoints >= 0,
                    percentKey + " must be a percentage between 0 and 100 with at most two decimals, " + "but was '"
                            + percent + "'");
        }
        boolean kill = false;
        String killValue = trimmed(settings.get(killKey));
        if (killValue != null) {
            kill = "true".equalsIgnoreCase(killValue);
            c.require(
                    kill || "false".equalsIgnoreCase(killValue),
                    killKey + " must be true or false, but was '" + killValue + "'");
        }
        c.orThrow();
        // orThrow above reported a missing fine-tuned model, so it is set here
        RoutingPlan plan = fineTunedVsBase(salt, Objects.requireNonNull(fineTuned, modelKey), base, basisPoints);
        return kill ? plan.withKillSwitch(base) : plan;
    }

    /** Basis points of a percentage text, or -1 when it is not a number in [0, 100] with at most two decimals. */
    private static int percentToBasisPoints(String text) {
        BigDecimal p;
        try {
            p = new BigDecimal(text);
        } catch (NumberFormatException e) {
            return -1;
        }
        if (p.signum() < 0 || p.compareTo(BigDecimal.valueOf(100)) > 0) {
            return -1;
        }
        BigDecimal bp = p.movePointRight(2).stripTrailingZeros();
        return bp.scale() > 0 ? -1 : bp.intValueExact();
    }

    private static @Nullable String trimmed(@Nullable String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }

    /**
     * The arm with a name.
     *
     * @param name the arm's name
     * @return the arm, or empty when the plan has none of that name
     */
    public Optional<Arm> arm(String name) {
        for (Arm a : arms) {
            if (a.name().equals(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the kill switch is on.
     *
     * @return true when every request gets {@link #killSwitchModel()}
     */
    public boolean killSwitchOn() {
        return killSwitchModel != null;
    }

    /**
     * This plan with the kill switch on: every request gets {@code fallbackModel}. Arms and salt are kept, so turning
     * the switch off restores every user's arm.
     *
     * @param fallbackModel the model every request gets
     * @return the new plan
     * @throws ValidationException when {@code fallbackModel} is null, blank or too long
     */
    public RoutingPlan withKillSwitch(String fallbackModel) {
        if (fallbackModel == null) {
            throw new ValidationException("fallbackModel is required, but was null");
        }
        return new RoutingPlan(salt, arms, fallbackModel, anonymousArm);
    }

    /**
     * This plan with the kill switch off: users go back to the arms they had before.
     *
     * @return the new plan
     */
    public RoutingPlan withoutKillSwitch() {
        return new RoutingPlan(salt, arms, null, anonymousArm);
    }

    /**
     * This plan under another salt, which re-randomizes every user's bucket (a new experiment).
     *
     * @param newSalt the new salt
     * @return the new plan
     * @throws ValidationException when the salt breaks a rule
     */
    public RoutingPlan withSalt(String newSalt) {
        return new RoutingPlan(newSalt, arms, killSwitchModel, anonymousArm);
    }

    /**
     * This plan with anonymous traffic (null or empty user id) served by an arm.
     *
     * @param armName the arm's name; null to reject anonymous traffic
     * @return the new plan
     * @throws ValidationException when the plan has no arm of that name
     */
    public RoutingPlan withAnonymousArm(@Nullable String armName) {
        return new RoutingPlan(salt, arms, killSwitchModel, armName);
    }

    /**
     * This plan with other weights.
     *
     * @param weights one weight per arm, in arm order, in basis points summing to 10 000
     * @return the new plan
     * @throws ValidationException when there is not one weight per arm or the weights break a rule
     */
    public RoutingPlan withWeights(int... weights) {
        if (weights.length != arms.size()) {
            throw new ValidationException(
                    "weights must have one value per arm (" + arms.size() + "), but has " + weights.length);
        }
        List<Arm> changed = new ArrayList<>(arms.size());
        for (int i = 0; i < weights.length; i++) {
            changed.add(arms.get(i).withWeight(weights[i]));
        }
        return new RoutingPlan(salt, changed, killSwitchModel, anonymousArm);
    }

    /**
     * This plan with the first arm at {@code basisPoints}; the difference is taken from (or, when lowering, given to)
     * the following arms in declared order. Raising the first arm this way only moves users into it, and lowering it
     * only moves users out of it: every other user keeps their arm.
     *
     * @param basisPoints the first arm's new weight, 0-10 000
     * @return the new plan
     * @throws ValidationException when {@code basisPoints} is outside [0, 10 000]
     */
    public RoutingPlan rampFirstArm(int basisPoints) {
        Checks.start()
                .require(
                        basisPoints >= 0 && basisPoints <= RoutingHash.BUCKETS,
                        "basisPoints must be between 0 and " + RoutingHash.BUCKETS + ", but was " + basisPoints)
                .orThrow();
        int[] w = new int[arms.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = arms.get(i).weight();
        }
        int delta = basisPoints - w[0];
        w[0] = basisPoints;
        if (delta > 0) {
            for (int i = 1; i < w.length && delta > 0; i++) {
                int take = Math.min(w[i], delta);
                w[i] -= take;
                delta -= take;
            }
        } else {
            w[1] -= delta;
        }
        return withWeights(w);
    }

    /** Plans are equal when salt, arms (in order), kill switch and anonymous arm are. */
    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof RoutingPlan p
                && p.salt.equals(salt)
                && p.arms.equals(arms)
                && Objects.equals(p.killSwitchModel, killSwitchModel)
                && Objects.equals(p.anonymousArm, anonymousArm);
    }

    @Override
    public int hashCode() {
        return Objects.hash(salt, arms, killSwitchModel, anonymousArm);
    }

    /** The plan in record notation: salt, arms, kill switch model and anonymous arm. */
    @Override
    public String toString() {
        return "RoutingPlan[salt=" + salt + ", arms=" + arms + ", killSwitchModel=" + killSwitchModel
                + ", anonymousArm=" + anonymousArm + "]";
    }

    /**
     * Builds a {@link RoutingPlan} with every part at once, so a plan with a kill switch or an anonymous arm is
     * validated (and its problems reported) as a whole. Not thread-safe.
     */
    public static final class Builder {
        private final String salt;
        private final List<Arm> arms;
        private @Nullable String killSwitchModel;
        private @Nullable String anonymousArm;

        private Builder(String salt, List<Arm> arms) {
            this.salt = salt;
            this.arms = arms;
        }

        /**
         * Turns the kill switch on (default off).
         *
         * @param model the model every request gets; null for off
         * @return this builder
         */
        public Builder killSwitchModel(@Nullable String model) {
            this.killSwitchModel = model;
            return this;
        }

        /**
         * The arm that serves a null or empty user id (default none: such ids are rejected).
         *
         * @param armName the arm's name; null to reject anonymous traffic
         * @return this builder
         */
        public Builder anonymousArm(@Nullable String armName) {
            this.anonymousArm = armName;
            return this;
        }

        /**
         * Builds the plan.
         *
         * @return the validated plan
         * @throws ValidationException listing every broken rule
         */
        public RoutingPlan build() {
            return new RoutingPlan(salt, arms, killSwitchModel, anonymousArm);
        }
    }
}
