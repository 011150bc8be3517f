package dev.tuneloop.record;

import java.util.Objects;

/**
 * One tool call the model made in an assistant message: OpenAI's {@code tool_calls[i]} ({@code id},
 * {@code function.name}, {@code function.arguments}), LangChain4j's {@code ToolExecutionRequest}, Spring AI's
 * {@code AssistantMessage.ToolCall}, OpenTelemetry GenAI's {@code tool_call} part. Several calls in one message are
 * parallel calls.
 *
 * <p>The constructor checks only that the parts are non-null (O(1)); the text rules (non-blank id and name, size,
 * valid Unicode) are checked where the interaction is validated, so that a host's recording call never fails on them.
 * Whether {@code arguments} is valid JSON is checked by the export validator, not here: a model's malformed
 * arguments are kept as they were. {@link #toString()} shows the id and the name, never the arguments.
 *
 * @param id        the call's id, which the tool message answering it carries ({@link ChatMessage#toolCallId()})
 * @param name      the name of the tool called, one of the interaction's {@link ToolDefinition}s when it has any
 * @param arguments the arguments as the model wrote them: JSON text, e.g. {@code {"ticker":"NVDA"}}
 */
public record ToolCall(String id, String name, String arguments) {
    /**
     * A tool call.
     *
     * @param id        the call's id
     * @param name      the tool's name
     * @param arguments the JSON arguments, as the model wrote them
     * @throws NullPointerException when a part is null
     */
    public ToolCall {
        Objects.requireNonNull(id, "toolCall.id");
        Objects.requireNonNull(name, "toolCall.name");
        Objects.requireNonNull(arguments, "toolCall.arguments");
    }

    @Override
    public String toString() {
        return "ToolCall[id=" + id + ", name=" + name + ", argumentChars=" + arguments.length() + "]";
    }
}
