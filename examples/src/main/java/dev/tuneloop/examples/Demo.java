package dev.tuneloop.examples;

import dev.tuneloop.Tuneloop;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.record.Rating;
import dev.tuneloop.store.InMemoryStore;
import dev.tuneloop.store.InteractionStore;
import dev.tuneloop.store.ScanQuery;

import java.time.Duration;

/** The demo the README's first command runs. */
public final class Demo {
    private Demo() {
    }

    public static void main(String[] args) {
        InMemoryStore store = InteractionStore.inMemory();
        try (Tuneloop tuneloop = Tuneloop.builder().store(store).build()) {
            InteractionRecorder recorder = tuneloop.recorder();
            InteractionId id = recorder.log(tuneloop.interaction()
                    .userId("user-1")
                    .systemPrompt("You are a financial analyst assistant for SigmaSight...")
                    .userMessage("What was NVDA's SBC in Q3?")
                    .assistantResponse("NVIDIA's stock-based compensation in Q3 FY2025 was $1.4B...")
                    .modelUsed("gpt-4o-mini")
                    .build());
            recorder.rate(id, Rating.up());
            recorder.flush(Duration.ofSeconds(5));
            System.out.println("Phase 1 (data collection): " + store.count(ScanQuery.all()) + " interaction(s) recorded; "
                    + recorder.stats());
        }
    }
}
