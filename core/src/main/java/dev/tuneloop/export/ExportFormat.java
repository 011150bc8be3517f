package dev.tuneloop.export;

/** The shape of each exported line. */
public enum ExportFormat {
    /** Supervised fine-tuning: {@code {"messages":[system, prior turns…, user, assistant]}}. */
    SUPERVISED,
    /**
     * Preference pairs (DPO), from examples whose training response differs from the original:
     * {@code {"input":{"messages":[…]},"preferred_output":[{"role":"assistant","content":EDITED}],
     * "non_preferred_output":[{"role":"assistant","content":ORIGINAL}]}}.
     */
    PREFERENCE
}
