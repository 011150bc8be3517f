package dev.tuneloop.export;

/**
 * The shape of each exported line: the preset a trainer reads. {@link #SUPERVISED} and {@link #PREFERENCE} are
 * OpenAI's two formats; the others are TRL's (also read by Unsloth, Axolotl and LLaMA-Factory with the sidecars of
 * {@code TrainerSidecars}) and Vertex AI Gemini's; {@link #CHAT_PREFERENCE} is the pair layout of Axolotl and
 * LLaMA-Factory, {@link #CHAT_KTO} LLaMA-Factory's KTO layout. OpenAI-only keys (per-message {@code weight}) never appear in the
 * other presets. TRL and chat-preference lines carry the example id in an {@value #EXAMPLE_ID_COLUMN} column, which the trainers ignore;
 * Gemini and OpenAI lines carry no id (their services check the schema), so use
 * {@link ExportOptions.Builder#onWritten} for their lineage.
 */
public enum ExportFormat {
    /** OpenAI supervised fine-tuning: {@code {"messages":[system, prior turns…, user, assistant]}}. */
    SUPERVISED,
    /**
     * OpenAI preference pairs (DPO), from examples whose training response differs from the original:
     * {@code {"input":{"messages":[…]},"preferred_output":[{"role":"assistant","content":EDITED}],
     * "non_preferred_output":[{"role":"assistant","content":ORIGINAL}]}}.
     */
    PREFERENCE,
    /**
     * TRL supervised fine-tuning, conversational prompt/completion: {@code {"prompt":[system, prior turns…, user],
     * "completion":[{"role":"assistant","content":GOLD}],"example_id":ID}}. TRL computes the loss on the completion
     * only, so the model learns the gold answer and not the user turns.
     */
    TRL_SFT,
    /**
     * TRL DPO, conversational with an explicit prompt: {@code {"prompt":[…],"chosen":[{"role":"assistant",
     * "content":EDITED}],"rejected":[{"role":"assistant","content":ORIGINAL}],"example_id":ID}}, from examples whose
     * training response differs from the original.
     */
    TRL_DPO,
    /**
     * TRL KTO (unpaired preference): {@code {"prompt":[…],"completion":[{"role":"assistant","content":…}],
     * "label":true|false,"example_id":ID}}. Every exported example gives a {@code true} line with its training
     * response (the approved gold answer); an example whose original answer was replaced by an edit also gives a
     * {@code false} line with that original, right after. Labels are JSON booleans.
     */
    TRL_KTO,
    /**
     * Vertex AI Gemini supervised tuning: {@code {"systemInstruction":{"parts":[{"text":SYSTEM}]},"contents":[
     * {"role":"user","parts":[{"text":…}]}, …, {"role":"model","parts":[{"text":GOLD}]}]}}. Prior assistant turns
     * become {@code model} turns; the system prompt is left out when there is none. A tool-calling example has its
     * calls as {@code {"functionCall":{"name":…,"args":{…}}}} parts of a {@code model} turn, their results as
     * {@code {"functionResponse":{"name":…,"response":{…}}}} parts of the next {@code user} turn (a result that is not
     * a JSON object wrapped as {@code {"content":…}}), and {@code "tools":[{"functionDeclarations":[…]}]}; an example
     * calling a tool it does not declare is skipped.
     */
    GEMINI_SFT,
    /**
     * Vertex AI Gemini preference tuning: {@code {"system_instruction":{"parts":[{"text":SYSTEM}]},"contents":[…,
     * user turn],"completions":[{"score":1,"completion":{"role":"model","parts":[{"text":EDITED}]}},{"score":0,
     * "completion":{"role":"model","parts":[{"text":ORIGINAL}]}}]}}, from examples whose training response differs
     * from the original.
     */
    GEMINI_PREFERENCE,
    /**
     * Chat preference pairs with single-message answers, the layout Axolotl's DPO {@code chat_template.default} and
     * LLaMA-Factory's sharegpt {@code ranking} datasets read: {@code {"messages":[system?, prior turns…, user],
     * "chosen":{"role":"assistant","content":EDITED},"rejected":{"role":"assistant","content":ORIGINAL},
     * "example_id":ID}}, from the same pairs as {@link #TRL_DPO}. Use it with the sidecars of {@code TrainerSidecars}.
     */
    CHAT_PREFERENCE,
    /**
     * KTO lines as one conversation with the answer last, the layout LLaMA-Factory's sharegpt KTO datasets read
     * ({@code kto_tag} names the label column): {@code {"messages":[system?, prior turns…, user,
     * {"role":"assistant","content":ANSWER}],"label":true|false,"example_id":ID}}. The same lines, labels and order
     * as {@link #TRL_KTO} (also the rated interactions of {@link ExportOptions.Builder#includeRatedInteractions}),
     * with TRL's {@code prompt} and {@code completion} joined; the trainer splits the last message off as the answer.
     */
    CHAT_KTO;

    /** The column of TRL lines holding the example id, for lineage; trainers ignore it: {@value}. */
    public static final String EXAMPLE_ID_COLUMN = "example_id";

    /**
     * Whether lines of this preset are pairs: an example without a preference pair (training response equal to the
     * original) is skipped as {@link SkipReason#NO_PREFERENCE_PAIR}.
     *
     * @return true for {@link #PREFERENCE}, {@link #TRL_DPO}, {@link #GEMINI_PREFERENCE} and {@link #CHAT_PREFERENCE}
     */
    public boolean needsPreferencePair() {
        return this == PREFERENCE || this == TRL_DPO || this == GEMINI_PREFERENCE || this == CHAT_PREFERENCE;
    }

    /**
     * Whether lines of this preset are KTO lines: unpaired answers with a boolean {@code label}, balance reported.
     *
     * @return true for {@link #TRL_KTO} and {@link #CHAT_KTO}
     */
    public boolean isKto() {
        return this == TRL_KTO || this == CHAT_KTO;
    }

    /**
     * Whether this is one of OpenAI's formats, which the validator recognizes by shape when built for no format.
     *
     * @return true for {@link #SUPERVISED} and {@link #PREFERENCE}
     */
    public boolean isOpenAi() {
        return this == SUPERVISED || this == PREFERENCE;
    }

    /**
     * Whether this is one of TRL's formats (also read by Unsloth, Axolotl and LLaMA-Factory).
     *
     * @return true for {@link #TRL_SFT}, {@link #TRL_DPO} and {@link #TRL_KTO}
     */
    public boolean isTrl() {
        return this == TRL_SFT || this == TRL_DPO || this == TRL_KTO;
    }

    /**
     * Whether this is one of Vertex AI Gemini's formats.
     *
     * @return true for {@link #GEMINI_SFT} and {@link #GEMINI_PREFERENCE}
     */
    public boolean isGemini() {
        return this == GEMINI_SFT || this == GEMINI_PREFERENCE;
    }

    /**
     * A short file-name stem for this preset, e.g. {@code "trl-sft"} for {@code trl-sft.jsonl}.
     *
     * @return the stem: {@code openai-sft}, {@code openai-dpo}, {@code trl-sft}, {@code trl-dpo}, {@code trl-kto},
     *     {@code gemini-sft}, {@code gemini-preference}, {@code chat-preference} or {@code chat-kto}
     */
    public String fileStem() {
        return switch (this) {
            case SUPERVISED -> "openai-sft";
            case PREFERENCE -> "openai-dpo";
            case TRL_SFT -> "trl-sft";
            case TRL_DPO -> "trl-dpo";
            case TRL_KTO -> "trl-kto";
            case GEMINI_SFT -> "gemini-sft";
            case GEMINI_PREFERENCE -> "gemini-preference";
            case CHAT_PREFERENCE -> "chat-preference";
            case CHAT_KTO -> "chat-kto";
        };
    }
}
