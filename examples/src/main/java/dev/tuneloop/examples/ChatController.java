package dev.tuneloop.examples;

import dev.tuneloop.model.ChatModel;
import dev.tuneloop.model.ChatRequest;
import dev.tuneloop.model.ChatResponse;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.record.Rating;
import dev.tuneloop.record.ToolCall;
import dev.tuneloop.record.ToolDefinition;
import dev.tuneloop.route.AbRouter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What a host's chat endpoint looks like with Tuneloop: {@code router.modelFor(userId)} before the LLM call,
 * {@code recorder.log(...)} after it, and the UI's 👍 / 👎 / ✏️ / follow-up buttons landing on the recorder.
 *
 * <p>With tools, the endpoint is a tool-calling assistant: the model may answer with tool calls, which the host runs
 * and gives back, until it answers with text; the whole exchange (the calls, the results, the tools offered) is
 * recorded as one interaction's {@link Interaction#steps() steps} and {@link Interaction#tools() tools}, so the
 * exported training data teaches the fine-tuned model when and how to call them.
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
     * @param toolCalls how many tool calls the model made before answering
     */
    public record ChatReply(@Nullable String interactionId, String answer, String model, int toolCalls) {}

    /** The most rounds of tool calls one chat may take before the model's last answer is taken as it is. */
    public static final int MAX_TOOL_ROUNDS = 4;

    private final AbRouter router;
    private final ChatModel chat;
    private final InteractionRecorder recorder;
    private final String systemPrompt;
    private final Clock clock;
    private final List<ToolDefinition> tools;
    private final Function<ToolCall, String> toolRunner;

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
        this(router, chat, recorder, systemPrompt, clock, List.of(), call -> {
            throw new IllegalStateException("no tools were offered, but the model called " + call.name());
        });
    }

    /**
     * A controller whose model may call tools.
     *
     * @param router picks the model per user
     * @param chat answers, or calls tools
     * @param recorder records each answered chat, its tool calls and its feedback
     * @param systemPrompt the system prompt sent before every user message
     * @param clock stamps the recorded interactions
     * @param tools the tools offered to the model on every call
     * @param toolRunner runs one tool call and returns its result, the text given back to the model
     * @throws NullPointerException when any argument is null
     */
    public ChatController(
            AbRouter router,
            ChatModel chat,
            InteractionRecorder recorder,
            String systemPrompt,
            Clock clock,
            List<ToolDefinition> tools,
            Function<ToolCall, String> toolRunner) {
        this.router = Objects.requireNonNull(router, "router");
        this.chat = Objects.requireNonNull(chat, "chat");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.systemPrompt = Objects.requireNonNull(systemPrompt, "systemPrompt");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tools = List.copyOf(tools);
        this.toolRunner = Objects.requireNonNull(toolRunner, "toolRunner");
    }

    /**
     * {@code POST /chat}: answer, then record. Recording never throws and never blocks: the builder is handed to the
     * recorder unbuilt, and an answer Tuneloop refuses to keep (empty, over the size limit, invalid Unicode) is
     * counted in the recorder's stats by rule, off the request's thread.
     *
     * <p>When the model calls tools, each call is run with the tool runner and the results are sent back, for at
     * most {@link #MAX_TOOL_ROUNDS} rounds; the calls and results are recorded as the interaction's steps, with the
     * tools offered, and the latency and tokens are the sums over the rounds.
     *
     * @param userId the host's user id
     * @param message the user's message
     * @return the answer, the model, the interaction id for the feedback buttons and the number of tool calls
     */
    public ChatReply chat(String userId, String message) {
        String model = router.modelFor(userId); // base or fine-tuned, sticky per user
        List<ChatMessage> messages = List.of(ChatMessage.system(systemPrompt), ChatMessage.user(message));
        ChatRequest request = ChatRequest.of(model, messages).withTools(tools);
        ChatResponse response = chat.complete(request);
        List<ChatMessage> steps = new ArrayList<>();
        Duration latency = response.latency();
        long promptTokens = response.usage().promptTokens();
        long completionTokens = response.usage().completionTokens();
        int calls = 0;
        for (int round = 0; response.hasToolCalls() && round < MAX_TOOL_ROUNDS; round++) {
            List<ChatMessage> turn = new ArrayList<>(response.toolCalls().size() + 1);
            turn.add(ChatMessage.assistant(response.text(), response.toolCalls()));
            for (ToolCall call : response.toolCalls()) {
                turn.add(ChatMessage.toolResult(call.id(), toolRunner.apply(call)));
            }
            calls += response.toolCalls().size();
            steps.addAll(turn);
            request = request.withMessagesAppended(turn);
            response = chat.complete(request);
            latency = latency.plus(response.latency());
            promptTokens += response.usage().promptTokens();
            completionTokens += response.usage().completionTokens();
        }
        Interaction.Builder interaction = Interaction.builder()
                .clock(clock)
                .userId(userId)
                .systemPrompt(systemPrompt)
                .userMessage(message)
                .assistantResponse(response.text())
                .modelUsed(model)
                .latency(latency)
                .tokens((int) promptTokens, (int) completionTokens);
        if (!steps.isEmpty()) {
            interaction.steps(steps).tools(tools);
        }
        InteractionId id = recorder.log(interaction);
        return new ChatReply(id.toString(), response.text(), model, calls);
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
