package dev.tuneloop.vertex;

import dev.tuneloop.tune.FineTuningUnavailableException;
import org.jspecify.annotations.Nullable;

/**
 * Vertex AI does not offer tuning for this base model, region or project. A {@link FineTuningUnavailableException},
 * so callers catch one type for every provider; its message says what to do on Vertex AI (another tunable model or
 * region) rather than the parent's general explanation.
 */
final class VertexTuningUnavailableException extends FineTuningUnavailableException {
    private static final long serialVersionUID = 1L;

    private final String message;

    VertexTuningUnavailableException(String providerDetail, @Nullable Throwable cause) {
        super(VertexErrors.PROVIDER, providerDetail, cause);
        this.message = "Vertex AI does not offer tuning for this base model in this project and region ("
                + VertexErrors.PROVIDER + " said: " + providerDetail + "); pick a model from the list of tunable"
                + " Gemini models for the region (docs/guide/vertex.md), another region, or another provider";
    }

    @Override
    public String getMessage() {
        return message;
    }
}
