package dev.tuneloop.export;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The stable codes of JSONL problems. The first seven are the checks of OpenAI's cookbook ("Data preparation and
 * analysis for chat model fine-tuning"), with its names; the rest extend them to the current formats (developer role,
 * tool calls, {@code weight}, preference pairs), to the file as a whole, and to bytes that are not JSON at all.
 * {@link #code()} never changes once released; serialized as that code.
 */
public enum ProblemCode {
    /** A line's JSON value is not an object. */
    DATA_TYPE("data_type", Severity.ERROR),
    /** No {@code messages} list (or, for a preference pair, no {@code input.messages} list), or it is empty. */
    MISSING_MESSAGES_LIST("missing_messages_list", Severity.ERROR),
    /** A message is not an object, or lacks {@code role}, or lacks {@code content} without having tool calls. */
    MESSAGE_MISSING_KEY("message_missing_key", Severity.ERROR),
    /** A message has a key other than role, content, name, weight, tool_calls, tool_call_id, function_call. */
    MESSAGE_UNRECOGNIZED_KEY("message_unrecognized_key", Severity.ERROR),
    /** A role other than system, developer, user, assistant, tool, function. */
    UNRECOGNIZED_ROLE("unrecognized_role", Severity.ERROR),
    /** Content that is not a non-empty string (or list of text parts), on a message that needs one. */
    MISSING_CONTENT("missing_content", Severity.ERROR),
    /**
     * A content part fine-tuning does not take: an image part whose {@code image_url.url} is not an {@code https} or
     * {@code http} URL or a {@code data:image/…} URL, an image part on a message other than the user's, or a part of
     * another type (e.g. {@code file}, {@code input_audio}).
     */
    INVALID_CONTENT_PART("invalid_content_part", Severity.ERROR),
    /** A supervised example without any assistant message (nothing to learn). */
    EXAMPLE_MISSING_ASSISTANT_MESSAGE("example_missing_assistant_message", Severity.ERROR),
    /** {@code weight} on a message that is not the assistant's, or a weight other than 0 or 1. */
    INVALID_WEIGHT("invalid_weight", Severity.ERROR),
    /** {@code tool_calls} that is not a list of {@code {id, type: "function", function: {name, arguments}}}. */
    INVALID_TOOL_CALLS("invalid_tool_calls", Severity.ERROR),
    /** A {@code tool} message without a string {@code tool_call_id}. */
    MISSING_TOOL_CALL_ID("missing_tool_call_id", Severity.ERROR),
    /** A tool call whose {@code function.arguments} is not valid JSON text. */
    INVALID_TOOL_ARGUMENTS("invalid_tool_arguments", Severity.ERROR),
    /** A tool call that no later {@code tool} message answers with its id. */
    UNANSWERED_TOOL_CALL("unanswered_tool_call", Severity.ERROR),
    /** A {@code tool} message whose {@code tool_call_id} no earlier tool call has. */
    UNKNOWN_TOOL_CALL_ID("unknown_tool_call_id", Severity.ERROR),
    /** A tool call naming a function the example's (non-empty) {@code tools} list does not declare. */
    UNDECLARED_TOOL("undeclared_tool", Severity.ERROR),
    /**
     * A {@code tools} list that is not a list of {@code {type: "function", function: {name, parameters}}} with a JSON
     * object as parameters and unique names, or a {@code parallel_tool_calls} that is not a boolean.
     */
    INVALID_TOOLS("invalid_tools", Severity.ERROR),
    /** A {@code name} that is not a string. */
    INVALID_NAME("invalid_name", Severity.ERROR),
    /** A preference pair whose outputs are not each a list of exactly one assistant message with content. */
    INVALID_PREFERENCE_OUTPUT("invalid_preference_output", Severity.ERROR),
    /** A preference pair whose input ends with an assistant message. */
    PREFERENCE_INPUT_ENDS_WITH_ASSISTANT("preference_input_ends_with_assistant", Severity.ERROR),
    /**
     * A {@link ExportFormat#CHAT_PREFERENCE} pair whose chosen and rejected answers have the same content: DPO learns
     * nothing from it.
     */
    IDENTICAL_PREFERENCE_PAIR("identical_preference_pair", Severity.ERROR),
    /**
     * A {@link ExportFormat#CHAT_PREFERENCE} prompt or {@link ExportFormat#CHAT_KTO} conversation whose turns do not
     * alternate as LLaMA-Factory's sharegpt reader needs: an optional system message first, then user (or tool) and
     * assistant turns in turn, starting with user.
     * LLaMA-Factory drops such rows without an error.
     */
    INVALID_TURN_ORDER("invalid_turn_order", Severity.ERROR),
    /**
     * Supervised and preference examples in one file; reported on every example whose format differs from the first
     * example's. Not reported by a validator built for one format, which reports {@link #UNEXPECTED_FORMAT} instead.
     */
    MIXED_FORMATS("mixed_formats", Severity.ERROR),
    /**
     * An example of another format than the one the validator was built for ({@link JsonlValidator.Builder#format});
     * reported on every such example.
     */
    UNEXPECTED_FORMAT("unexpected_format", Severity.ERROR),
    /** Fewer examples than the provider's minimum (10 for OpenAI). Reported on the last line. */
    TOO_FEW_EXAMPLES("too_few_examples", Severity.ERROR),
    /** An example over the base model's per-example token limit (the provider would truncate it). */
    EXAMPLE_TOO_LONG("example_too_long", Severity.ERROR),
    /** No system (or developer) message. */
    MISSING_SYSTEM_MESSAGE("missing_system_message", Severity.WARNING),
    /** No user message. */
    MISSING_USER_MESSAGE("missing_user_message", Severity.WARNING),
    /** The example's first system prompt differs from the first example's. Reported once, where it first differs. */
    INCONSISTENT_SYSTEM_PROMPT("inconsistent_system_prompt", Severity.WARNING),
    /** Not one JSON value (syntax error, trailing data, duplicate key, or a parser limit such as nesting depth). */
    INVALID_JSON("invalid_json", Severity.ERROR),
    /** Bytes that are not well-formed UTF-8. */
    INVALID_UTF8("invalid_utf8", Severity.ERROR),
    /** An empty or whitespace-only line. */
    EMPTY_LINE("empty_line", Severity.ERROR),
    /** A UTF-8 byte order mark at the start of the file. */
    BOM("bom", Severity.ERROR),
    /** A line longer than the validator's byte limit; it was skipped without being read. */
    LINE_TOO_LONG("line_too_long", Severity.ERROR),
    /**
     * A string (or key) holding a lone surrogate, written as an escape such as {@code "\ud800"} (raw bytes of one are
     * {@link #INVALID_UTF8}): it is not a character, and providers reject the line. Reported once per line.
     */
    UNPAIRED_SURROGATE("unpaired_surrogate", Severity.ERROR),
    /**
     * Lines end with {@code \r\n} instead of {@code \n}. Parsers that split on {@code \n} keep the {@code \r};
     * providers expect {@code \n}. Reported once per file, on the first such line.
     */
    CRLF_LINE_ENDING("crlf_line_ending", Severity.WARNING),
    /**
     * A field a preset requires is missing or has the wrong type: TRL's {@code prompt}, {@code completion},
     * {@code chosen}, {@code rejected}, {@code label}; Gemini's {@code contents}, {@code completions};
     * {@link ExportFormat#CHAT_PREFERENCE}'s {@code messages}, {@code chosen}, {@code rejected};
     * {@link ExportFormat#CHAT_KTO}'s {@code messages}, {@code label}. Reported by
     * validators built for a TRL or Gemini {@linkplain JsonlValidator.Builder#format format}.
     */
    MISSING_FIELD("missing_field", Severity.ERROR),
    /** A KTO {@code label} that is not a JSON boolean ({@code "true"} or {@code 1} are rejected: TRL needs a bool). */
    INVALID_LABEL("invalid_label", Severity.ERROR),
    /**
     * TRL rows that are conversational (lists of messages) and plain strings in one file (TRL decides the style from
     * the first row), or a row mixing the two; reported on every row whose style differs from the first row's.
     */
    MIXED_DATASET_STYLES("mixed_dataset_styles", Severity.ERROR),
    /**
     * A plain-string TRL prompt ending in whitespace: the tokenizer merges it with the completion's first word, so
     * the prompt no longer tokenizes as a prefix of prompt + completion.
     */
    PROMPT_TRAILING_WHITESPACE("prompt_trailing_whitespace", Severity.ERROR),
    /** An OpenAI-only key (per-message {@code weight}) in a TRL or Gemini file. */
    OPENAI_ONLY_KEY("openai_only_key", Severity.ERROR),
    /**
     * A TRL completion, chosen or rejected answer that is not exactly one assistant message (or a non-empty string
     * in the plain-string style).
     */
    INVALID_COMPLETION("invalid_completion", Severity.ERROR),
    /**
     * A conversation that ends with the wrong turn: a TRL prompt or a Gemini preference {@code contents} must end with
     * a user (or tool) turn, Gemini supervised {@code contents} with a {@code model} turn, a
     * {@link ExportFormat#CHAT_KTO} {@code messages} list with the assistant's answer.
     */
    INVALID_LAST_TURN("invalid_last_turn", Severity.ERROR),
    /** A Gemini example with a top-level field Vertex AI does not know (the service checks the schema). */
    UNRECOGNIZED_FIELD("unrecognized_field", Severity.ERROR),
    /** A Gemini {@code parts} list that is missing, empty, or holds a part without non-empty {@code text}. */
    INVALID_PARTS("invalid_parts", Severity.ERROR),
    /**
     * A {@link ExportFormat#GEMINI_SFT} {@code tools} that is not a non-empty list of
     * {@code {"functionDeclarations":[{name, description?, parameters?}]}} with valid, unique names (a letter or
     * underscore, then letters, digits, {@code _ . : -}, at most 64 characters) and an object as parameters.
     */
    GEMINI_INVALID_FUNCTION_DECLARATIONS("gemini_invalid_function_declarations", Severity.ERROR),
    /** A Gemini {@code functionCall} naming a function that the line's {@code tools} do not declare. */
    GEMINI_UNDECLARED_FUNCTION("gemini_undeclared_function", Severity.ERROR),
    /**
     * A Gemini {@code functionCall} that the next turn does not answer with a {@code functionResponse} of the same
     * name (a call in the last turn, the answer to learn, needs none).
     */
    GEMINI_UNANSWERED_FUNCTION_CALL("gemini_unanswered_function_call", Severity.ERROR),
    /** A Gemini {@code functionResponse} that answers no call of the turn before it. */
    GEMINI_UNMATCHED_FUNCTION_RESPONSE("gemini_unmatched_function_response", Severity.ERROR),
    /** A Gemini {@code functionCall} whose {@code args} is not a JSON object. */
    GEMINI_INVALID_FUNCTION_ARGS("gemini_invalid_function_args", Severity.ERROR),
    /** A Gemini {@code functionResponse} whose {@code response} is not a JSON object. */
    GEMINI_INVALID_FUNCTION_RESPONSE("gemini_invalid_function_response", Severity.ERROR),
    /**
     * A KTO file whose lines are all desirable or all undesirable: KTO needs both. Reported once, on the last line.
     */
    KTO_UNBALANCED("kto_unbalanced", Severity.WARNING);

    private final String code;
    private final Severity severity;

    ProblemCode(String code, Severity severity) {
        this.code = code;
        this.severity = severity;
    }

    /**
     * The stable snake_case code, e.g. {@code "missing_content"}.
     *
     * @return the code; never changes once released
     */
    @JsonValue
    public String code() {
        return code;
    }

    /**
     * How bad a problem of this code is.
     *
     * @return the severity, the same for every problem of this code
     */
    public Severity severity() {
        return severity;
    }
}
