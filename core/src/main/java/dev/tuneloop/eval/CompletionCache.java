package dev.tuneloop.eval;

import dev.tuneloop.model.ChatRequest;
import dev.tuneloop.model.ChatResponse;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Completions kept by {@code (model, }{@link ChatRequest#promptHash() prompt hash}{@code )}, so re-running an
 * evaluation (after changing a scorer or a threshold) asks no model again. Only successful answers are kept.
 * Implementations are thread-safe.
 */
public interface CompletionCache {

    /**
     * Looks an answer up.
     *
     * @param model      the model id of the request
     * @param promptHash the request's {@link ChatRequest#promptHash()}
     * @return the answer kept, or empty
     */
    Optional<ChatResponse> get(String model, String promptHash);

    /**
     * Keeps an answer (replacing an earlier one for the same key).
     *
     * @param model      the model id of the request
     * @param promptHash the request's {@link ChatRequest#promptHash()}
     * @param response   the answer
     * @throws dev.tuneloop.errors.TuneloopException when a persistent cache cannot store it
     */
    void put(String model, String promptHash, ChatResponse response);

    /**
     * A cache in this JVM's memory.
     *
     * @return a new, empty cache
     */
    static CompletionCache inMemory() {
        return new InMemoryCompletionCache();
    }

    /**
     * A cache in a JSONL file: read when opened, one line appended per new answer (so an interrupted run keeps what
     * it paid for). A line that cannot be read (e.g. torn by a crash) is skipped with a warning. The file holds
     * answer text: keep it where the prompts themselves may be kept.
     *
     * @param file the file; created (with its directory) on the first answer
     * @return the cache, holding what the file holds
     * @throws dev.tuneloop.errors.TuneloopException when the file exists but cannot be read
     */
    static CompletionCache jsonl(Path file) {
        return new JsonlCompletionCache(Objects.requireNonNull(file, "file"));
    }
}
