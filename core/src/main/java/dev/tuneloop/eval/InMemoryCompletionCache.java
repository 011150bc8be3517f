package dev.tuneloop.eval;

import dev.tuneloop.model.ChatResponse;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link CompletionCache#inMemory()}: a concurrent map. */
final class InMemoryCompletionCache implements CompletionCache {
    private final ConcurrentHashMap<String, ChatResponse> map = new ConcurrentHashMap<>();

    /** The map key of a model and prompt hash (NUL cannot occur in either). */
    static String key(String model, String promptHash) {
        return model + '\u0000' + promptHash;
    }

    @Override
    public Optional<ChatResponse> get(String model, String promptHash) {
        return Optional.ofNullable(map.get(key(model, promptHash)));
    }

    @Override
    public void put(String model, String promptHash, ChatResponse response) {
        map.put(key(model, promptHash), response);
    }

    int size() {
        return map.size();
    }
}
