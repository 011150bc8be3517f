package dev.tuneloop.tune;

import dev.tuneloop.errors.Checks;
import java.time.LocalDate;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One row of the {@link ModelLifecycle} calendar: until when a provider takes fine-tuning jobs for a base model, and
 * when the model and the models fine-tuned from it stop answering.
 *
 * <p>Dates are calendar days in UTC: job creation is closed from {@code jobCreationCloses} on, and the model answers
 * no more from {@code retires} on. A null date means the provider has announced none as of {@code asOf} (not a promise
 * that there will be none).
 *
 * @param provider          the provider id, as {@link FineTuneClient#provider()} names it, e.g. {@code "openai"}; 1-64
 *                          characters of {@code a-z 0-9 . _ -}
 * @param model             the base model id, e.g. {@code "gpt-4o-mini-2024-07-18"}, or {@link ModelLifecycle#ANY_MODEL}
 *                          for a date that applies to every model of the provider; at most 256 characters
 * @param jobCreationCloses the first day the provider refuses new fine-tuning jobs on the model; null when none is
 *                          announced
 * @param retires           the first day the model and its fine-tunes no longer answer; null when none is announced
 * @param sourceUrl         where the dates were read (http or https URL); never null
 * @param asOf              the day the dates were read; never null
 */
public record LifecycleEntry(
        String provider,
        String model,
        @Nullable LocalDate jobCreationCloses,
        @Nullable LocalDate retires,
        String sourceUrl,
        LocalDate asOf) {
    private static final Pattern PROVIDER = Pattern.compile("[a-z0-9._-]{1,64}");

    /**
     * Validates every part.
     *
     * @param provider          the provider id, e.g. {@code "openai"}; 1-64 characters of {@code a-z 0-9 . _ -}
     * @param model             the base model id, or {@link ModelLifecycle#ANY_MODEL}; at most 256 characters
     * @param jobCreationCloses the first day new jobs are refused; null when none is announced
     * @param retires           the first day the model no longer answers; null when none is announced
     * @param sourceUrl         where the dates were read (http or https URL)
     * @param asOf              the day the dates were read
     * @throws dev.tuneloop.errors.ValidationException listing every problem
     */
    public LifecycleEntry {
        Checks c = Checks.start();
        if (provider == null || !PROVIDER.matcher(provider).matches()) {
            c.add("provider must be 1-64 characters of a-z 0-9 . _ -, but was "
                    + (provider == null ? "null" : "\"" + provider + "\""));
        }
        c.text("model", model, true, 256)
                .text("sourceUrl", sourceUrl, true, 2048)
                .require(
                        sourceUrl == null || sourceUrl.startsWith("https://") || sourceUrl.startsWith("http://"),
                        "sourceUrl must be an http or https URL, but was \"" + sourceUrl + "\"")
                .require(asOf != null, "asOf is required, but was null")
                .require(
                        jobCreationCloses == null || retires == null || !retires.isBefore(jobCreationCloses),
                        "retires must not be before jobCreationCloses, but " + retires + " is before "
                                + jobCreationCloses)
                .orThrow();
    }

    /**
     * Whether the row is for every model of its provider.
     *
     * @return true when {@link #model()} is {@link ModelLifecycle#ANY_MODEL}
     */
    public boolean anyModel() {
        return ModelLifecycle.ANY_MODEL.equals(model);
    }

    /**
     * Whether the provider still takes jobs on the model on a day.
     *
     * @param day the day (UTC)
     * @return true unless job creation has closed on or before {@code day}
     */
    public boolean takesJobsOn(LocalDate day) {
        return jobCreationCloses == null || day.isBefore(jobCreationCloses);
    }
}
