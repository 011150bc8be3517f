package dev.tuneloop.openai;

import com.openai.core.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A {@link Sleeper} that records the SDK's retry delays instead of waiting. */
final class NoSleep implements Sleeper {
    private final List<Duration> sleeps = new ArrayList<>();

    @Override
    public synchronized void sleep(Duration duration) {
        sleeps.add(duration);
    }

    @Override
    public synchronized CompletableFuture<Void> sleepAsync(Duration duration) {
        sleeps.add(duration);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {}

    synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }
}
