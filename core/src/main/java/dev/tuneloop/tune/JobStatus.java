package dev.tuneloop.tune;

import java.util.Locale;

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

    /** The provider's spelling ({@code "validating_files"}, …); {@code "unknown"} for {@link #UNKNOWN}. */
    public String wire() {
        return wire;
    }

    /** True for SUCCEEDED, FAILED and CANCELLED: the job will not change any more. */
    public boolean isTerminal() {
        return terminal;
    }

    /**
     * The status for a provider's status text, case-insensitive; {@link #UNKNOWN} for any text it does not know
     * (including {@code null} and {@code "unknown"} itself). Never throws.
     */
    public static JobStatus fromWire(String raw) {
        if (raw == null) {
            return UNKNOWN;
        }
        String s = raw.trim().toLowerCase(Locale.ROOT);
        for (JobStatus status : values()) {
            if (status != UNKNOWN && status.wire.equals(s)) {
                return status;
            }
        }
        // "canceled" is the US spelling some providers use
        return "canceled".equals(s) ? CANCELLED : UNKNOWN;
    }
}
