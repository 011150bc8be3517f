package dev.tuneloop.tune;

import dev.tuneloop.errors.Checks;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One row of the seed's version-tracking table (Version, Date, Examples, Base Model, Notes) with its lineage: the
 * exact dataset, the job that trained it, the fine-tuned model, the evaluation and when it was last deployed.
 *
 * <p>Stores build versions with {@link #builder(String, Instant, String, DatasetSnapshot)} and change one with
 * {@link #toBuilder()}, so adding a part later does not break them. Instants are truncated to the microsecond so every
 * store round-trips them exactly. Immutable and thread-safe.
 *
 * @param version        {@code "v1"}, {@code "v2"}, …; never null
 * @param createdAt      when it was started (kept to the microsecond); never null
 * @param baseModel      the base model; never null
 * @param dataset        the data it was trained on; never null
 * @param jobId          the job that trains it; null when trained outside a {@link FineTuneClient}
 * @param fineTunedModel the resulting model; null until the job succeeded
 * @param notes          free text; never null, may be empty
 * @param evaluation     the latest evaluation; null until evaluated
 * @param deployedAt     the last time it was deployed (kept to the microsecond); null when never
 * @param provider       the provider that trains and serves it ({@link FineTuneClient#provider()}, e.g.
 *                       {@code "openai"}); null when not recorded
 * @param parentVersion  the version whose exact dataset it was relaunched from
 *                       ({@link FineTuneLauncher#relaunch}); null when launched from fresh data
 * @param weightsUri     where the fine-tuned weights can be downloaded, when the provider offers a download
 *                       ({@link FineTuneClient#weights}, e.g. Together's); never holds a key; null otherwise
 */
public record ModelVersion(
        String version,
        Instant createdAt,
        String baseModel,
        DatasetSnapshot dataset,
        @Nullable String jobId,
        @Nullable String fineTunedModel,
        String notes,
        @Nullable EvaluationSummary evaluation,
        @Nullable Instant deployedAt,
        @Nullable String provider,
        @Nullable String parentVersion,
        @Nullable String weightsUri) {
    private static final Pattern NAME = Pattern.compile("v[1-9][0-9]{0,8}");

    /**
     * Validates every part and truncates the instants to the microsecond.
     *
     * @param version        {@code "v1"}, {@code "v2"}, …; never null
     * @param createdAt      when it was started (kept to the microsecond); never null
     * @param baseModel      the base model; never null
     * @param dataset        the data it was trained on; never null
     * @param jobId          the job that trains it; null when trained outside a {@link FineTuneClient}
     * @param fineTunedModel the resulting model; null until the job succeeded
     * @param notes          free text; never null, may be empty
     * @param evaluation     the latest evaluation; null until evaluated
     * @param deployedAt     the last time it was deployed (kept to the microsecond); null when never
     * @param provider       the provider that trains and serves it; null when not recorded
     * @param parentVersion  the version whose exact dataset it was relaunched from; null when none
     * @param weightsUri     where the weights can be downloaded; null when the provider offers no download
     * @throws dev.tuneloop.errors.ValidationException listing every problem
     */
    public ModelVersion {
        Checks c = Checks.start();
        if (version == null || !NAME.matcher(version).matches()) {
            c.add("version must be v1, v2, …, but was " + (version == null ? "null" : "\"" + version + "\""));
        }
        c.require(createdAt != null, "createdAt is required, but was null")
                .text("baseModel", baseModel, true, 256)
                .require(dataset != null, "dataset is required, but was null")
                .text("jobId", jobId, false, 256)
                .text("fineTunedModel", fineTunedModel, false, 512)
                .require(notes != null, "notes is required (use \"\"), but was null")
                .text("provider", provider, false, 64)
                .require(
                        parentVersion == null || NAME.matcher(parentVersion).matches(),
                        "parentVersion must be v1, v2, …, but was \"" + parentVersion + "\"")
                .require(
                        parentVersion == null || !parentVersion.equals(version),
                        "parentVersion must name another version, but was the version itself (" + version + ")")
                .text("weightsUri", weightsUri, false, 2048)
                .orThrow();
        createdAt = createdAt.truncatedTo(ChronoUnit.MICROS);
        deployedAt = deployedAt == null ? null : deployedAt.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * A version without provider or parent (the parts known before lineage across providers was recorded).
     *
     * @param version        {@code "v1"}, {@code "v2"}, …; never null
     * @param createdAt      when it was started (kept to the microsecond); never null
     * @param baseModel      the base model; never null
     * @param dataset        the data it was trained on; never null
     * @param jobId          the job that trains it; null when trained outside a {@link FineTuneClient}
     * @param fineTunedModel the resulting model; null until the job succeeded
     * @param notes          free text; never null, may be empty
     * @param evaluation     the latest evaluation; null until evaluated
     * @param deployedAt     the last time it was deployed (kept to the microsecond); null when never
     * @throws dev.tuneloop.errors.ValidationException listing every problem
     */
    public ModelVersion(
            String version,
            Instant createdAt,
            String baseModel,
            DatasetSnapshot dataset,
            @Nullable String jobId,
            @Nullable String fineTunedModel,
            String notes,
            @Nullable EvaluationSummary evaluation,
            @Nullable Instant deployedAt) {
        this(version, createdAt, baseModel, dataset, jobId, fineTunedModel, notes, evaluation, deployedAt, null, null);
    }

    /**
     * A version without a weights download (the parts known before downloads were recorded).
     *
     * @param version        {@code "v1"}, {@code "v2"}, …; never null
     * @param createdAt      when it was started (kept to the microsecond); never null
     * @param baseModel      the base model; never null
     * @param dataset        the data it was trained on; never null
     * @param jobId          the job that trains it; null when trained outside a {@link FineTuneClient}
     * @param fineTunedModel the resulting model; null until the job succeeded
     * @param notes          free text; never null, may be empty
     * @param evaluation     the latest evaluation; null until evaluated
     * @param deployedAt     the last time it was deployed (kept to the microsecond); null when never
     * @param provider       the provider that trains and serves it; null when not recorded
     * @param parentVersion  the version whose exact dataset it was relaunched from; null when none
     * @throws dev.tuneloop.errors.ValidationException listing every problem
     */
    public ModelVersion(
            String version,
            Instant createdAt,
            String baseModel,
            DatasetSnapshot dataset,
            @Nullable String jobId,
            @Nullable String fineTunedModel,
            String notes,
            @Nullable EvaluationSummary evaluation,
            @Nullable Instant deployedAt,
            @Nullable String provider,
            @Nullable String parentVersion) {
        this(
                version,
                createdAt,
                baseModel,
                dataset,
                jobId,
                fineTunedModel,
                notes,
                evaluation,
                deployedAt,
                provider,
                parentVersion,
                null);
    }

    /**
     * A builder for a version with its required parts; the others start empty (no job, model, evaluation or
     * deployment) and the notes as {@code ""}.
     *
     * @param version   the version name, {@code "v1"}, {@code "v2"}, …
     * @param createdAt when it was started
     * @param baseModel the base model
     * @param dataset   the data it is trained on
     * @return a new builder
     */
    public static Builder builder(String version, Instant createdAt, String baseModel, DatasetSnapshot dataset) {
        return new Builder(version, createdAt, baseModel, dataset);
    }

    /**
     * A builder holding this version's parts, to make a changed copy: {@code v.toBuilder().fineTunedModel(m).build()}.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder(version, createdAt, baseModel, dataset)
                .jobId(jobId)
                .fineTunedModel(fineTunedModel)
                .notes(notes)
                .evaluation(evaluation)
                .deployedAt(deployedAt)
                .provider(provider)
                .parentVersion(parentVersion)
                .weightsUri(weightsUri);
    }

    /**
     * The version name for a number.
     *
     * @param number the version number, &ge; 1
     * @return {@code "v" + number}, e.g. 1 → {@code "v1"}
     * @throws IllegalArgumentException when {@code number} is less than 1
     */
    public static String name(int number) {
        if (number < 1) {
            throw new IllegalArgumentException("version number must be >= 1, but was " + number);
        }
        return "v" + number;
    }

    /**
     * The number of a version name.
     *
     * @param version a version name such as {@code "v12"}
     * @return its number, e.g. 12
     * @throws IllegalArgumentException when {@code version} is not {@code v} followed by a number &ge; 1
     */
    public static int number(String version) {
        if (version == null || !NAME.matcher(version).matches()) {
            throw new IllegalArgumentException(
                    "version must be v1, v2, …, but was " + (version == null ? "null" : "\"" + version + "\""));
        }
        return Integer.parseInt(version.substring(1));
    }

    /**
     * This version's number.
     *
     * @return the number in {@link #version()}, e.g. 2 for {@code "v2"}
     */
    public int number() {
        return number(version);
    }

    /**
     * How many examples it was trained on.
     *
     * @return the dataset's example count
     */
    public int exampleCount() {
        return dataset.exampleCount();
    }

    /**
     * The fine-tuned model, once known.
     *
     * @return the model, or empty while the job has not succeeded
     */
    public Optional<String> model() {
        return Optional.ofNullable(fineTunedModel);
    }

    /**
     * The latest evaluation, once evaluated.
     *
     * @return the evaluation, or empty before the first one
     */
    public Optional<EvaluationSummary> evaluated() {
        return Optional.ofNullable(evaluation);
    }

    /**
     * Builds a {@link ModelVersion}; {@link #build()} validates the parts as the record does. Not thread-safe; use one
     * builder per version.
     */
    public static final class Builder {
        private final String version;
        private final Instant createdAt;
        private final String baseModel;
        private final DatasetSnapshot dataset;
        private @Nullable String jobId;
        private @Nullable String fineTunedModel;
        private String notes = "";
        private @Nullable EvaluationSummary evaluation;
        private @Nullable Instant deployedAt;
        private @Nullable String provider;
        private @Nullable String parentVersion;
        private @Nullable String weightsUri;

        private Builder(String version, Instant createdAt, String baseModel, DatasetSnapshot dataset) {
            this.version = version;
            this.createdAt = createdAt;
            this.baseModel = baseModel;
            this.dataset = dataset;
        }

        /**
         * The job that trains the version (default none).
         *
         * @param jobId the provider's job id; null when trained outside a {@link FineTuneClient}
         * @return this builder
         */
        public Builder jobId(@Nullable String jobId) {
            this.jobId = jobId;
            return this;
        }

        /**
         * The model the job produced (default none).
         *
         * @param fineTunedModel the fine-tuned model's name; null while unknown
         * @return this builder
         */
        public Builder fineTunedModel(@Nullable String fineTunedModel) {
            this.fineTunedModel = fineTunedModel;
            return this;
        }

        /**
         * Free text for the version table (default {@code ""}).
         *
         * @param notes the notes; must not be null
         * @return this builder
         */
        public Builder notes(String notes) {
            this.notes = notes;
            return this;
        }

        /**
         * The latest evaluation (default none).
         *
         * @param evaluation the evaluation; null when not evaluated
         * @return this builder
         */
        public Builder evaluation(@Nullable EvaluationSummary evaluation) {
            this.evaluation = evaluation;
            return this;
        }

        /**
         * When the version was last deployed (default never).
         *
         * @param deployedAt the deployment time; null when never deployed
         * @return this builder
         */
        public Builder deployedAt(@Nullable Instant deployedAt) {
            this.deployedAt = deployedAt;
            return this;
        }

        /**
         * The provider that trains and serves the version (default not recorded).
         *
         * @param provider the provider id, e.g. {@code "openai"}; null when not recorded
         * @return this builder
         */
        public Builder provider(@Nullable String provider) {
            this.provider = provider;
            return this;
        }

        /**
         * The version whose exact dataset this one was relaunched from (default none).
         *
         * @param parentVersion the parent's name, e.g. {@code "v2"}; null when none
         * @return this builder
         */
        public Builder parentVersion(@Nullable String parentVersion) {
            this.parentVersion = parentVersion;
            return this;
        }

        /**
         * Where the fine-tuned weights can be downloaded (default none).
         *
         * @param weightsUri the download address, holding no key; null when the provider offers no download
         * @return this builder
         */
        public Builder weightsUri(@Nullable String weightsUri) {
            this.weightsUri = weightsUri;
            return this;
        }

        /**
         * Builds the version.
         *
         * @return the validated version
         * @throws dev.tuneloop.errors.ValidationException listing every problem
         */
        public ModelVersion build() {
            return new ModelVersion(
                    version,
                    createdAt,
                    baseModel,
                    dataset,
                    jobId,
                    fineTunedModel,
                    notes,
                    evaluation,
                    deployedAt,
                    provider,
                    parentVersion,
                    weightsUri);
        }
    }
}
