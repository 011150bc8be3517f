package dev.tuneloop.tune;

import dev.tuneloop.errors.Checks;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * What is known about a model version when its job is launched; the registry gives it the next version name
 * ({@code v1}, {@code v2}, …) in {@link ModelRegistry#register(NewModelVersion)}.
 *
 * @param createdAt when the version was started (kept to the microsecond); never null
 * @param baseModel the base model; never null
 * @param dataset   the data it is trained on; never null
 * @param jobId     the fine-tuning job that makes it; null when trained outside a {@link FineTuneClient}
 * @param notes     free text for the version table ("Added SBC examples"); never null, may be empty
 * @param provider  the provider that trains it ({@link FineTuneClient#provider()}); null when not recorded
 * @param parentVersion the version whose exact dataset it relaunches; null when launched from fresh data
 */
public record NewModelVersion(
        Instant createdAt,
        String baseModel,
        DatasetSnapshot dataset,
        @Nullable String jobId,
        String notes,
        @Nullable String provider,
        @Nullable String parentVersion) {
    /**
     * Validates every part and truncates {@code createdAt} to the microsecond.
     *
     * @param createdAt when the version was started (kept to the microsecond); never null
     * @param baseModel the base model; never null
     * @param dataset   the data it is trained on; never null
     * @param jobId     the fine-tuning job that makes it; null when trained outside a {@link FineTuneClient}
     * @param notes     free text for the version table ("Added SBC examples"); never null, may be empty
     * @param provider  the provider that trains it; null when not recorded
     * @param parentVersion the version whose exact dataset it relaunches; null when none
     * @throws dev.tuneloop.errors.ValidationException listing every problem
     */
    public NewModelVersion {
        Checks.start()
                .require(createdAt != null, "createdAt is required, but was null")
                .text("baseModel", baseModel, true, 256)
                .require(dataset != null, "dataset is required, but was null")
                .text("jobId", jobId, false, 256)
                .text("notes", notes, false, 4096)
                .require(notes != null, "notes is required (use \"\"), but was null")
                .text("provider", provider, false, 64)
                .require(
                        parentVersion == null || parentVersion.matches("v[1-9][0-9]{0,8}"),
                        "parentVersion must be v1, v2, …, but was \"" + parentVersion + "\"")
                .orThrow();
        createdAt = createdAt.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * A version without provider or parent.
     *
     * @param createdAt when the version was started (kept to the microsecond); never null
     * @param baseModel the base model; never null
     * @param dataset   the data it is trained on; never null
     * @param jobId     the fine-tuning job that makes it; null when trained outside a {@link FineTuneClient}
     * @param notes     free text for the version table; never null, may be empty
     * @throws dev.tuneloop.errors.ValidationException listing every problem
     */
    public NewModelVersion(
            Instant createdAt, String baseModel, DatasetSnapshot dataset, @Nullable String jobId, String notes) {
        this(createdAt, baseModel, dataset, jobId, notes, null, null);
    }
}
