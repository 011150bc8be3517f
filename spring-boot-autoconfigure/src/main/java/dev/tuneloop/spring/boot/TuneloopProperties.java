package dev.tuneloop.spring.boot;

import dev.tuneloop.record.OverflowPolicy;
import dev.tuneloop.record.RecorderOptions;
import dev.tuneloop.tune.JobWatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code tuneloop.*} settings. Every value has a default except the secrets ({@code tuneloop.admin.token},
 * {@code tuneloop.openai.api-key}), which never appear in {@link #toString()}, logs or actuator output. Invalid values
 * fail startup with the property's name and the rule ({@link TuneloopSettings#validate}).
 */
@ConfigurationProperties(prefix = "tuneloop")
public class TuneloopProperties {
    /** Whether Tuneloop's beans are made at all. */
    private boolean enabled = true;

    private final StoreSettings store = new StoreSettings();
    private final Recorder recorder = new Recorder();
    private final Curation curation = new Curation();
    private final Routing routing = new Routing();
    private final Admin admin = new Admin();
    private final OpenAi openai = new OpenAi();
    private final Health health = new Health();
    private final Metrics metrics = new Metrics();
    private final Jobs jobs = new Jobs();

    /** Made by Spring from the {@code tuneloop.*} properties. */
    public TuneloopProperties() {}

    /**
     * Whether Tuneloop's beans are made at all ({@code tuneloop.enabled}, default true).
     *
     * @return the flag
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Sets {@code tuneloop.enabled}.
     *
     * @param enabled the flag
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * The store settings ({@code tuneloop.store.*}).
     *
     * @return the store settings
     */
    public StoreSettings getStore() {
        return store;
    }

    /**
     * The recorder settings ({@code tuneloop.recorder.*}).
     *
     * @return the recorder settings
     */
    public Recorder getRecorder() {
        return recorder;
    }

    /**
     * The curation settings ({@code tuneloop.curation.*}).
     *
     * @return the curation settings
     */
    public Curation getCuration() {
        return curation;
    }

    /**
     * The routing plan ({@code tuneloop.routing.*}).
     *
     * @return the routing settings
     */
    public Routing getRouting() {
        return routing;
    }

    /**
     * The admin API and console ({@code tuneloop.admin.*}).
     *
     * @return the admin settings
     */
    public Admin getAdmin() {
        return admin;
    }

    /**
     * The OpenAI fine-tuning provider ({@code tuneloop.openai.*}).
     *
     * @return the provider settings
     */
    public OpenAi getOpenai() {
        return openai;
    }

    /**
     * The health indicator ({@code tuneloop.health.*}).
     *
     * @return the health settings
     */
    public Health getHealth() {
        return health;
    }

    /**
     * The Micrometer binder ({@code tuneloop.metrics.*}).
     *
     * @return the metrics settings
     */
    public Metrics getMetrics() {
        return metrics;
    }

    /**
     * The job-watching settings ({@code tuneloop.jobs.*}).
     *
     * @return the job-watching settings
     */
    public Jobs getJobs() {
        return jobs;
    }

    @Override
    public String toString() {
        return "TuneloopProperties[enabled=" + enabled + ", store=" + store.type + ", routing=" + routing.source
                + ", admin=" + admin + ", openai=" + openai + "]";
    }

    /** Which store to use. */
    public enum StoreType {
        /** The JDBC store on the application's DataSource when there is one, else in memory. */
        AUTO,
        /** The JDBC store on the application's DataSource (startup fails without one). */
        JDBC,
        /** In memory: lost at shutdown; for tests and demos. */
        MEMORY
    }

    /** {@code tuneloop.store.*}. */
    public static class StoreSettings {
        private StoreType type = StoreType.AUTO;
        private boolean migrate = true;
        private boolean createSchema = false;

        /** Defaults: auto, migrate on start, do not create a schema. */
        public StoreSettings() {}

        /**
         * Which store ({@code tuneloop.store.type}, default {@code auto}).
         *
         * @return the type
         */
        public StoreType getType() {
            return type;
        }

        /**
         * Sets {@code tuneloop.store.type}.
         *
         * @param type the type
         */
        public void setType(StoreType type) {
            this.type = type;
        }

        /**
         * Whether the JDBC store migrates its tables on start ({@code tuneloop.store.migrate}, default true); false
         * checks the schema version instead (for hosts that migrate with their own tool).
         *
         * @return the flag
         */
        public boolean isMigrate() {
            return migrate;
        }

        /**
         * Sets {@code tuneloop.store.migrate}.
         *
         * @param migrate the flag
         */
        public void setMigrate(boolean migrate) {
            this.migrate = migrate;
        }

        /**
         * Whether a missing PostgreSQL schema is created ({@code tuneloop.store.create-schema}, default false).
         *
         * @return the flag
         */
        public boolean isCreateSchema() {
            return createSchema;
        }

        /**
         * Sets {@code tuneloop.store.create-schema}.
         *
         * @param createSchema the flag
         */
        public void setCreateSchema(boolean createSchema) {
            this.createSchema = createSchema;
        }
    }

    /** {@code tuneloop.recorder.*}: the asynchronous recorder's queue. */
    public static class Recorder {
        private boolean synchronous = false;
        private int maxQueueSize = RecorderOptions.DEFAULT_MAX_QUEUE_SIZE;
        private int maxBatchSize = RecorderOptions.DEFAULT_MAX_BATCH_SIZE;
        private Duration maxDelay = RecorderOptions.DEFAULT_MAX_DELAY;
        private OverflowPolicy overflowPolicy = RecorderOptions.DEFAULT_OVERFLOW_POLICY;
        private Duration blockTimeout = RecorderOptions.DEFAULT_BLOCK_TIMEOUT;
        private Duration closeTimeout = RecorderOptions.DEFAULT_CLOSE_TIMEOUT;

        /** The core defaults. */
        public Recorder() {}

        /**
         * Write-through instead of the queue ({@code tuneloop.recorder.synchronous}, default false): for tests.
         *
         * @return the flag
         */
        public boolean isSynchronous() {
            return synchronous;
        }

        /**
         * Sets {@code tuneloop.recorder.synchronous}.
         *
         * @param synchronous the flag
         */
        public void setSynchronous(boolean synchronous) {
            this.synchronous = synchronous;
        }

        /**
         * The most items waiting ({@code tuneloop.recorder.max-queue-size}, default 16384).
         *
         * @return the size
         */
        public int getMaxQueueSize() {
            return maxQueueSize;
        }

        /**
         * Sets {@code tuneloop.recorder.max-queue-size}.
         *
         * @param maxQueueSize the size
         */
        public void setMaxQueueSize(int maxQueueSize) {
            this.maxQueueSize = maxQueueSize;
        }

        /**
         * The most items per store write ({@code tuneloop.recorder.max-batch-size}, default 512).
         *
         * @return the size
         */
        public int getMaxBatchSize() {
            return maxBatchSize;
        }

        /**
         * Sets {@code tuneloop.recorder.max-batch-size}.
         *
         * @param maxBatchSize the size
         */
        public void setMaxBatchSize(int maxBatchSize) {
            this.maxBatchSize = maxBatchSize;
        }

        /**
         * The longest an item waits for a batch to fill ({@code tuneloop.recorder.max-delay}, default 200ms).
         *
         * @return the delay
         */
        public Duration getMaxDelay() {
            return maxDelay;
        }

        /**
         * Sets {@code tuneloop.recorder.max-delay}.
         *
         * @param maxDelay the delay
         */
        public void setMaxDelay(Duration maxDelay) {
            this.maxDelay = maxDelay;
        }

        /**
         * What a full queue does ({@code tuneloop.recorder.overflow-policy}, default {@code drop-newest}).
         *
         * @return the policy
         */
        public OverflowPolicy getOverflowPolicy() {
            return overflowPolicy;
        }

        /**
         * Sets {@code tuneloop.recorder.overflow-policy}.
         *
         * @param overflowPolicy the policy
         */
        public void setOverflowPolicy(OverflowPolicy overflowPolicy) {
            this.overflowPolicy = overflowPolicy;
        }

        /**
         * How long a caller waits for room under the blocking policy ({@code tuneloop.recorder.block-timeout}).
         *
         * @return the timeout
         */
        public Duration getBlockTimeout() {
            return blockTimeout;
        }

        /**
         * Sets {@code tuneloop.recorder.block-timeout}.
         *
         * @param blockTimeout the timeout
         */
        public void setBlockTimeout(Duration blockTimeout) {
            this.blockTimeout = blockTimeout;
        }

        /**
         * How long shutdown waits for the queue to be written ({@code tuneloop.recorder.close-timeout}, default 10s).
         *
         * @return the timeout
         */
        public Duration getCloseTimeout() {
            return closeTimeout;
        }

        /**
         * Sets {@code tuneloop.recorder.close-timeout}.
         *
         * @param closeTimeout the timeout
         */
        public void setCloseTimeout(Duration closeTimeout) {
            this.closeTimeout = closeTimeout;
        }
    }

    /** {@code tuneloop.curation.*}. */
    public static class Curation {
        private List<String> taxonomy = new ArrayList<>();
        private boolean seedTaxonomy = false;
        private double holdoutShare = dev.tuneloop.curate.HoldoutSettings.DEFAULT_SHARE;

        /** Open taxonomy, the default holdout share. */
        public Curation() {}

        /**
         * The categories reviewers may set ({@code tuneloop.curation.taxonomy}); empty (the default) accepts any.
         *
         * @return the category names
         */
        public List<String> getTaxonomy() {
            return taxonomy;
        }

        /**
         * Sets {@code tuneloop.curation.taxonomy}.
         *
         * @param taxonomy the category names
         */
        public void setTaxonomy(List<String> taxonomy) {
            this.taxonomy = taxonomy;
        }

        /**
         * Use the seed's eight categories ({@code tuneloop.curation.seed-taxonomy}, default false).
         *
         * @return the flag
         */
        public boolean isSeedTaxonomy() {
            return seedTaxonomy;
        }

        /**
         * Sets {@code tuneloop.curation.seed-taxonomy}.
         *
         * @param seedTaxonomy the flag
         */
        public void setSeedTaxonomy(boolean seedTaxonomy) {
            this.seedTaxonomy = seedTaxonomy;
        }

        /**
         * The share of examples frozen for evaluation ({@code tuneloop.curation.holdout-share}, default 0.10).
         *
         * @return the share
         */
        public double getHoldoutShare() {
            return holdoutShare;
        }

        /**
         * Sets {@code tuneloop.curation.holdout-share}.
         *
         * @param holdoutShare the share
         */
        public void setHoldoutShare(double holdoutShare) {
            this.holdoutShare = holdoutShare;
        }
    }

    /** Where the routing plan comes from. */
    public enum RoutingSource {
        /** {@code tuneloop.routing.arms} when given, else the registry's deployed version, else the base model. */
        AUTO,
        /** {@code tuneloop.routing.arms} (required). */
        PROPERTIES,
        /** The registry's deployed version against its base model (startup fails when none is deployed). */
        REGISTRY
    }

    /** {@code tuneloop.routing.*}. */
    public static class Routing {
        private RoutingSource source = RoutingSource.AUTO;
        private String salt = dev.tuneloop.route.RoutingPlan.DEFAULT_SALT;
        private List<ArmSettings> arms = new ArrayList<>();
        private String baseModel = dev.tuneloop.route.RoutingPlan.DEFAULT_BASE_MODEL;
        private int fineTunedBasisPoints = dev.tuneloop.route.RoutingPlan.DEFAULT_FINE_TUNED_BASIS_POINTS;
        private @Nullable String killSwitch;
        private @Nullable String anonymousArm;

        /** Defaults: auto source, the default salt. */
        public Routing() {}

        /**
         * Where the plan comes from ({@code tuneloop.routing.source}, default {@code auto}).
         *
         * @return the source
         */
        public RoutingSource getSource() {
            return source;
        }

        /**
         * Sets {@code tuneloop.routing.source}.
         *
         * @param source the source
         */
        public void setSource(RoutingSource source) {
            this.source = source;
        }

        /**
         * The experiment's salt ({@code tuneloop.routing.salt}); changing it reshuffles every user.
         *
         * @return the salt
         */
        public String getSalt() {
            return salt;
        }

        /**
         * Sets {@code tuneloop.routing.salt}.
         *
         * @param salt the salt
         */
        public void setSalt(String salt) {
            this.salt = salt;
        }

        /**
         * The arms in order, weights in basis points adding up to 10000 ({@code tuneloop.routing.arms[i].*}).
         *
         * @return the arms
         */
        public List<ArmSettings> getArms() {
            return arms;
        }

        /**
         * Sets {@code tuneloop.routing.arms}.
         *
         * @param arms the arms
         */
        public void setArms(List<ArmSettings> arms) {
            this.arms = arms;
        }

        /**
         * The base model ({@code tuneloop.routing.base-model}): the only arm when nothing is configured or deployed,
         * and the base arm of a plan from the registry.
         *
         * @return the model id
         */
        public String getBaseModel() {
            return baseModel;
        }

        /**
         * Sets {@code tuneloop.routing.base-model}.
         *
         * @param baseModel the model id
         */
        public void setBaseModel(String baseModel) {
            this.baseModel = baseModel;
        }

        /**
         * The fine-tuned arm's share of a plan from the registry, 0-10000 ({@code
         * tuneloop.routing.fine-tuned-basis-points}, default 8000).
         *
         * @return the share in basis points
         */
        public int getFineTunedBasisPoints() {
            return fineTunedBasisPoints;
        }

        /**
         * Sets {@code tuneloop.routing.fine-tuned-basis-points}.
         *
         * @param fineTunedBasisPoints the share in basis points
         */
        public void setFineTunedBasisPoints(int fineTunedBasisPoints) {
            this.fineTunedBasisPoints = fineTunedBasisPoints;
        }

        /**
         * When set, every request gets this model ({@code tuneloop.routing.kill-switch}).
         *
         * @return the fallback model, or null
         */
        public @Nullable String getKillSwitch() {
            return killSwitch;
        }

        /**
         * Sets {@code tuneloop.routing.kill-switch}.
         *
         * @param killSwitch the fallback model, or null
         */
        public void setKillSwitch(@Nullable String killSwitch) {
            this.killSwitch = killSwitch;
        }

        /**
         * The arm anonymous requests get ({@code tuneloop.routing.anonymous-arm}); unset, they are refused.
         *
         * @return the arm's name, or null
         */
        public @Nullable String getAnonymousArm() {
            return anonymousArm;
        }

        /**
         * Sets {@code tuneloop.routing.anonymous-arm}.
         *
         * @param anonymousArm the arm's name, or null
         */
        public void setAnonymousArm(@Nullable String anonymousArm) {
            this.anonymousArm = anonymousArm;
        }
    }

    /** One arm: {@code tuneloop.routing.arms[i].name}, {@code .model}, {@code .weight}. */
    public static class ArmSettings {
        private String name = "";
        private String model = "";
        private int weight;

        /** Empty; bound from properties. */
        public ArmSettings() {}

        /**
         * The arm's name.
         *
         * @return the name
         */
        public String getName() {
            return name;
        }

        /**
         * Sets the name.
         *
         * @param name the name
         */
        public void setName(String name) {
            this.name = name;
        }

        /**
         * The model the arm's users get.
         *
         * @return the model id
         */
        public String getModel() {
            return model;
        }

        /**
         * Sets the model.
         *
         * @param model the model id
         */
        public void setModel(String model) {
            this.model = model;
        }

        /**
         * The arm's share in basis points (0-10000).
         *
         * @return the weight
         */
        public int getWeight() {
            return weight;
        }

        /**
         * Sets the weight.
         *
         * @param weight the weight
         */
        public void setWeight(int weight) {
            this.weight = weight;
        }
    }

    /** How the admin API is protected. */
    public enum AdminSecurity {
        /** {@code role} when Spring Security is on the classpath, else {@code token}. */
        AUTO,
        /** The host's authenticated user must have {@code tuneloop.admin.role}; no token is asked. */
        ROLE,
        /** Every API call needs {@code Authorization: Bearer <tuneloop.admin.token>}. */
        TOKEN
    }

    /** {@code tuneloop.admin.*}: the admin API and console on the application's own server. */
    public static class Admin {
        private boolean enabled = false;
        private String path = "/tuneloop";
        private AdminSecurity security = AdminSecurity.AUTO;
        private String role = "TUNELOOP_ADMIN";
        private @Nullable String token;
        private long maxBodyBytes = 1024 * 1024;

        /** Off by default. */
        public Admin() {}

        /**
         * Whether the admin API and console are served ({@code tuneloop.admin.enabled}, default false).
         *
         * @return the flag
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets {@code tuneloop.admin.enabled}.
         *
         * @param enabled the flag
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /**
         * The path they are served under ({@code tuneloop.admin.path}, default {@code /tuneloop}): the API at
         * {@code <path>/admin/}, the console at {@code <path>/admin/console/}.
         *
         * @return the path
         */
        public String getPath() {
            return path;
        }

        /**
         * Sets {@code tuneloop.admin.path}.
         *
         * @param path the path
         */
        public void setPath(String path) {
            this.path = path;
        }

        /**
         * How the API is protected ({@code tuneloop.admin.security}, default {@code auto}).
         *
         * @return the mode
         */
        public AdminSecurity getSecurity() {
            return security;
        }

        /**
         * Sets {@code tuneloop.admin.security}.
         *
         * @param security the mode
         */
        public void setSecurity(AdminSecurity security) {
            this.security = security;
        }

        /**
         * The role a user needs in {@code role} mode ({@code tuneloop.admin.role}, default {@code TUNELOOP_ADMIN},
         * checked with {@code HttpServletRequest.isUserInRole}, so Spring Security's authority {@code
         * ROLE_TUNELOOP_ADMIN}).
         *
         * @return the role
         */
        public String getRole() {
            return role;
        }

        /**
         * Sets {@code tuneloop.admin.role}.
         *
         * @param role the role
         */
        public void setRole(String role) {
            this.role = role;
        }

        /**
         * The bearer token in {@code token} mode ({@code tuneloop.admin.token}, at least 16 characters). A secret:
         * never logged or shown.
         *
         * @return the token, or null
         */
        public @Nullable String getToken() {
            return token;
        }

        /**
         * Sets {@code tuneloop.admin.token}.
         *
         * @param token the token
         */
        public void setToken(@Nullable String token) {
            this.token = token;
        }

        /**
         * The largest request body ({@code tuneloop.admin.max-body-bytes}, default 1 MiB).
         *
         * @return the size in bytes
         */
        public long getMaxBodyBytes() {
            return maxBodyBytes;
        }

        /**
         * Sets {@code tuneloop.admin.max-body-bytes}.
         *
         * @param maxBodyBytes the size in bytes
         */
        public void setMaxBodyBytes(long maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
        }

        @Override
        public String toString() {
            return "Admin[enabled=" + enabled + ", path=" + path + ", security=" + security + ", role=" + role
                    + ", token=" + (token == null ? "unset" : "(set)") + "]";
        }
    }

    /** {@code tuneloop.openai.*}: the OpenAI fine-tuning client, made when the key is set. */
    public static class OpenAi {
        private @Nullable String apiKey;
        private String baseUrl = "https://api.openai.com/v1";

        /** No key: no client. */
        public OpenAi() {}

        /**
         * The API key ({@code tuneloop.openai.api-key}); a secret, never logged or shown.
         *
         * @return the key, or null
         */
        public @Nullable String getApiKey() {
            return apiKey;
        }

        /**
         * Sets {@code tuneloop.openai.api-key}.
         *
         * @param apiKey the key
         */
        public void setApiKey(@Nullable String apiKey) {
            this.apiKey = apiKey;
        }

        /**
         * The API's base URL ({@code tuneloop.openai.base-url}, default OpenAI's).
         *
         * @return the URL
         */
        public String getBaseUrl() {
            return baseUrl;
        }

        /**
         * Sets {@code tuneloop.openai.base-url}.
         *
         * @param baseUrl the URL
         */
        public void setBaseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        @Override
        public String toString() {
            return "OpenAi[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "unset" : "(set)") + "]";
        }
    }

    /** {@code tuneloop.health.*}. */
    public static class Health {
        private Duration stuckJobAfter = Duration.ofDays(2);

        /** Defaults. */
        public Health() {}

        /**
         * A job not finished this long after its creation makes health DOWN ({@code
         * tuneloop.health.stuck-job-after}, default 2 days).
         *
         * @return the duration
         */
        public Duration getStuckJobAfter() {
            return stuckJobAfter;
        }

        /**
         * Sets {@code tuneloop.health.stuck-job-after}.
         *
         * @param stuckJobAfter the duration
         */
        public void setStuckJobAfter(Duration stuckJobAfter) {
            this.stuckJobAfter = stuckJobAfter;
        }
    }

    /** {@code tuneloop.metrics.*}. */
    public static class Metrics {
        private Duration refreshInterval = Duration.ofSeconds(30);

        /** Defaults. */
        public Metrics() {}

        /**
         * How long store-reading meters reuse one reading ({@code tuneloop.metrics.refresh-interval}, default 30s).
         *
         * @return the interval
         */
        public Duration getRefreshInterval() {
            return refreshInterval;
        }

        /**
         * Sets {@code tuneloop.metrics.refresh-interval}.
         *
         * @param refreshInterval the interval
         */
        public void setRefreshInterval(Duration refreshInterval) {
            this.refreshInterval = refreshInterval;
        }
    }

    /** {@code tuneloop.jobs.*}: the fine-tuning job watcher made when a fine-tuning client bean exists. */
    public static class Jobs {
        private boolean watch = true;
        private Duration rescanInterval = Duration.ofMinutes(1);
        private Duration initialInterval = JobWatcher.DEFAULT_INITIAL_INTERVAL;
        private Duration maxInterval = JobWatcher.DEFAULT_MAX_INTERVAL;
        private Duration stallAfter = JobWatcher.DEFAULT_STALL_AFTER;

        /** Defaults. */
        public Jobs() {}

        /**
         * Whether unfinished jobs are watched ({@code tuneloop.jobs.watch}, default true).
         *
         * @return the flag
         */
        public boolean isWatch() {
            return watch;
        }

        /**
         * Sets {@code tuneloop.jobs.watch}.
         *
         * @param watch the flag
         */
        public void setWatch(boolean watch) {
            this.watch = watch;
        }

        /**
         * How often the job store is scanned for unfinished jobs nobody watches yet, such as jobs launched through
         * the admin API or by another instance ({@code tuneloop.jobs.rescan-interval}, default 1m).
         *
         * @return the interval
         */
        public Duration getRescanInterval() {
            return rescanInterval;
        }

        /**
         * Sets {@code tuneloop.jobs.rescan-interval}.
         *
         * @param rescanInterval the interval
         */
        public void setRescanInterval(Duration rescanInterval) {
            this.rescanInterval = rescanInterval;
        }

        /**
         * The first poll delay and the delay after a status change ({@code tuneloop.jobs.initial-interval},
         * default 15s).
         *
         * @return the delay
         */
        public Duration getInitialInterval() {
            return initialInterval;
        }

        /**
         * Sets {@code tuneloop.jobs.initial-interval}.
         *
         * @param initialInterval the delay
         */
        public void setInitialInterval(Duration initialInterval) {
            this.initialInterval = initialInterval;
        }

        /**
         * The longest delay between polls ({@code tuneloop.jobs.max-interval}, default 5m).
         *
         * @return the delay
         */
        public Duration getMaxInterval() {
            return maxInterval;
        }

        /**
         * Sets {@code tuneloop.jobs.max-interval}.
         *
         * @param maxInterval the delay
         */
        public void setMaxInterval(Duration maxInterval) {
            this.maxInterval = maxInterval;
        }

        /**
         * How long a job may keep one status before it is reported as stalled ({@code tuneloop.jobs.stall-after},
         * default 6h).
         *
         * @return the duration
         */
        public Duration getStallAfter() {
            return stallAfter;
        }

        /**
         * Sets {@code tuneloop.jobs.stall-after}.
         *
         * @param stallAfter the duration
         */
        public void setStallAfter(Duration stallAfter) {
            this.stallAfter = stallAfter;
        }
    }
}
