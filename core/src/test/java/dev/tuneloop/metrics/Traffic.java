package dev.tuneloop.metrics;

import dev.tuneloop.record.Edit;
import dev.tuneloop.record.Feedback;
import dev.tuneloop.record.FeedbackEvent;
import dev.tuneloop.record.FollowUp;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.Rating;
import dev.tuneloop.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Writes synthetic interactions with chosen feedback into a store. Ids are random (v4) UUIDs, not the JVM-wide UUIDv7
 * generator: its monotonic counter is shared by every test in the JVM, and advancing it to these timestamps would
 * change the ids (and so the createdAt) that tests with an earlier fixed clock get.
 */
final class Traffic {
    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    private final Store store;
    private final List<Interaction> interactions = new ArrayList<>();
    private final List<FeedbackEvent> events = new ArrayList<>();
    private int seq;

    Traffic(Store store) {
        this.store = store;
    }

    /** Adds one interaction and returns its id. */
    InteractionId add(String model, Instant at, Duration latency, int promptTokens, int completionTokens) {
        Interaction i = Interaction.builder()
                .id(new InteractionId(UUID.randomUUID()))
                .createdAt(at)
                .userId("u" + seq++)
                .userMessage("q")
                .assistantResponse("a")
                .modelUsed(model)
                .latency(latency)
                .tokens(promptTokens, completionTokens)
                .build();
        interactions.add(i);
        return i.id();
    }

    InteractionId add(String model) {
        return add(model, T0.plusSeconds(seq), Duration.ZERO, 0, 0);
    }

    /** Adds {@code n} interactions of {@code model}, {@code down} of them rated down and {@code followUps} followed up. */
    void addMany(String model, int n, int down, int followUps) {
        for (int i = 0; i < n; i++) {
            InteractionId id = add(model);
            if (i < down) {
                rate(id, Rating.down());
            }
            if (i >= n - followUps) {
                followUp(id);
            }
        }
    }

    void rate(InteractionId id, Rating r) {
        events.add(event(id, r));
    }

    void edit(InteractionId id) {
        events.add(event(id, Edit.of("better")));
    }

    void followUp(InteractionId id) {
        events.add(event(id, FollowUp.of()));
    }

    private FeedbackEvent event(InteractionId id, Feedback feedback) {
        return new FeedbackEvent(UUID.randomUUID(), id, T0.plusSeconds(100_000 + events.size()), feedback);
    }

    /** Writes everything added so far. */
    void flush() {
        store.interactions().append(interactions, events);
        interactions.clear();
        events.clear();
    }
}
