package dev.tuneloop.export;

/** Why an approved example was not written to a training export. */
public enum SkipReason {
    /** Scored below the export's minimum (scores 1-4 are never exported, whatever minimum is asked for). */
    LOW_QUALITY,
    /** In the frozen evaluation holdout. */
    HOLDOUT,
    /** A training example that is a near-duplicate of a holdout example (it would leak the evaluation set). */
    HOLDOUT_NEAR_DUPLICATE,
    /** A preference export, and the training response equals the original (no pair to make). */
    NO_PREFERENCE_PAIR,
    /** Outside the categories or review dates asked for, or past the limit. */
    FILTERED,
    /**
     * The example (or rated interaction) holds a tool-calling exchange, in its steps or its prior turns, and the
     * preset cannot carry it: written as text only, its answer would state what the tools fetched without the calls
     * that fetched it.
     */
    TOOL_CALLS_NOT_SUPPORTED
}
