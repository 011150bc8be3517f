package dev.tuneloop.tune;

import dev.tuneloop.errors.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Names one of the lists a {@link FineTuneClient} can read, with the element type it returns. This lets a client
 * implement every listing in one method, {@link FineTuneClient#list(Listing)}, while callers use the typed
 * conveniences ({@link FineTuneClient#events(String)}, …).
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> the element type of the list
 */
public final class Listing<T> {

    /** Which list. */
    public enum Kind {
        /** A job's events, oldest first. */
        EVENTS,
        /** A job's checkpoints, oldest (lowest step) first. */
        CHECKPOINTS,
        /** Every model the account can use. */
        MODELS,
        /** Every fine-tuning job of the account, newest first. */
        JOBS
    }

    private final Kind kind;
    private final @Nullable String jobId;
    private final Class<T> type;

    private Listing(Kind kind, @Nullable String jobId, Class<T> type) {
        this.kind = kind;
        this.jobId = jobId;
        this.type = type;
    }

    /**
     * A job's events, oldest first.
     *
     * @param jobId the provider's job id
     * @return the listing
     * @throws dev.tuneloop.errors.ValidationException when {@code jobId} is null, blank or too long
     */
    public static Listing<JobEvent> events(String jobId) {
        return new Listing<>(Kind.EVENTS, checked(jobId), JobEvent.class);
    }

    /**
     * A job's checkpoints, lowest step first.
     *
     * @param jobId the provider's job id
     * @return the listing
     * @throws dev.tuneloop.errors.ValidationException when {@code jobId} is null, blank or too long
     */
    public static Listing<Checkpoint> checkpoints(String jobId) {
        return new Listing<>(Kind.CHECKPOINTS, checked(jobId), Checkpoint.class);
    }

    /**
     * Every model the account can use.
     *
     * @return the listing
     */
    public static Listing<ModelInfo> models() {
        return new Listing<>(Kind.MODELS, null, ModelInfo.class);
    }

    /**
     * Every fine-tuning job of the account, newest first.
     *
     * @return the listing
     */
    public static Listing<FineTuneJob> jobs() {
        return new Listing<>(Kind.JOBS, null, FineTuneJob.class);
    }

    private static String checked(String jobId) {
        Checks.start().text("jobId", jobId, true, 256).orThrow();
        return jobId;
    }

    /**
     * Which list this is.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * The job the list belongs to.
     *
     * @return the job id; empty for {@link Kind#MODELS} and {@link Kind#JOBS}
     */
    public Optional<String> jobId() {
        return Optional.ofNullable(jobId);
    }

    /**
     * The job id of a per-job listing.
     *
     * @return the job id
     * @throws IllegalStateException for MODELS and JOBS
     */
    public String requireJobId() {
        if (jobId == null) {
            throw new IllegalStateException("listing " + kind + " has no job id");
        }
        return jobId;
    }

    /**
     * The element type.
     *
     * @return the class of the list's elements
     */
    public Class<T> type() {
        return type;
    }

    /**
     * An unmodifiable copy of {@code items} typed for this listing.
     *
     * @param items the items a client read
     * @return the typed copy
     * @throws NullPointerException when an item is null
     * @throws ClassCastException   when an item is not a {@link #type()}
     */
    public List<T> cast(List<?> items) {
        List<T> out = new ArrayList<>(items.size());
        for (Object item : items) {
            out.add(type.cast(Objects.requireNonNull(item, "listing item")));
        }
        return List.copyOf(out);
    }

    /** Listings are equal when they name the same list of the same job. */
    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Listing<?> l && l.kind == kind && Objects.equals(l.jobId, jobId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, jobId);
    }

    /** The kind, with the job id for per-job listings, e.g. {@code "EVENTS(ftjob-1)"}. */
    @Override
    public String toString() {
        return jobId == null ? kind.name() : kind + "(" + jobId + ")";
    }
}
