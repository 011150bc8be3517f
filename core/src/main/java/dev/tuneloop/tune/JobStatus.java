package dev.tuneloop.tune;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Where a fine-tuning job is in its life. The provider may add statuses later (OpenAI has added pausing before);
 * those map to {@link #UNKNOWN} while the provider's own word is kept in {@link FineTuneJob#rawStatus()}, so a new
 * status never makes reading a job fail.
 */
public enum JobStatus {
    /** The provider is checking the uploaded files. */
    VALIDATING_FILES("validating_files", false),
    /** Accepted, waiting for capacity. */
    QUEUED("queued", false),
    /** Training. */
    RUNNING("running", false),
    /** Done; {@link FineTuneJob#fineTunedModel()} names the new model. */
    SUCCEEDED("succeeded", true),
    /** Stopped with an error; {@link FineTuneJob#errorCode()} and {@link FineTuneJob#errorMessage()} say why. */
    FAILED("failed", true),
    /** Cancelled by a caller. */
    CANCELLED("cancelled", true),
    /** A status this version of Tuneloop does not know; treated as still in progress. */
    UNKNOWN("unknown", false);

    private final String wire;
    private final boolean terminal;

    JobStatus(String wire, boolean terminal) {
        this.wire = wire;
        this.terminal = terminal;
    }

    /**
     * The provider's spelling.
     *
     * @return e.g. {@code "validating_files"}; {@code "unknown"} for {@link #UNKNOWN}
     */
    public String wire() {
        return wire;
    }

    /**
     * Whether a job in this status will not change any more.
     *
     * @return true for SUCCEEDED, FAILED and CANCELLED
     */
    public boolean isTerminal() {
        return terminal;
    }

    /**
     * The status for a provider's status text, case-insensitive; {@link #UNKNOWN} for any text it does not know
     * (including {@code null} and {@code "unknown"} itself). Never throws. The US spelling {@code "canceled"} is
     * {@link #CANCELLED}. Other providers' words for the same states are read too (Together AI's
     * {@code FinetuneJobStatus}): {@code pending} is QUEUED; {@code compressing}, {@code uploading} (the weights, after
     * training) and {@code cancel_requested} (not stopped yet) are RUNNING; {@code completed} is SUCCEEDED;
     * {@code error} and {@code user_error} are FAILED.
     *
     * @param raw the provider's text; may be null
     * @return the status; never null
     */
    public static JobStatus fromWire(@Nullable String raw) {
        if (raw == null) {
            return UNKNOWN;
        }
        String s = raw.trim().toLowerCase(Locale.ROOT);
        for (JobStatus status : values()) {
            if (status != UNKNOWN && status.wire.equals(s)) {
                return status;
            }
        }
        return switch (s) {
            // "canceled" is the US spelling some providers use
            case "canceled" -> CANCELLED;
            // Together AI's statuses (its OpenAPI spec's FinetuneJobStatus, plus user_error from its SDKs)
            case "pending" -> QUEUED;
            case "compressing", "uploading", "cancel_requested" -> RUNNING;
            case "completed" -> SUCCEEDED;
            case "error", "user_error" -> FAILED;
            default -> UNKNOWN;
        };
    }
}
