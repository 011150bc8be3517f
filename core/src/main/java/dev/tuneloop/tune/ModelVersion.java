package dev.tuneloop.tune;

import dev.tuneloop.internal.Checks;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One row of the seed's version-tracking table (Version, Date, Examples, Base Model, Notes) with its lineage: the
 * exact dataset, the job that trained it, the fine-tuned model, the evaluation and when it was last deployed.
 *
 * @param version        {@code "v1"}, {@code "v2"}, …; never null
 * @param createdAt      when it was started; never null
 * @param baseModel      the base model; never null
 * @param dataset        the data it was trained on; never null
 * @param jobId          the job that trains it; null when trained outside a {@link FineTuneClient}
 * @param fineTunedModel the resulting model; null until the job succeeded
 * @param notes          free text; never null
 * @param evaluation     the latest evaluation; null until evaluated
 * @param deployedAt     the last time it was deployed; null when never
 */
public record ModelVersion(
        String version,
        Instant createdAt,
        String baseModel,
        DatasetSnapshot dataset,
        String jobId,
        String fineTunedModel,
        String notes,
        EvaluationSummary evaluation,
        Instant deployedAt) {
    private static final Pattern NAME = Pattern.compile("v[1-9][0-9]{0,8}");

    /** @throws dev.tuneloop.errors.ValidationException listing every problem */
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
                .orThrow();
        createdAt = createdAt.truncatedTo(ChronoUnit.MICROS);
        deployedAt = deployedAt == null ? null : deployedAt.truncatedTo(ChronoUnit.MICROS);
    }

    /** The version for {@code number}: 1 → {@code "v1"}. @throws IllegalArgumentException when number &lt; 1 */
    public static String name(int number) {
        if (number < 1) {
            throw new IllegalArgumentException("version number must be >= 1, but was " + number);
        }
        return "v" + number;
    }

    /** The number of a version name: {@code "v12"} → 12. @throws IllegalArgumentException for other text */
    public static int number(String version) {
        if (version == null || !NAME.matcher(version).matches()) {
            throw new IllegalArgumentException(
                    "version must be v1, v2, …, but was " + (version == null ? "null" : "\"" + version + "\""));
        }
        return Integer.parseInt(version.substring(1));
    }

    /** This version's number. */
    public int number() {
        return number(version);
    }

    /** How many examples it was trained on. */
    public int exampleCount() {
        return dataset.exampleCount();
    }

    /** The fine-tuned model, once known. */
    public Optional<String> model() {
        return Optional.ofNullable(fineTunedModel);
    }

    /** The latest evaluation, once evaluated. */
    public Optional<EvaluationSummary> evaluated() {
        return Optional.ofNullable(evaluation);
    }
}
