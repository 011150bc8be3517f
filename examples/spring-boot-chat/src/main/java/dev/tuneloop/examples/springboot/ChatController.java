package dev.tuneloop.examples.springboot;

import dev.tuneloop.model.ChatModel;
import dev.tuneloop.model.ChatRequest;
import dev.tuneloop.model.ChatResponse;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.record.Rating;
import dev.tuneloop.route.AbRouter;
import java.util.List;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Route → call the model → record; and the UI's feedback buttons. */
@RestController
public class ChatController {
    private static final String SYSTEM_PROMPT = "You answer questions about company filings.";

    private final AbRouter router;
    private final ChatModel chat;
    private final InteractionRecorder recorder;

    /**
     * A controller on the starter's router and recorder.
     *
     * @param router picks the model per user
     * @param chat answers
     * @param recorder records answers and feedback
     */
    public ChatController(AbRouter router, ChatModel chat, InteractionRecorder recorder) {
        this.router = router;
        this.chat = chat;
        this.recorder = recorder;
    }

    /**
     * A chat request.
     *
     * @param userId the user
     * @param message the question
     */
    public record Ask(String userId, String message) {}

    /**
     * The answer, with the id the feedback buttons send back.
     *
     * @param interactionId the recorded interaction
     * @param answer the answer
     * @param model the model that answered
     */
    public record Reply(String interactionId, String answer, String model) {}

    /**
     * An edited answer.
     *
     * @param answer the corrected answer
     */
    public record Correction(String answer) {}

    /**
     * {@code POST /chat}.
     *
     * @param ask the question
     * @return the answer
     */
    @PostMapping("/chat")
    public Reply chat(@RequestBody Ask ask) {
        // snippet:spring-chat
        String model = router.modelFor(ask.userId()); // base or fine-tuned, sticky per user
        ChatResponse response = chat.complete(
                ChatRequest.of(model, List.of(ChatMessage.system(SYSTEM_PROMPT), ChatMessage.user(ask.message()))));
        InteractionId id = recorder.log(Interaction.builder()
                .userId(ask.userId())
                .systemPrompt(SYSTEM_PROMPT)
                .userMessage(ask.message())
                .assistantResponse(response.text())
                .modelUsed(model)
                .build());
        // end-snippet:spring-chat
        return new Reply(id.toString(), response.text(), model);
    }

    /**
     * {@code POST /chat/{id}/up}: 👍.
     *
     * @param id the interaction
     */
    @PostMapping("/chat/{id}/up")
    public void thumbsUp(@PathVariable("id") String id) {
        recorder.rate(InteractionId.parse(id), Rating.up());
    }

    /**
     * {@code POST /chat/{id}/down}: 👎.
     *
     * @param id the interaction
     */
    @PostMapping("/chat/{id}/down")
    public void thumbsDown(@PathVariable("id") String id) {
        recorder.rate(InteractionId.parse(id), Rating.down());
    }

    /**
     * {@code POST /chat/{id}/edit}: ✏️, the user's corrected answer.
     *
     * @param id the interaction
     * @param correction the corrected answer
     */
    @PostMapping("/chat/{id}/edit")
    public void edit(@PathVariable("id") String id, @RequestBody Correction correction) {
        recorder.edit(InteractionId.parse(id), correction.answer());
    }
}
