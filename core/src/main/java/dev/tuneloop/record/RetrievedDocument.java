package dev.tuneloop.record;

import dev.tuneloop.internal.Checks;

/**
 * One document of the retrieved (RAG) context given to the model.
 *
 * @param id     the document's id in the host's retrieval system; required, non-blank
 * @param source where it came from (e.g. "NVDA 10-Q Q3 FY2025"); may be null
 * @param text   the text given to the model; required (may be empty)
 */
public record RetrievedDocument(String id, String source, String text) {
    public RetrievedDocument {
        Checks.start()
                .text("retrievedContext.id", id, true, 1024)
                .text("retrievedContext.source", source, false, 4096)
                .text("retrievedContext.text", text, false, Limits.DEFAULT_MAX_TEXT_BYTES)
                .require(text != null, "retrievedContext.text is required, but was null")
                .orThrow();
    }

    public static RetrievedDocument of(String id, String source, String text) {
        return new RetrievedDocument(id, source, text);
    }
}
