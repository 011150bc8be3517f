package dev.tuneloop.testing;

import dev.tuneloop.errors.RetriableException;
import dev.tuneloop.errors.TuneloopException;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.model.ChatModel;
import dev.tuneloop.model.ChatRequest;
import dev.tuneloop.model.ChatResponse;
import dev.tuneloop.model.TokenUsage;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ChatModel} for tests that answers from a script, with no network.
 *
 * <p>Answers are looked up in this order: an exact answer for {@code (model, last user message)}, a function for the
 * model, the fallback function. A request nothing answers fails with a {@link TuneloopException} naming the model.
 * The first {@code n} calls can be made to fail ({@link Builder#failFirst}), and a hook can run inside each call
 * (to block, count or fail it), so retries, timeouts and concurrency can be tested without sleeping.
 *
 * <p>Every call is recorded ({@link #calls()}), failed ones too, with the peak number of calls in flight
 * ({@link #maxConcurrentCalls()}). Token usage is estimated as one token per four characters, rounded up.
 * Thread-safe.
 */
public final class ScriptedChatModel implements ChatModel {
    private final Map<Key, String> exact;
    private final Map<String, Function<ChatRequest, String>> perModel;
    private final @Nullable Function<ChatRequest, String> fallback;
    private final int failures;
    private final @Nullable Supplier<? extends RuntimeException> failure; // set whenever failures > 0
    private final @Nullable Consumer<ChatRequest> hook;

    private final List<ChatRequest> calls = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger started = new AtomicInteger();

    private ScriptedChatModel(Builder b) {
        this.exact = Map.copyOf(b.exact);
        this.perModel = Map.copyOf(b.perModel);
        this.fallback = b.fallback;
        this.failures = b.failures;
        this.failure = b.failure;
        this.hook = b.hook;
    }

    /**
     * A builder with no answers, no failures and no hook.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A model that answers every request with {@code answer.apply(request)}.
     *
     * @param answer makes the answer's text from the request; must not return null
     * @return the model
     */
    public static ScriptedChatModel answering(Function<ChatRequest, String> answer) {
        return builder().fallback(answer).build();
    }

    @Override
    public ChatResponse complete(ChatRequest request) {
        Objects.requireNonNull(request, "request");
        synchronized (calls) {
            calls.add(request);
        }
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            int n = started.incrementAndGet();
            if (hook != null) {
                hook.accept(request);
            }
            if (failure != null && n <= failures) {
                throw failure.get();
            }
            String text = answerFor(request);
            long promptChars = request.messages().stream()
                    .mapToLong(m -> m.content().length())
                    .sum();
            return new ChatResponse(
                    text,
                    request.model(),
                    new TokenUsage((promptChars + 3) / 4, (text.length() + 3) / 4),
                    Duration.ZERO);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private String answerFor(ChatRequest request) {
        String exactAnswer = exact.get(new Key(request.model(), lastUserMessage(request)));
        if (exactAnswer != null) {
            return exactAnswer;
        }
        Function<ChatRequest, String> f = perModel.get(request.model());
        if (f == null) {
            f = fallback;
        }
        if (f == null) {
            throw new TuneloopException("no scripted answer for model " + request.model() + " and prompt "
                    + request.promptHash().substring(0, 12));
        }
        return Objects.requireNonNull(f.apply(request), "a scripted answer function returned null");
    }

    private static String lastUserMessage(ChatRequest request) {
        List<ChatMessage> m = request.messages();
        for (int i = m.size() - 1; i >= 0; i--) {
            if (m.get(i).role() == Role.USER) {
                return m.get(i).content();
            }
        }
        return "";
    }

    /**
     * Every request received so far, in arrival order (failed calls included).
     *
     * @return a snapshot of the requests
     */
    public List<ChatRequest> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /**
     * The number of calls received so far.
     *
     * @return the number of calls, failed ones included
     */
    public int callCount() {
        synchronized (calls) {
            return calls.size();
        }
    }

    /**
     * The requests received for {@code model}, in arrival order.
     *
     * @param model the model id
     * @return a snapshot of the requests naming that model
     */
    public List<ChatRequest> callsFor(String model) {
        return calls().stream().filter(r -> r.model().equals(model)).toList();
    }

    /**
     * The most calls that were in progress at the same moment.
     *
     * @return the peak number of concurrent calls
     */
    public int maxConcurrentCalls() {
        return maxInFlight.get();
    }

    /** Builds a {@link ScriptedChatModel}; not thread-safe. */
    public static final class Builder {
        private final Map<Key, String> exact = new HashMap<>();
        private final Map<String, Function<ChatRequest, String>> perModel = new HashMap<>();
        private @Nullable Function<ChatRequest, String> fallback;
        private int failures;
        private @Nullable Supplier<? extends RuntimeException> failure;
        private @Nullable Consumer<ChatRequest> hook;

        private Builder() {}

        /**
         * Answer {@code text} when {@code model} is asked with {@code userMessage} as the last user message (an empty
         * message matches a request without a user message).
         *
         * @param model the model id
         * @param userMessage the last user message, exactly
         * @param text the answer
         * @return this builder
         */
        public Builder answer(String model, String userMessage, String text) {
            exact.put(
                    new Key(Objects.requireNonNull(model, "model"), Objects.requireNonNull(userMessage, "userMessage")),
                    Objects.requireNonNull(text, "text"));
            return this;
        }

        /**
         * Answer every request to {@code model} that has no exact answer with {@code answer.apply(request)}.
         *
         * @param model the model id
         * @param answer makes the answer's text from the request; must not return null
         * @return this builder
         */
        public Builder answer(String model, Function<ChatRequest, String> answer) {
            perModel.put(Objects.requireNonNull(model, "model"), Objects.requireNonNull(answer, "answer"));
            return this;
        }

        /**
         * Answer any request nothing else answers.
         *
         * @param answer makes the answer's text from the request; must not return null
         * @return this builder
         */
        public Builder fallback(Function<ChatRequest, String> answer) {
            this.fallback = Objects.requireNonNull(answer, "answer");
            return this;
        }

        /**
         * The first {@code n} calls (over all models) throw a {@link RetriableException}, as a rate limit would.
         *
         * @param n how many calls fail, {@code >= 0}
         * @return this builder
         * @throws dev.tuneloop.errors.ValidationException when {@code n} is negative
         */
        public Builder failFirst(int n) {
            return failFirst(n, () -> new RetriableException("scripted failure (HTTP 429)"));
        }

        /**
         * The first {@code n} calls (over all models) throw what {@code error} supplies.
         *
         * @param n how many calls fail, {@code >= 0}
         * @param error supplies the exception for each failing call
         * @return this builder
         * @throws dev.tuneloop.errors.ValidationException when {@code n} is negative
         */
        public Builder failFirst(int n, Supplier<? extends RuntimeException> error) {
            if (n < 0) {
                throw new ValidationException("failFirst n must be >= 0, but was " + n);
            }
            this.failures = n;
            this.failure = Objects.requireNonNull(error, "error");
            return this;
        }

        /**
         * Runs {@code hook} inside every call, before the scripted failure or answer: it may block (on a latch,
         * to hold calls in flight), record, or throw to fail the call.
         *
         * @param hook called with each request on the caller's thread
         * @return this builder
         */
        public Builder onCall(Consumer<ChatRequest> hook) {
            this.hook = Objects.requireNonNull(hook, "hook");
            return this;
        }

        /**
         * Builds the model; the builder's later changes do not affect it.
         *
         * @return the model
         */
        public ScriptedChatModel build() {
            return new ScriptedChatModel(this);
        }
    }

    private record Key(String model, String userMessage) {}
}
