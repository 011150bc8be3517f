package dev.tuneloop.springai;

import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.route.AbRouter;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.client.ChatClientMessageAggregator;
import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.core.Ordered;
import reactor.core.publisher.Flux;

/**
 * Records every turn a {@code ChatClient} makes through Tuneloop's asynchronous {@link InteractionRecorder}, and, with a
 * router, sends the call to the model of the user's arm.
 *
 * <p><b>Use.</b> Add it to the client ({@code ChatClient.builder(model).defaultAdvisors(advisor)}; the Spring Boot
 * auto-configuration does it for Boot's {@code ChatClient.Builder}) and pass the end user with each call:
 * {@code .advisors(a -> a.param(TuneloopAdvisor.USER_ID, userId))}. The recorded interaction's id comes back in the
 * response context under {@link #INTERACTION_ID} (an {@link InteractionId}), for the application's feedback buttons
 * ({@code recorder.rate/edit/followUp}).
 *
 * <p><b>What is recorded.</b> The system prompt, the earlier turns (for example those a chat memory advisor added), the
 * user's message, the tool calls and tool results of the turn, the tools offered, the answer, the model that answered
 * (from the response, else the request's options), the token usage and the latency of the model call that gave the
 * answer, and the documents a {@code QuestionAnswerAdvisor} or {@code RetrievalAugmentationAdvisor} retrieved. Its
 * {@link #DEFAULT_ORDER} puts it inside chat memory advisors (their history is visible) and inside Spring AI's tool
 * calling loop (each round passes through it: a round that ends in tool calls is counted, not recorded, and the round
 * that answers them is recorded with the whole exchange as its steps), and outside RAG advisors (so the user's message
 * is recorded as the user wrote it, not with the documents pasted in, and the documents are read from the response
 * context).
 *
 * <p><b>Never throws.</b> A failure to record is caught, counted in {@link #stats()} and logged with its type only;
 * the interaction's rules are checked on the recorder's worker, not on the caller's thread. A streamed answer is
 * recorded once, when the stream completes (not when it fails or is cancelled).
 *
 * <p>Thread-safe; one instance serves every call.
 */
public final class TuneloopAdvisor implements CallAdvisor, StreamAdvisor {
    /** The advisor-context key of the end user's id (a {@code String}); without it, the default user id is used. */
    public static final String USER_ID = "tuneloop.userId";

    /** The advisor-context key of the conversation's id (a {@code String}); optional. */
    public static final String SESSION_ID = "tuneloop.sessionId";

    /** The response-context key of the recorded interaction's {@link InteractionId}. */
    public static final String INTERACTION_ID = "tuneloop.interactionId";

    /**
     * {@code Ordered.HIGHEST_PRECEDENCE + 400}: inside chat memory advisors ({@code + 200}) and Spring AI's tool calling
     * advisor ({@code + 300}), outside RAG advisors (order 0).
     */
    public static final int DEFAULT_ORDER = Ordered.HIGHEST_PRECEDENCE + 400;

    /** The user id recorded when the context names none: {@value}. */
    public static final String DEFAULT_USER_ID = "anonymous";

    private static final ChatClientMessageAggregator AGGREGATOR = new ChatClientMessageAggregator();

    private final Capture capture;
    private final @Nullable AbRouter router;
    private final int order;

    private TuneloopAdvisor(Builder b) {
        this.capture = new Capture(b.recorder, b.defaultUserId, "Spring AI advisor");
        this.router = b.router;
        this.order = b.order;
    }

    /**
     * An advisor that records through this recorder and does not route.
     *
     * @param recorder the recorder; an asynchronous one, so that recording never waits on the store
     * @return the advisor
     */
    public static TuneloopAdvisor create(InteractionRecorder recorder) {
        return builder(recorder).build();
    }

    /**
     * A builder.
     *
     * @param recorder the recorder; an asynchronous one, so that recording never waits on the store
     * @return a new builder
     */
    public static Builder builder(InteractionRecorder recorder) {
        return new Builder(recorder);
    }

    @Override
    public String getName() {
        return "TuneloopAdvisor";
    }

    @Override
    public int getOrder() {
        return order;
    }

    /**
     * What this advisor did since it was made.
     *
     * @return the counts
     */
    public CaptureStats stats() {
        return capture.stats();
    }

    @Override
    public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
        ChatClientRequest sent = prepare(request);
        long start = System.nanoTime();
        ChatClientResponse response = chain.nextCall(sent);
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        InteractionId id = capture.record(
                sent.prompt(),
                response.chatResponse(),
                response.context(),
                string(sent.context(), USER_ID),
                string(sent.context(), SESSION_ID),
                latency,
                null);
        if (id == null) {
            return response;
        }
        try {
            return response.mutate().context(INTERACTION_ID, id).build();
        } catch (RuntimeException e) {
            capture.failed(e);
            return response;
        }
    }

    @Override
    public Flux<ChatClientResponse> adviseStream(ChatClientRequest request, StreamAdvisorChain chain) {
        return Flux.defer(() -> {
            ChatClientRequest sent = prepare(request);
            long start = System.nanoTime();
            // the id is known before the answer is, so every chunk can carry it; a round that ends in tool calls
            // records nothing, and the tool calling advisor drops its chunks
            InteractionId id = InteractionId.next();
            Flux<ChatClientResponse> chunks = chain.nextStream(sent).map(r -> withId(r, id));
            return AGGREGATOR.aggregateChatClientResponse(
                    chunks,
                    whole -> capture.record(
                            sent.prompt(),
                            whole.chatResponse(),
                            whole.context(),
                            string(sent.context(), USER_ID),
                            string(sent.context(), SESSION_ID),
                            Duration.ofNanos(System.nanoTime() - start),
                            id));
        });
    }

    private ChatClientResponse withId(ChatClientResponse r, InteractionId id) {
        try {
            return r.mutate().context(INTERACTION_ID, id).build();
        } catch (RuntimeException e) {
            capture.failed(e);
            return r;
        }
    }

    /** With a router, sets the arm's model in the request's chat options (without copying the messages). */
    private ChatClientRequest prepare(ChatClientRequest request) {
        if (router == null) {
            return request;
        }
        try {
            String model = model(string(request.context(), USER_ID));
            if (model == null) {
                return request;
            }
            Prompt prompt = request.prompt();
            ChatOptions options = prompt.getOptions();
            ChatOptions.Builder<?> ob = options == null ? ChatOptions.builder() : options.mutate();
            return new ChatClientRequest(
                    new Prompt(prompt.getInstructions(), ob.model(model).build()), request.context());
        } catch (RuntimeException e) {
            capture.failed(e);
            return request;
        }
    }

    private @Nullable String model(@Nullable String userId) {
        try {
            return Objects.requireNonNull(router).modelFor(userId);
        } catch (RuntimeException e) {
            capture.routingFailed(e);
            return null;
        }
    }

    private static @Nullable String string(Map<String, ?> context, String key) {
        Object v = context.get(key);
        return v == null ? null : v.toString();
    }

    /** Settings for a {@link TuneloopAdvisor}; not thread-safe. */
    public static final class Builder {
        private final InteractionRecorder recorder;
        private @Nullable AbRouter router;
        private String defaultUserId = DEFAULT_USER_ID;
        private int order = DEFAULT_ORDER;

        private Builder(InteractionRecorder recorder) {
            this.recorder = Objects.requireNonNull(recorder, "recorder");
        }

        /**
         * Routes each call: the request's chat options get the model {@link AbRouter#modelFor(String)} gives for the
         * user (the host's model is kept when the router cannot place the call, counted in
         * {@link CaptureStats#routingFailed()}). Off unless set.
         *
         * @param router the router
         * @return this builder
         */
        public Builder router(AbRouter router) {
            this.router = Objects.requireNonNull(router, "router");
            return this;
        }

        /**
         * The user id recorded when the advisor context has no {@link #USER_ID} (default {@value #DEFAULT_USER_ID}).
         *
         * @param userId non-blank
         * @return this builder
         * @throws IllegalArgumentException when {@code userId} is blank
         */
        public Builder defaultUserId(String userId) {
            if (userId == null || userId.isBlank()) {
                throw new IllegalArgumentException("defaultUserId must not be blank, but was '" + userId + "'");
            }
            this.defaultUserId = userId;
            return this;
        }

        /**
         * The advisor's order (default {@link #DEFAULT_ORDER}). Outside Spring AI's tool calling advisor (an order
         * below {@code Ordered.HIGHEST_PRECEDENCE + 300}) it sees the turn as one call: the latency and token usage of
         * the whole turn, but not its tool calls and results.
         *
         * @param order the order
         * @return this builder
         */
        public Builder order(int order) {
            this.order = order;
            return this;
        }

        /**
         * The advisor.
         *
         * @return a new advisor
         */
        public TuneloopAdvisor build() {
            return new TuneloopAdvisor(this);
        }
    }
}
