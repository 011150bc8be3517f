package dev.tuneloop.tune;

/** How a model is fine-tuned: on demonstrations, or on preference pairs. */
public enum FineTuneMethod {
    /** Supervised fine-tuning on chat transcripts ({@code {"messages": [...]}} lines). */
    SUPERVISED("supervised"),
    /**
     * Direct preference optimisation on pairs ({@code input} / {@code preferred_output} /
     * {@code non_preferred_output} lines).
     */
    DPO("dpo");

    private final String wire;

    FineTuneMethod(String wire) {
        this.wire = wire;
    }

    /** The provider's spelling: {@code "supervised"} or {@code "dpo"}. */
    public String wire() {
        return wire;
    }
}
