package dev.tuneloop.springai;

import dev.tuneloop.record.InteractionRecorder;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationView;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.client.advisor.api.Advisor;
import org.springframework.ai.chat.client.advisor.observation.AdvisorObservationContext;
import org.springframework.ai.chat.client.observation.ChatClientObservationContext;
import org.springframework.ai.chat.observation.ChatModelObservationContext;

/**
 * Records every chat model call that Spring AI observes, for applications that change no code: registered in the
 * application's {@code ObservationRegistry} (the Spring Boot auto-configuration does it), it records from the
 * observation's {@code Prompt} and {@code ChatResponse} when the observation stops.
 *
 * <p><b>What is recorded</b> is what the model saw: the message list cut at its last user message (system prompt, prior
 * turns, user message, tool calls and results as steps), the tools offered, the answer, the model, the token usage and
 * the latency of the call. A call that ends in tool calls is counted, not recorded: the call that answers them records
 * the whole exchange. With a RAG advisor, the user message is the augmented one the model received, and the documents
 * are read from the calling advisor chain's context when the {@code ChatClient} was built with the registry.
 *
 * <p><b>The user.</b> Read from the calling {@code ChatClient}'s advisor context ({@link TuneloopAdvisor#USER_ID},
 * {@link TuneloopAdvisor#SESSION_ID}) when the client was built with the registry, else from the
 * {@link Builder#userId(Supplier) resolver} (called on the thread that stops the observation: for a stream, a Reactor
 * thread), else {@link TuneloopAdvisor#DEFAULT_USER_ID}.
 *
 * <p><b>Never twice.</b> A call made by a {@code ChatClient} that has a {@link TuneloopAdvisor} is skipped here (the
 * advisor records it). The handler knows it from the parent observations, so the {@code ChatClient} must be built with
 * the same {@code ObservationRegistry} (Boot's {@code ChatClient.Builder} is); a client built without one, and with the
 * advisor, is recorded twice while both are registered: register only one of them for such a client.
 *
 * <p>Never throws; thread-safe.
 */
public final class TuneloopObservationHandler implements ObservationHandler<ChatModelObservationContext> {
    private static final String START = TuneloopObservationHandler.class.getName() + ".start";
    private static final int MAX_PARENTS = 64;

    private final Capture capture;
    private final Supplier<@Nullable String> userId;

    private TuneloopObservationHandler(Builder b) {
        this.capture = new Capture(b.recorder, b.defaultUserId, "Spring AI observation handler");
        this.userId = b.userId;
    }

    /**
     * A handler that records through this recorder.
     *
     * @param recorder the recorder; an asynchronous one, so that recording never waits on the store
     * @return the handler
     */
    public static TuneloopObservationHandler create(InteractionRecorder recorder) {
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

    /**
     * What this handler did since it was made.
     *
     * @return the counts
     */
    public CaptureStats stats() {
        return capture.stats();
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof ChatModelObservationContext;
    }

    @Override
    public void onStart(ChatModelObservationContext context) {
        try {
            context.put(START, System.nanoTime());
        } catch (RuntimeException e) {
            capture.failed(e);
        }
    }

    @Override
    public void onStop(ChatModelObservationContext context) {
        try {
            Long start = context.get(START);
            Duration latency = start == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - start);
            Map<String, ?> advisorContext = Map.of();
            ObservationView p = context.getParentObservation();
            for (int depth = 0; p != null && depth < MAX_PARENTS; depth++) {
                Observation.ContextView parent = p.getContextView();
                if (parent instanceof ChatClientObservationContext client) {
                    for (Advisor a : client.getAdvisors()) {
                        if (a instanceof TuneloopAdvisor) {
                            capture.skipped();
                            return;
                        }
                    }
                    if (advisorContext.isEmpty()) {
                        advisorContext = client.getRequest().context();
                    }
                    break;
                }
                if (parent instanceof AdvisorObservationContext advisor && advisorContext.isEmpty()) {
                    // the innermost advisor's request: the context as the model call saw it (RAG documents included)
                    advisorContext = advisor.getChatClientRequest().context();
                }
                p = parent.getParentObservation();
            }
            String user = string(advisorContext, TuneloopAdvisor.USER_ID);
            if (user == null) {
                user = userId.get();
            }
            capture.record(
                    context.getRequest(),
                    context.getResponse(),
                    advisorContext,
                    user,
                    string(advisorContext, TuneloopAdvisor.SESSION_ID),
                    latency,
                    null);
        } catch (RuntimeException | LinkageError e) {
            capture.failed(e);
        }
    }

    private static @Nullable String string(Map<String, ?> context, String key) {
        Object v = context.get(key);
        return v == null ? null : v.toString();
    }

    /** Settings for a {@link TuneloopObservationHandler}; not thread-safe. */
    public static final class Builder {
        private final InteractionRecorder recorder;
        private Supplier<@Nullable String> userId = () -> null;
        private String defaultUserId = TuneloopAdvisor.DEFAULT_USER_ID;

        private Builder(InteractionRecorder recorder) {
            this.recorder = Objects.requireNonNull(recorder, "recorder");
        }

        /**
         * Where the end user's id comes from when the calling {@code ChatClient}'s context names none, e.g. the
         * application's security context. Called on the thread that stops the observation; null for none.
         *
         * @param resolver gives the user's id, or null
         * @return this builder
         */
        public Builder userId(Supplier<@Nullable String> resolver) {
            this.userId = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /**
         * The user id recorded when no other source names one (default {@value TuneloopAdvisor#DEFAULT_USER_ID}).
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
         * The handler.
         *
         * @return a new handler
         */
        public TuneloopObservationHandler build() {
            return new TuneloopObservationHandler(this);
        }
    }
}
