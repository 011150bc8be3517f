package dev.tuneloop.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.Tuneloop;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.store.Store;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Edits and follow-up messages obey the configured text limit, like the interaction texts they belong to. */
class FeedbackLimitsTest {

    @Test
    void anEditOverTheDefaultTextLimitIsRefusedByBothRecorders() {
        String tooLong = "x".repeat(Limits.DEFAULT_MAX_TEXT_BYTES + 1);
        Store store = Store.inMemory();
        try (InteractionRecorder async = InteractionRecorder.async(store.interactions())) {
            InteractionId id = async.log(AsyncInteractionRecorderTest.interaction(1));
            assertThatThrownBy(() -> async.edit(id, tooLong))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("editedResponse")
                    .hasMessageContaining("at most " + Limits.DEFAULT_MAX_TEXT_BYTES + " UTF-8 bytes");
            assertThat(async.flush(Duration.ofSeconds(20))).isTrue();
            assertThat(store.interactions().find(id).orElseThrow().feedback().edits())
                    .isEmpty();
        }
        InteractionRecorder sync = InteractionRecorder.sync(store.interactions());
        InteractionId id = sync.log(AsyncInteractionRecorderTest.interaction(2));
        assertThatThrownBy(() -> sync.edit(id, tooLong))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("editedResponse");
        assertThat(store.interactions().find(id).orElseThrow().feedback().edits())
                .isEmpty();
    }

    @Test
    void theTuneloopLimitsApplyToEditsAndFollowUpsOnEitherRecorder() {
        Limits small = Limits.DEFAULT.toBuilder().maxTextBytes(1024).build();
        for (boolean synchronous : new boolean[] {false, true}) {
            Tuneloop.Builder b = Tuneloop.builder().store(Store.inMemory()).limits(small);
            if (synchronous) {
                b.synchronousRecorder();
            }
            try (Tuneloop tuneloop = b.build()) {
                InteractionRecorder r = tuneloop.recorder();
                InteractionId id = r.log(tuneloop.interaction()
                        .userId("u")
                        .userMessage("q")
                        .assistantResponse("a")
                        .modelUsed("m")
                        .build());
                assertThatThrownBy(() -> r.edit(id, "é".repeat(600))) // 1 200 UTF-8 bytes
                        .as("synchronous=%s", synchronous)
                        .isInstanceOf(ValidationException.class)
                        .hasMessage("editedResponse must be at most 1024 UTF-8 bytes, but was 1200");
                assertThatThrownBy(() -> r.followUp(id, "y".repeat(1025)))
                        .as("synchronous=%s", synchronous)
                        .isInstanceOf(ValidationException.class)
                        .hasMessageContaining("followUp.message")
                        .hasMessageContaining("1024");
                r.edit(id, "é".repeat(512)); // exactly 1 024 bytes
                r.followUp(id, "y".repeat(1024));
                assertThat(r.flush(Duration.ofSeconds(20))).isTrue();
                RecordedInteraction rec =
                        tuneloop.store().interactions().find(id).orElseThrow();
                assertThat(rec.feedback().edits()).hasSize(1);
                assertThat(rec.feedback().hadFollowUp()).isTrue();
            }
        }
    }
}
