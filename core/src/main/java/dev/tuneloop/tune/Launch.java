package dev.tuneloop.tune;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a launch did. Immutable.
 *
 * @param job            the created job, as the provider returned it; never null
 * @param version        the pending model version recorded for it (with the dataset snapshot); never null
 * @param trainingFile   the uploaded training file; never null
 * @param validationFile the uploaded validation file; null when none
 * @param readiness      the readiness verdict at launch time (with failures when forced); never null
 */
public record Launch(
        FineTuneJob job,
        ModelVersion version,
        UploadedFile trainingFile,
        @Nullable UploadedFile validationFile,
        ReadinessVerdict readiness) {
    /**
     * Checks that the required parts are there.
     *
     * @param job            the created job, as the provider returned it; never null
     * @param version        the pending model version recorded for it (with the dataset snapshot); never null
     * @param trainingFile   the uploaded training file; never null
     * @param validationFile the uploaded validation file; null when none
     * @param readiness      the readiness verdict at launch time (with failures when forced); never null
     * @throws NullPointerException naming the first missing part
     */
    public Launch {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(trainingFile, "trainingFile");
        Objects.requireNonNull(readiness, "readiness");
    }
}
