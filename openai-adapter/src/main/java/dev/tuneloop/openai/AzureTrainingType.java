package dev.tuneloop.openai;

/**
 * Where Azure OpenAI runs a fine-tuning job, sent as the top-level {@code trainingType} field of the create request
 * (Azure's extension of the OpenAI body; OpenAI itself does not know the field).
 *
 * <ul>
 *   <li>{@link #STANDARD}: in the resource's own region (data stays there).</li>
 *   <li>{@link #GLOBAL_STANDARD}: in any region Azure picks, at a lower per-token price; the only type for the open
 *       models Azure fine-tunes (Ministral-3B, Qwen-32B, Llama-3.3-70B-Instruct, gpt-oss-20b).</li>
 *   <li>{@link #DEVELOPER}: the developer tier (OpenAI models only): cheapest, no data residency, for
 *       experiments.</li>
 * </ul>
 */
public enum AzureTrainingType {
    /** Regional training: {@code "standard"}. */
    STANDARD("standard"),
    /** Global training: {@code "globalstandard"}. */
    GLOBAL_STANDARD("globalstandard"),
    /** Developer tier: {@code "developerTier"}. */
    DEVELOPER("developerTier");

    private final String wire;

    AzureTrainingType(String wire) {
        this.wire = wire;
    }

    /**
     * The value sent in {@code trainingType}.
     *
     * @return e.g. {@code "globalstandard"}
     */
    public String wire() {
        return wire;
    }
}
