package dev.tuneloop.record;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A tool offered to the model: OpenAI's {@code tools[i].function} ({@code name}, {@code description},
 * {@code parameters}), LangChain4j's {@code ToolSpecification}, Spring AI's {@code ToolDefinition} (its
 * {@code inputSchema} is {@code parameters}).
 *
 * <p>The constructor checks only that the required parts are non-null (O(1)); the text rules are checked where the
 * interaction is validated.
 *
 * @param name        the tool's name, as tool calls name it; non-blank
 * @param description what the tool does, as given to the model; may be null
 * @param parameters  the JSON schema of the arguments, as JSON text, e.g. {@code {"type":"object","properties":{}}}
 */
public record ToolDefinition(String name, @Nullable String description, String parameters) {
    /**
     * A tool definition.
     *
     * @param name        the tool's name
     * @param description what the tool does; may be null
     * @param parameters  the JSON schema of the arguments, as JSON text
     * @throws NullPointerException when {@code name} or {@code parameters} is null
     */
    public ToolDefinition {
        Objects.requireNonNull(name, "tool.name");
        Objects.requireNonNull(parameters, "tool.parameters");
    }

    @Override
    public String toString() {
        return "ToolDefinition[name=" + name + "]";
    }
}
