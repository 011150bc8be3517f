package dev.tuneloop.examples;

import dev.tuneloop.model.ChatModel;
import dev.tuneloop.model.ChatRequest;
import dev.tuneloop.model.ChatResponse;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.record.Rating;
import dev.tuneloop.route.AbRouter;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a host's chat endpoint looks like with Tuneloop: {@code router.modelFor(userId)} before the LLM call,
 * {@code recorder.log(...)} after it, and the UI's 👍 / 👎 / ✏️ / follow-up buttons landing on the recorder.
 *
 * <p>Written as a plain class so the examples module needs no web framework; in Spring each public method is a
 * handler ({@code @PostMapping("/chat")}, {@code @PostMapping("/chat/{id}/rating")}, …) and the constructor is
 * injected. The demo drives this very class, and {@code ChatControllerTest} tests it on the in-memory store.
 */
public final class ChatController {

    /**
     * What the endpoint returns to the UI: the id goes back with the feedback buttons.
     *
     * @param interactionId the interaction's id for the feedback buttons; an answer Tuneloop refuses to keep (empty,
     *     over the size limit) still gets one, its feedback is kept without an interaction to apply to
     * @param answer the model's answer
     * @param model the model that answered (base or fine-tuned)
     */
    public record ChatReply(@Nullable String interactionId, String answer, String model) {}

    private final AbRouter router;
    private final ChatModel chat;
    private final InteractionRecorder recorder;
    private final String systemPrompt;
    private final Clock clock;

    /**
     * A controller on the host's router, chat model and recorder.
     *
     * @param router picks the model per user
     * @param chat answers
     * @param recorder records each answered chat and its feedback
     * @param systemPrompt the system prompt sent before every user message
     * @param clock stamps the recorded interactions
     * @throws NullPointerException when any argument is null
     */
    public ChatController(
            AbRouter router, ChatModel chat, InteractionRecorder recorder, String systemPrompt, Clock clock) {
        this.router = Objects.requireNonNull(router, "router");
        this.chat = Objects.requireNonNull(chat, "chat");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.systemPrompt = Objects.requireNonNull(systemPrompt, "systemPrompt");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * {@code POST /chat}: answer, then record. Recording never throws and never blocks: the builder is handed to the
     * recorder unbuilt, and an answer Tuneloop refuses to keep (empty, over the size limit, invalid Unicode) is
     * counted in the recorder's stats by rule, off the request's thread.
     *
     * @param userId the host's user id
     * @param message the user's message
     * @return the answer, the model and the interaction id for the feedback buttons
     */
    public ChatReply chat(String userId, String message) {
        String model = router.modelFor(userId); // base or fine-tuned, sticky per user
        List<ChatMessage> messages = List.of(ChatMessage.system(systemPrompt), ChatMessage.user(message));
        ChatResponse response = chat.complete(ChatRequest.of(model, messages));
        InteractionId id = recorder.log(Interaction.builder()
                .clock(clock)
                .userId(userId)
                .systemPrompt(systemPrompt)
                .userMessage(message)
                .assistantResponse(response.text())
                .modelUsed(model)
                .latency(response.latency())
                .tokens((int) response.usage().promptTokens(), (int)
                        response.usage().completionTokens()));
        return new ChatReply(id.toString(), response.text(), model);
    }

    /**
     * {@code POST /chat/{id}/rating}: 👍 or 👎.
     *
     * @param interactionId the id from {@link ChatReply#interactionId()}
     * @param thumbsUp {@code true} for 👍, {@code false} for 👎
     */
    public void rate(String interactionId, boolean thumbsUp) {
        recorder.rate(InteractionId.parse(interactionId), thumbsUp ? Rating.up() : Rating.down());
    }

    /**
     * {@code POST /chat/{id}/edit}: the user's corrected answer; the original is kept.
     *
     * @param interactionId the id from {@link ChatReply#interactionId()}
     * @param correctedAnswer the answer as the user corrected it
     */
    public void edit(String interactionId, String correctedAnswer) {
        recorder.edit(InteractionId.parse(interactionId), correctedAnswer);
    }

    /**
     * Called when the user's next message in the session is a clarifying question about this answer.
     *
     * @param interactionId the id from {@link ChatReply#interactionId()}
     * @param question the follow-up question
     */
    public void followUp(String interactionId, String question) {
        recorder.followUp(InteractionId.parse(interactionId), question);
    }
}
