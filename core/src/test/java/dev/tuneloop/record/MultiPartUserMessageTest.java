package dev.tuneloop.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.store.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The final user message given as content parts: {@code userMessage} is their joined text, {@code messages()} shows
 * the parts, the host path checks them on the worker and counts a broken rule, and nothing shows text or references.
 */
class MultiPartUserMessageTest {
    private static final List<ContentPart> CHART = List.of(
            ContentPart.text("What does this chart show?"),
            ContentPart.imageUrl("https://img.example/q3-revenue.png", "image/png"),
            ContentPart.text("Answer in one line."));

    private static Interaction.Builder chart() {
        return Interaction.builder()
                .userId("user-42")
                .userMessageParts(CHART)
                .assistantResponse("Revenue by quarter, up 94% year over year.")
                .modelUsed("gpt-4o");
    }

    @Test
    void theUserMessageIsTheJoinedTextAndMessagesShowTheParts() {
        Interaction i = chart().systemPrompt("You read charts.").build();
        assertThat(i.userMessage()).isEqualTo("What does this chart show?\nAnswer in one line.");
        assertThat(i.userMessageParts()).isEqualTo(CHART);
        assertThat(i.hasUserMessageParts()).isTrue();
        List<ChatMessage> messages = i.messages();
        assertThat(messages).hasSize(3);
        assertThat(messages.get(1)).isEqualTo(ChatMessage.ofParts(Role.USER, CHART));
        assertThat(i.userChatMessage()).isEqualTo(messages.get(1));
        // the seed's simple case is unchanged
        Interaction plain = chart().userMessage("What does this chart show?").build();
        assertThat(plain.userMessageParts()).isEmpty();
        assertThat(plain.hasUserMessageParts()).isFalse();
        assertThat(plain.messages().get(0)).isEqualTo(ChatMessage.user("What does this chart show?"));
        // toBuilder keeps the parts; a text given later replaces them
        assertThat(i.toBuilder().build()).isEqualTo(i);
        assertThat(i.toBuilder().userMessage("Plain").build().userMessageParts())
                .isEmpty();
    }

    @Test
    void toStringShowsNeitherTextNorReferences() {
        Interaction i = chart().build();
        assertThat(i.toString())
                .contains("userMessageParts=3")
                .doesNotContain("chart show", "img.example", "q3-revenue", "one line");
    }

    @Test
    void theCanonicalConstructorRequiresTheJoinedText() {
        Interaction i = chart().build();
        assertThatThrownBy(() -> new Interaction(
                        i.id(),
                        i.createdAt(),
                        i.userId(),
                        null,
                        null,
                        "Something else",
                        i.assistantResponse(),
                        null,
                        i.modelUsed(),
                        null,
                        null,
                        0,
                        0,
                        null,
                        null,
                        null,
                        CHART))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("userMessage must be the text parts of userMessageParts joined by a newline");
    }

    @Test
    void theStrictBuildNamesEachBrokenRule() {
        assertThatThrownBy(() -> chart().userMessageParts(List.of(ContentPart.text("a\u0000b")))
                        .build())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("userMessage must not contain U+0000 (NUL)")
                .hasMessageNotContaining("a\u0000b");
        // an image alone has no text: the user message must still have some
        assertThatThrownBy(
                        () -> chart().userMessageParts(List.of(ContentPart.imageUrl("https://img.example/a.png", null)))
                                .build())
                .hasMessageContaining("userMessage must not be empty or blank");
        assertThatThrownBy(() -> chart().userMessageParts(List.of()).build())
                .hasMessageContaining("userMessageParts must not be empty when given");
        assertThatThrownBy(() -> chart().userMessageParts(Collections.nCopies(65, ContentPart.text("x")))
                        .build())
                .hasMessageContaining("userMessageParts must have at most 64 parts, but has 65");
        List<ContentPart> withNull = new ArrayList<>(CHART);
        withNull.add(null);
        assertThatThrownBy(() -> chart().userMessageParts(withNull).build())
                .hasMessageContaining("userMessageParts must not contain null");
        assertThatThrownBy(() -> chart().userMessageParts(
                                List.of(ContentPart.text("q"), ContentPart.imageFile("file-\uD800", null)))
                        .build())
                .hasMessageContaining("userMessageParts.fileId must be valid Unicode");
    }

    @Test
    void theHostPathNeverThrowsAndCountsEachRuleOnTheWorker() {
        Store store = Store.inMemory();
        String over = "x".repeat(Limits.DEFAULT_MAX_TEXT_BYTES / 2 + 1);
        Map<String, Interaction.Builder> invalid = Map.of(
                "userMessage must not contain U+0000 (NUL)",
                        chart().userMessageParts(List.of(ContentPart.text("a\u0000b"))),
                "userMessage must be at most 1048576 UTF-8 bytes",
                        chart().userMessageParts(List.of(ContentPart.text(over), ContentPart.text(over))),
                "userMessageParts must have at most 64 parts",
                        chart().userMessageParts(Collections.nCopies(65, ContentPart.text("x"))),
                "userMessageParts.url must be valid Unicode, but has an unpaired surrogate",
                        chart().userMessageParts(List.of(
                                ContentPart.text("q"), ContentPart.imageUrl("https://img.example/\uDC00", null))));
        List<InteractionId> invalidIds = new ArrayList<>();
        InteractionId valid;
        try (InteractionRecorder recorder = InteractionRecorder.async(
                store.interactions(), AsyncInteractionRecorderTest.fast().build())) {
            for (Interaction.Builder b : invalid.values()) {
                invalidIds.add(recorder.log(b)); // a throw here fails the test
            }
            valid = recorder.log(chart());
            assertThat(recorder.flush(Duration.ofSeconds(30))).isTrue();
            Map<String, Long> byRule = recorder.stats().rejectedByRule();
            assertThat(byRule).containsOnlyKeys(invalid.keySet());
            assertThat(byRule.values()).containsOnly(1L);
            assertThat(recorder.stats().persisted()).isEqualTo(1);
        }
        for (InteractionId id : invalidIds) {
            assertThat(store.interactions().find(id)).isEmpty();
        }
        assertThat(store.interactions().find(valid).orElseThrow().interaction().userMessageParts())
                .isEqualTo(CHART);
    }

    @Test
    void guideExample() {
        Store store = Store.inMemory();
        InteractionRecorder recorder = InteractionRecorder.sync(store.interactions());
        // snippet:multi-part-user-message
        InteractionId id = recorder.log(Interaction.builder()
                .userId("user-42")
                .userMessageParts(List.of(
                        ContentPart.text("What does this chart show?"),
                        ContentPart.imageUrl("https://img.example/q3-revenue.png", "image/png")))
                .assistantResponse("Revenue by quarter, up 94% year over year.")
                .modelUsed("gpt-4o"));
        Interaction stored = store.interactions().find(id).orElseThrow().interaction();
        // stored.userMessage(): "What does this chart show?" (the text parts, joined by a newline)
        // stored.messages().get(0).parts(): the text part and the image's URL
        // end-snippet:multi-part-user-message
        assertThat(stored.userMessage()).isEqualTo("What does this chart show?");
        assertThat(stored.messages().get(0).parts()).hasSize(2);
    }
}
