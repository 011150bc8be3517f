package dev.tuneloop.curate;

import dev.tuneloop.record.Edit;
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
import java.util.Map;

/** Builds interactions with feedback in a store, for curation tests. */
final class Fixtures {
    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    private Fixtures() {}

    /** What to record for one interaction. */
    static final class Spec {
        Instant createdAt = NOW.minus(Duration.ofHours(1));
        String userId = "user-1";
        String model = "gpt-4o-mini";
        String systemPrompt = "You are a financial analyst assistant.";
        String question = "What was NVDA revenue in Q3?";
        String answer = "NVIDIA reported Q3 revenue of $35.1B.";
        Map<String, String> metadata = Map.of();
        Rating rating = Rating.up();
        String edit;
        boolean followUp;

        Spec at(Instant t) {
            createdAt = t;
            return this;
        }

        Spec user(String u) {
            userId = u;
            return this;
        }

        Spec model(String m) {
            model = m;
            return this;
        }

        Spec prompt(String p) {
            systemPrompt = p;
            return this;
        }

        Spec question(String q) {
            question = q;
            return this;
        }

        Spec answer(String a) {
            answer = a;
            return this;
        }

        Spec metadata(Map<String, String> m) {
            metadata = m;
            return this;
        }

        Spec rating(Rating r) {
            rating = r;
            return this;
        }

        Spec edit(String e) {
            edit = e;
            return this;
        }

        Spec followUp(boolean f) {
            followUp = f;
            return this;
        }
    }

    static Spec spec() {
        return new Spec();
    }

    /** Records the interaction and its feedback (each one second after the interaction), returning its id. */
    static InteractionId record(Store store, Spec s) {
        Interaction i = Interaction.builder()
                .createdAt(s.createdAt)
                .userId(s.userId)
                .systemPrompt(s.systemPrompt)
                .userMessage(s.question)
                .assistantResponse(s.answer)
                .modelUsed(s.model)
                .metadata(s.metadata)
                .build();
        List<FeedbackEvent> events = new ArrayList<>();
        Instant at = s.createdAt.plusSeconds(1);
        if (s.rating != null) {
            events.add(FeedbackEvent.of(i.id(), at, s.rating));
        }
        if (s.edit != null) {
            events.add(FeedbackEvent.of(i.id(), at.plusSeconds(1), new Edit(s.edit, s.userId)));
        }
        if (s.followUp) {
            events.add(FeedbackEvent.of(i.id(), at.plusSeconds(2), FollowUp.of()));
        }
        store.interactions().append(List.of(i), events);
        return i.id();
    }
}
