package dev.tuneloop.export;

import dev.tuneloop.errors.ValidationException;

/**
 * The file formats {@link ExampleImporter} reads: CSV written by hand or by a spreadsheet, and the supervised export
 * presets that hold one question and its gold answer per line. The pair and label presets ({@link
 * ExportFormat#PREFERENCE}, {@link ExportFormat#TRL_DPO}, {@link ExportFormat#TRL_KTO},
 * {@link ExportFormat#GEMINI_PREFERENCE}, {@link ExportFormat#CHAT_PREFERENCE}, {@link ExportFormat#CHAT_KTO}) are not read: a golden example is one answer, not a pair.
 */
public enum ImportFormat {
    /**
     * RFC 4180 CSV with a header row naming the columns (any order, case and spaces ignored): {@code question} and
     * {@code answer} (required), {@code category}, {@code quality} (1-10), {@code system_prompt} (also
     * {@code system prompt}), {@code notes}. A cell that {@link Tables} made spreadsheet-safe (a leading {@code '}
     * before {@code = + - @}, tab or CR) is read back without that quote.
     */
    CSV,
    /**
     * OpenAI supervised lines, {@code {"messages":[system?, prior turns…, user, assistant]}}, as {@link
     * ExportFormat#SUPERVISED} writes them, also with a tool-calling exchange: assistant messages with
     * {@code tool_calls} ({@code id}, arguments as JSON object text), {@code tool} messages with the
     * {@code tool_call_id} they answer, {@code tools} and {@code parallel_tool_calls}. The messages after the user's last
     * one, before the answer, become the example's steps.
     */
    SUPERVISED,
    /**
     * TRL prompt/completion lines, conversational ({@code "prompt":[…], "completion":[assistant]}) or plain strings
     * ({@code "prompt":"…", "completion":"…"}), as {@link ExportFormat#TRL_SFT} writes them; {@code example_id} is
     * ignored. Conversational rows may carry TRL's tool-calling shape: {@code tools}, {@code tool_calls} with the
     * arguments as a JSON object, {@code tool} messages naming the tool they answer (each answers the earliest open
     * call of that tool; the calls get the ids {@code call_1}, {@code call_2}, …).
     */
    TRL_SFT,
    /**
     * Vertex AI Gemini supervised lines ({@code systemInstruction}, {@code contents} of {@code user}/{@code model}
     * turns ending with {@code model}), as {@link ExportFormat#GEMINI_SFT} writes them.
     */
    GEMINI_SFT;

    /**
     * The import format reading files of an export preset.
     *
     * @param preset an export preset
     * @return the matching import format
     * @throws ValidationException when the preset holds pairs or labels, which are not imported
     */
    public static ImportFormat of(ExportFormat preset) {
        return switch (preset) {
            case SUPERVISED -> SUPERVISED;
            case TRL_SFT -> TRL_SFT;
            case GEMINI_SFT -> GEMINI_SFT;
            case PREFERENCE, TRL_DPO, TRL_KTO, GEMINI_PREFERENCE, CHAT_PREFERENCE, CHAT_KTO ->
                throw new ValidationException(
                        "format " + preset + " cannot be imported: only one-answer presets are (SUPERVISED, TRL_SFT, "
                                + "GEMINI_SFT), or CSV");
        };
    }
}
