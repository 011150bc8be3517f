package dev.tuneloop.model;

import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.record.ToolCall;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The answer to one {@link ChatRequest}: text, tool calls, or both. {@link #toString()} shows the size of the text
 * and the number of tool calls, never the text or the arguments.
 *
 * <p>When the answer has {@link #toolCalls()} the model asks the host to run them (several are parallel calls) and to
 * call again with the results; the text, often empty then, is what the model wrote before the calls.
 *
 * @param text      the generated text; never null (may be empty when the model produced nothing or only tool calls)
 * @param model     the model that answered, as the provider named it (may be more specific than the requested id)
 * @param usage     the tokens billed; {@link TokenUsage#ZERO} when unknown
 * @param latency   the wall time of the call that produced the answer (a cache keeps the original latency)
 * @param toolCalls the tools the model called, in order; empty when it answered with text only; never null
 */
public record ChatResponse(String text, String model, TokenUsage usage, Duration latency, List<ToolCall> toolCalls) {
    /**
     * Checks the fields.
     *
     * @param text      the generated text; may be empty
     * @param model     the model that answered
     * @param usage     the tokens billed
     * @param latency   the wall time of the call; {@code >= 0}
     * @param toolCalls the tool calls, in order; null for none; copied
     * @throws NullPointerException when an argument other than {@code toolCalls} is null, or a tool call is null
     * @throws ValidationException when {@code latency} is negative
     */
    public ChatResponse {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new ValidationException("latency must be >= 0, but was " + latency);
        }
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    /**
     * A text answer without tool calls.
     *
     * @param text    the generated text; may be empty
     * @param model   the model that answered
     * @param usage   the tokens billed
     * @param latency the wall time of the call; {@code >= 0}
     * @throws NullPointerException when an argument is null
     * @throws ValidationException when {@code latency} is negative
     */
    public ChatResponse(String text, String model, TokenUsage usage, Duration latency) {
        this(text, model, usage, latency, List.of());
    }

    /**
     * Whether the model called tools: the host runs them and calls again with the results.
     *
     * @return {@code true} when {@link #toolCalls()} is not empty
     */
    public boolean hasToolCalls() {
        return !toolCalls.isEmpty();
    }

    @Override
    public String toString() {
        return "ChatResponse[model=" + model + ", chars=" + text.length()
                + (toolCalls.isEmpty() ? "" : ", toolCalls=" + toolCalls.size()) + ", usage=" + usage + ", latency="
                + latency + "]";
    }
}
