package dev.tuneloop.tune;

import dev.tuneloop.internal.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
    private final String jobId;
    private final Class<T> type;

    private Listing(Kind kind, String jobId, Class<T> type) {
        this.kind = kind;
        this.jobId = jobId;
        this.type = type;
    }

    /** A job's events, oldest first. @throws dev.tuneloop.errors.ValidationException when {@code jobId} is blank */
    public static Listing<JobEvent> events(String jobId) {
        return new Listing<>(Kind.EVENTS, checked(jobId), JobEvent.class);
    }

    /** A job's checkpoints, lowest step first. @throws dev.tuneloop.errors.ValidationException when {@code jobId} is blank */
    public static Listing<Checkpoint> checkpoints(String jobId) {
        return new Listing<>(Kind.CHECKPOINTS, checked(jobId), Checkpoint.class);
    }

    /** Every model the account can use. */
    public static Listing<ModelInfo> models() {
        return new Listing<>(Kind.MODELS, null, ModelInfo.class);
    }

    /** Every fine-tuning job of the account, newest first. */
    public static Listing<FineTuneJob> jobs() {
        return new Listing<>(Kind.JOBS, null, FineTuneJob.class);
    }

    private static String checked(String jobId) {
        Checks.start().text("jobId", jobId, true, 256).orThrow();
        return jobId;
    }

    public Kind kind() {
        return kind;
    }

    /** The job the list belongs to; empty for {@link Kind#MODELS} and {@link Kind#JOBS}. */
    public Optional<String> jobId() {
        return Optional.ofNullable(jobId);
    }

    /** The job id of a per-job listing. @throws IllegalStateException for MODELS and JOBS */
    public String requireJobId() {
        if (jobId == null) {
            throw new IllegalStateException("listing " + kind + " has no job id");
        }
        return jobId;
    }

    /** The element type. */
    public Class<T> type() {
        return type;
    }

    /**
     * An unmodifiable copy of {@code items} typed for this listing.
     *
     * @throws ClassCastException naming the element, when an item is not a {@link #type()}
     */
    public List<T> cast(List<?> items) {
        List<T> out = new ArrayList<>(items.size());
        for (Object item : items) {
            out.add(type.cast(Objects.requireNonNull(item, "listing item")));
        }
        return List.copyOf(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Listing<?> l && l.kind == kind && Objects.equals(l.jobId, jobId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, jobId);
    }

    @Override
    public String toString() {
        return jobId == null ? kind.name() : kind + "(" + jobId + ")";
    }
}
