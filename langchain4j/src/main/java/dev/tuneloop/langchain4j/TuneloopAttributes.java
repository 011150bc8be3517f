package dev.tuneloop.langchain4j;

import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.tuneloop.record.InteractionId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The listener attributes Tuneloop reads and writes on a LangChain4j call. A host passes them per call in
 * {@link ChatRequestOptions#listenerAttributes()} ({@code chatModel.chat(request, options)}, LangChain4j 1.13+);
 * LangChain4j copies them into the attributes map every {@code ChatModelListener} of the call sees.
 *
 * <p>Read by {@link TuneloopChatModelListener} and {@link RoutedChatModel}: {@link #USER_ID}, {@link #SESSION_ID},
 * {@link #RETRIEVED_CONTEXT}, {@link #ON_RECORDED}. Written by them: {@link #INTERACTION_ID} (the recorded id, for
 * listeners that run after Tuneloop's), {@link #ARM} and {@link #ARM_MODEL} (the routed arm).
 */
public final class TuneloopAttributes {

    /** The end user's id (a {@link String}); the interaction's {@code userId} and the router's key. */
    public static final String USER_ID = "tuneloop.userId";

    /** The conversation id (a {@link String}); the interaction's {@code sessionId}. */
    public static final String SESSION_ID = "tuneloop.sessionId";

    /**
     * The documents given to the model (RAG): a {@link java.util.List} whose elements are Tuneloop
     * {@link dev.tuneloop.record.RetrievedDocument}s, LangChain4j {@code rag.content.Content}s or {@code TextSegment}s.
     * A segment's id is its metadata's {@code id} (else its 1-based position), its source the metadata's
     * {@code source}, {@code file_name} or {@code url}. Other elements are skipped.
     */
    public static final String RETRIEVED_CONTEXT = "tuneloop.retrievedContext";

    /**
     * A per-call {@link OnRecorded} that receives the recorded interaction's id, e.g. to hand it to the answer's
     * 👍 button. Called on the thread that completes the call (LangChain4j's HTTP thread for streaming calls).
     */
    public static final String ON_RECORDED = "tuneloop.onRecorded";

    /** Written by the listener: the recorded interaction's {@link InteractionId}. */
    public static final String INTERACTION_ID = "tuneloop.interactionId";

    /** Written by {@link RoutedChatModel}: the name of the arm that served the call (a {@link String}). */
    public static final String ARM = "tuneloop.arm";

    /** Written by {@link RoutedChatModel}: the model id of the arm that served the call (a {@link String}). */
    public static final String ARM_MODEL = "tuneloop.armModel";

    private TuneloopAttributes() {}

    /**
     * Options that carry the user's id, for {@code chatModel.chat(request, options)}.
     *
     * @param userId the end user's id
     * @return options with {@link #USER_ID}
     * @throws NullPointerException when {@code userId} is null
     */
    public static ChatRequestOptions forUser(String userId) {
        return forUser(userId, null, null);
    }

    /**
     * Options that carry the user's id, the conversation id and a callback for the recorded id.
     *
     * @param userId the end user's id
     * @param sessionId the conversation id; null for none
     * @param onRecorded receives the recorded interaction's id; null for none
     * @return options with {@link #USER_ID} and, when given, {@link #SESSION_ID} and {@link #ON_RECORDED}
     * @throws NullPointerException when {@code userId} is null
     */
    public static ChatRequestOptions forUser(
            String userId, @Nullable String sessionId, @Nullable OnRecorded onRecorded) {
        ChatRequestOptions.Builder options =
                ChatRequestOptions.builder().addListenerAttribute(USER_ID, Objects.requireNonNull(userId, "userId"));
        if (sessionId != null) {
            options.addListenerAttribute(SESSION_ID, sessionId);
        }
        if (onRecorded != null) {
            options.addListenerAttribute(ON_RECORDED, onRecorded);
        }
        return options.build();
    }

    /** Receives the id of an interaction the listener recorded. */
    @FunctionalInterface
    public interface OnRecorded {
        /**
         * Called once the call's interaction is handed to the recorder.
         *
         * @param id the interaction's id, for {@code recorder.rate/edit/followUp}
         */
        void recorded(InteractionId id);
    }
}
