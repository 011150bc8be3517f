package dev.tuneloop.model;

import dev.tuneloop.errors.ValidationException;
import java.time.Duration;
import java.util.Objects;

/**
 * The answer to one {@link ChatRequest}. {@link #toString()} shows the size of the text, never the text.
 *
 * @param text    the generated text; never null (may be empty when the model produced nothing)
 * @param model   the model that answered, as the provider named it (may be more specific than the requested id)
 * @param usage   the tokens billed; {@link TokenUsage#ZERO} when unknown
 * @param latency the wall time of the call that produced the answer (a cache keeps the original latency)
 */
public record ChatResponse(String text, String model, TokenUsage usage, Duration latency) {
    /**
     * Checks the fields.
     *
     * @param text    the generated text; may be empty
     * @param model   the model that answered
     * @param usage   the tokens billed
     * @param latency the wall time of the call; {@code >= 0}
     * @throws NullPointerException when an argument is null
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
    }

    @Override
    public String toString() {
        return "ChatResponse[model=" + model + ", chars=" + text.length() + ", usage=" + usage + ", latency=" + latency
                + "]";
    }
}
