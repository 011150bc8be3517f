package dev.tuneloop.model;

import java.time.Duration;
import java.util.Objects;

/**
 * The answer to one {@link ChatRequest}.
 *
 * @param text    the generated text; never null (may be empty when the model produced nothing)
 * @param model   the model that answered, as the provider named it (may be more specific than the requested id)
 * @param usage   the tokens billed; {@link TokenUsage#ZERO} when unknown
 * @param latency the wall time of the call that produced the answer (a cache keeps the original latency)
 */
public record ChatResponse(String text, String model, TokenUsage usage, Duration latency) {
    public ChatResponse {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new dev.tuneloop.errors.ValidationException("latency must be >= 0, but was " + latency);
        }
    }

    @Override
    public String toString() {
        return "ChatResponse[model=" + model + ", chars=" + text.length() + ", usage=" + usage + ", latency=" + latency
                + "]";
    }
}
