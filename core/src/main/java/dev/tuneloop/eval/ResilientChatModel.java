package dev.tuneloop.eval;

import dev.tuneloop.errors.RetriableException;
import dev.tuneloop.errors.TuneloopException;
import dev.tuneloop.model.ChatModel;
import dev.tuneloop.model.ChatRequest;
import dev.tuneloop.model.ChatResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * A chat model behind a completion cache, a per-call timeout and retries with capped exponential backoff and jitter
 * on {@link RetriableException} (a timeout counts as one). Other failures are not retried. Not API.
 */
final class ResilientChatModel implements ChatModel {

    /** An answer, whether it came from the cache, and how many calls it took (0 when cached). */
    record Outcome(ChatResponse response, boolean cached, int attempts) {}

    private final ChatModel delegate;
    private final @Nullable CompletionCache cache;
    private final int maxRetries;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration timeout;
    private final ExecutorService callPool;

    ResilientChatModel(
            ChatModel delegate,
            @Nullable CompletionCache cache,
            int maxRetries,
            Duration initialBackoff,
            Duration maxBackoff,
            Duration timeout,
            ExecutorService callPool) {
        this.delegate = delegate;
        this.cache = cache;
        this.maxRetries = maxRetries;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.timeout = timeout;
        this.callPool = callPool;
    }

    @Override
    public ChatResponse complete(ChatRequest request) {
        return call(request).response();
    }

    /** Answers from the cache, else calls the model, retrying as configured, and caches the answer. */
    Outcome call(ChatRequest request) {
        String hash = request.promptHash();
        if (cache != null) {
            var hit = cache.get(request.model(), hash);
            if (hit.isPresent()) {
                return new Outcome(hit.get(), true, 0);
            }
        }
        for (int attempt = 1; ; attempt++) {
            if (attempt > 1) {
                backoff(attempt - 1);
            }
            try {
                ChatResponse r = once(request);
                if (cache != null) {
                    cache.put(request.model(), hash, r);
                }
                return new Outcome(r, false, attempt);
            } catch (RetriableException e) {
                if (attempt > maxRetries) {
                    throw new RetriableException(
                            "call to model " + request.model() + " failed after " + attempt + " attempts: "
                                    + e.getMessage(),
                            e);
                }
            }
        }
    }

    private ChatResponse once(ChatRequest request) {
        Future<ChatResponse> f = callPool.submit(() -> delegate.complete(request));
        try {
            return f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new RetriableException(
                    "call to model " + request.model() + " timed out after " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new TuneloopException("interrupted while calling model " + request.model(), e);
        } catch (ExecutionException e) {
            // a FutureTask always sets the cause; the fallback only keeps the type non-null
            Throwable cause = Objects.requireNonNullElse(e.getCause(), e);
            if (cause instanceof TuneloopException te) {
                throw te;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new TuneloopException(
                    "call to model " + request.model() + " failed with "
                            + cause.getClass().getName(),
                    cause);
        }
    }

    private void backoff(int retry) {
        long base = initialBackoff.toMillis();
        if (base <= 0) {
            return;
        }
        long capped = Math.min(maxBackoff.toMillis(), base << Math.min(20, retry - 1));
        long delay = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TuneloopException("interrupted while waiting to retry", e);
        }
    }
}
