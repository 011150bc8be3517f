package dev.tuneloop.tune;

import java.util.Objects;

/**
 * What a launch did.
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
        UploadedFile validationFile,
        ReadinessVerdict readiness) {
    public Launch {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(trainingFile, "trainingFile");
        Objects.requireNonNull(readiness, "readiness");
    }
}
