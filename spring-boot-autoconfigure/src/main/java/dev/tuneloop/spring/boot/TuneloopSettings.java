package dev.tuneloop.spring.boot;

import dev.tuneloop.curate.Category;
import dev.tuneloop.curate.CurationOptions;
import dev.tuneloop.curate.HoldoutSettings;
import dev.tuneloop.curate.Taxonomy;
import dev.tuneloop.errors.Checks;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.record.RecorderOptions;
import dev.tuneloop.route.Arm;
import dev.tuneloop.route.RoutingPlan;
import dev.tuneloop.tune.ModelRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns {@link TuneloopProperties} into core settings, checking every value first so that startup fails with the
 * property's name and the rule (core's own checks would name its builder's fields instead).
 */
final class TuneloopSettings {
    private TuneloopSettings() {}

    /** Checks every value; throws one {@link ValidationException} listing every problem. */
    static void validate(TuneloopProperties p) {
        Checks c = Checks.start();
        TuneloopProperties.Recorder r = p.getRecorder();
        c.require(
                r.getMaxQueueSize() >= 1,
                "tuneloop.recorder.max-queue-size must be at least 1, but was " + r.getMaxQueueSize());
        c.require(
                r.getMaxBatchSize() >= 1 && r.getMaxBatchSize() <= Math.max(1, r.getMaxQueueSize()),
                "tuneloop.recorder.max-batch-size must be in 1..max-queue-size (" + r.getMaxQueueSize() + "), but was "
                        + r.getMaxBatchSize());
        positive(c, "tuneloop.recorder.max-delay", r.getMaxDelay());
        positive(c, "tuneloop.recorder.block-timeout", r.getBlockTimeout());
        positive(c, "tuneloop.recorder.close-timeout", r.getCloseTimeout());
        TuneloopProperties.Jobs jobs = p.getJobs();
        positive(c, "tuneloop.jobs.rescan-interval", jobs.getRescanInterval());
        positive(c, "tuneloop.jobs.initial-interval", jobs.getInitialInterval());
        positive(c, "tuneloop.jobs.max-interval", jobs.getMaxInterval());
        positive(c, "tuneloop.jobs.stall-after", jobs.getStallAfter());
        c.require(
                jobs.getMaxInterval() == null
                        || jobs.getInitialInterval() == null
                        || jobs.getMaxInterval().compareTo(jobs.getInitialInterval()) >= 0,
                "tuneloop.jobs.max-interval must be at least tuneloop.jobs.initial-interval ("
                        + jobs.getInitialInterval() + "), but was " + jobs.getMaxInterval());
        double share = p.getCuration().getHoldoutShare();
        c.require(share >= 0 && share < 1, "tuneloop.curation.holdout-share must be in [0, 1), but was " + share);
        c.require(
                !(p.getCuration().isSeedTaxonomy()
                        && !p.getCuration().getTaxonomy().isEmpty()),
                "tuneloop.curation.seed-taxonomy and tuneloop.curation.taxonomy are both set; set one");
        TuneloopProperties.Routing routing = p.getRouting();
        c.require(routing.getSalt() != null && !routing.getSalt().isBlank(), "tuneloop.routing.salt must not be blank");
        c.require(
                routing.getFineTunedBasisPoints() >= 0 && routing.getFineTunedBasisPoints() <= 10_000,
                "tuneloop.routing.fine-tuned-basis-points must be in 0..10000, but was "
                        + routing.getFineTunedBasisPoints());
        c.require(
                routing.getSource() != TuneloopProperties.RoutingSource.PROPERTIES
                        || !routing.getArms().isEmpty(),
                "tuneloop.routing.arms must name the arms when tuneloop.routing.source is properties");
        c.require(
                routing.getArms().isEmpty() || routing.getArms().size() >= 2,
                "tuneloop.routing.arms must name at least 2 arms, but names "
                        + routing.getArms().size());
        int sum = 0;
        for (int i = 0; i < routing.getArms().size(); i++) {
            TuneloopProperties.ArmSettings a = routing.getArms().get(i);
            String key = "tuneloop.routing.arms[" + i + "]";
            c.require(!a.getName().isBlank(), key + ".name must not be blank");
            c.require(!a.getModel().isBlank(), key + ".model must not be blank");
            c.require(
                    a.getWeight() >= 0 && a.getWeight() <= 10_000,
                    key + ".weight must be in 0..10000 basis points, but was " + a.getWeight());
            sum += a.getWeight();
        }
        c.require(
                routing.getArms().isEmpty() || sum == 10_000,
                "tuneloop.routing.arms[*].weight must add up to 10000 basis points, but add up to " + sum);
        TuneloopProperties.Admin admin = p.getAdmin();
        if (admin.isEnabled()) {
            c.require(
                    admin.getPath().startsWith("/")
                            && !admin.getPath().endsWith("/")
                            && !admin.getPath().contains("*"),
                    "tuneloop.admin.path must start with '/', not end with '/' and hold no '*', but was "
                            + admin.getPath());
            c.require(
                    admin.getMaxBodyBytes() >= 1,
                    "tuneloop.admin.max-body-bytes must be at least 1, but was " + admin.getMaxBodyBytes());
            c.require(!admin.getRole().isBlank(), "tuneloop.admin.role must not be blank");
        }
        c.orThrow();
    }

    /** The token mode's check, separate because only that mode needs a token. */
    static void validateToken(TuneloopProperties.Admin admin) {
        String token = admin.getToken();
        Checks.start()
                .require(
                        token != null && token.length() >= 16,
                        "tuneloop.admin.token is required (at least 16 characters) when tuneloop.admin.security is"
                                + " token, or auto without Spring Security; "
                                + (token == null ? "it is not set" : "it has " + token.length() + " characters"))
                .orThrow();
    }

    private static void positive(Checks c, String name, Duration d) {
        c.require(d != null && !d.isNegative() && !d.isZero(), name + " must be > 0, but was " + d);
    }

    static RecorderOptions recorderOptions(TuneloopProperties.Recorder r) {
        return RecorderOptions.builder()
                .maxQueueSize(r.getMaxQueueSize())
                .maxBatchSize(r.getMaxBatchSize())
                .maxDelay(r.getMaxDelay())
                .overflowPolicy(r.getOverflowPolicy())
                .blockTimeout(r.getBlockTimeout())
                .closeTimeout(r.getCloseTimeout())
                .build();
    }

    static Taxonomy taxonomy(TuneloopProperties.Curation c) {
        if (c.isSeedTaxonomy()) {
            return Taxonomy.SEED;
        }
        if (c.getTaxonomy().isEmpty()) {
            return Taxonomy.OPEN;
        }
        List<Category> categories = new ArrayList<>();
        for (String name : c.getTaxonomy()) {
            categories.add(Category.of(name));
        }
        return Taxonomy.of(categories);
    }

    static CurationOptions curationOptions(TuneloopProperties.Curation c, Taxonomy taxonomy) {
        return CurationOptions.builder()
                .taxonomy(taxonomy)
                .holdout(HoldoutSettings.builder().share(c.getHoldoutShare()).build())
                .build();
    }

    /** The plan the properties ask for; the registry is read only when the source asks for it. */
    static RoutingPlan routingPlan(TuneloopProperties.Routing r, ModelRegistry registry) {
        RoutingPlan plan;
        boolean fromArms = r.getSource() == TuneloopProperties.RoutingSource.PROPERTIES
                || (r.getSource() == TuneloopProperties.RoutingSource.AUTO
                        && !r.getArms().isEmpty());
        if (fromArms) {
            List<Arm> arms = new ArrayList<>();
            for (TuneloopProperties.ArmSettings a : r.getArms()) {
                arms.add(Arm.of(a.getName(), a.getModel(), a.getWeight()));
            }
            plan = RoutingPlan.of(r.getSalt(), arms);
        } else if (r.getSource() == TuneloopProperties.RoutingSource.REGISTRY
                || registry.deployed().isPresent()) {
            plan = RoutingPlan.fromDeployed(registry, r.getBaseModel(), r.getFineTunedBasisPoints(), r.getSalt());
        } else {
            // nothing configured or deployed yet: a plan needs two arms, so the fine-tuned arm serves the base model
            // to nobody (weight 0) until a version is deployed and the application restarts (or calls update)
            plan = RoutingPlan.fineTunedVsBase(r.getSalt(), r.getBaseModel(), r.getBaseModel(), 0);
        }
        if (r.getAnonymousArm() != null) {
            plan = plan.withAnonymousArm(r.getAnonymousArm());
        }
        String killSwitch = r.getKillSwitch();
        if (killSwitch != null && !killSwitch.isBlank()) {
            plan = plan.withKillSwitch(killSwitch);
        }
        return plan;
    }
}
