package dev.tuneloop.record;

import dev.tuneloop.errors.Checks;
import org.jspecify.annotations.Nullable;

/**
 * One document of the retrieved (RAG) context given to the model.
 *
 * @param id     the document's id in the host's retrieval system; required, non-blank, at most 1024 UTF-8 bytes
 * @param source where it came from (e.g. "NVDA 10-Q Q3 FY2025"); may be null, at most 4096 UTF-8 bytes
 * @param text   the text given to the model; required (may be empty), at most {@link Limits#DEFAULT_MAX_TEXT_BYTES}
 *               UTF-8 bytes
 */
public record RetrievedDocument(String id, @Nullable String source, String text) {
    /**
     * Checks the document, reporting every problem at once.
     *
     * @param id     the document's id; required, non-blank
     * @param source where it came from; may be null
     * @param text   the text given to the model; required (may be empty)
     * @throws dev.tuneloop.errors.ValidationException listing every broken rule
     */
    public RetrievedDocument {
        Checks.start()
                .text("retrievedContext.id", id, true, 1024)
                .text("retrievedContext.source", source, false, 4096)
                .text("retrievedContext.text", text, false, Limits.DEFAULT_MAX_TEXT_BYTES)
                .require(text != null, "retrievedContext.text is required, but was null")
                .orThrow();
    }

    /**
     * A document; the same as the constructor.
     *
     * @param id     the document's id; required, non-blank
     * @param source where it came from; may be null
     * @param text   the text given to the model; required (may be empty)
     * @return the document
     * @throws dev.tuneloop.errors.ValidationException listing every broken rule
     */
    public static RetrievedDocument of(String id, @Nullable String source, String text) {
        return new RetrievedDocument(id, source, text);
    }
}
