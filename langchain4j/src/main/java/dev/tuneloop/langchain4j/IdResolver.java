package dev.tuneloop.langchain4j;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Finds an id (the user's, or the conversation's) for a LangChain4j call. Called in {@code onRequest}, on the thread
 * that makes the call, so a resolver may read the host's request scope (a thread-local, a security context); it
 * must be fast and must not block.
 */
@FunctionalInterface
public interface IdResolver {

    /**
     * The id for this call.
     *
     * @param attributes the call's listener attributes (LangChain4j's map, which holds what the host passed in
     *     {@code ChatRequestOptions})
     * @return the id; null when there is none
     */
    @Nullable
    String resolve(Map<Object, Object> attributes);

    /**
     * A resolver that reads a string attribute.
     *
     * @param key the attribute's key, e.g. {@link TuneloopAttributes#USER_ID}
     * @return the resolver; it returns null when the attribute is absent or not a string
     */
    static IdResolver attribute(String key) {
        return attributes -> attributes.get(key) instanceof String s ? s : null;
    }
}
