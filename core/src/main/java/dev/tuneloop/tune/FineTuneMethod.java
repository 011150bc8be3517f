package dev.tuneloop.tune;

/** How a model is fine-tuned: on demonstrations, or on preference pairs (or, read-only, with reinforcement). */
public enum FineTuneMethod {
    /** Supervised fine-tuning on chat transcripts ({@code {"messages": [...]}} lines). */
    SUPERVISED("supervised"),
    /**
     * Direct preference optimisation on pairs ({@code input} / {@code preferred_output} /
     * {@code non_preferred_output} lines).
     */
    DPO("dpo"),
    /**
     * Reinforcement fine-tuning with graders. Read-only here: jobs made elsewhere are reported with it, but
     * {@link FineTuneRequest} does not create them (graders are outside Tuneloop's scope).
     */
    REINFORCEMENT("reinforcement");

    private final String wire;

    FineTuneMethod(String wire) {
        this.wire = wire;
    }

    /**
     * The provider's spelling.
     *
     * @return {@code "supervised"}, {@code "dpo"} or {@code "reinforcement"}
     */
    public String wire() {
        return wire;
    }
}
