package dev.tuneloop.curate;

import static dev.tuneloop.curate.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuneloop.export.ExportFormat;
import dev.tuneloop.export.ExportOptions;
import dev.tuneloop.export.ExportReport;
import dev.tuneloop.export.JsonlExporter;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.ContentPart;
import dev.tuneloop.record.FeedbackEvent;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.Rating;
import dev.tuneloop.record.ToolCall;
import dev.tuneloop.record.ToolDefinition;
import dev.tuneloop.store.Store;
import dev.tuneloop.testing.TestClock;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A tool-calling interaction through curation: the reviewer sees the calls, and an improved answer is the last turn. */
class ToolCallCurationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ToolDefinition GET_FILING = new ToolDefinition(
            "get_filing",
            "Fetches a filing",
            "{\"type\":\"object\",\"properties\":{\"ticker\":{\"type\":\"string\"}}}");

    private final Store store = Store.inMemory();
    // a held-out example is never exported: a share below one bucket in 10 000 rounds to none held out
    private final Curator curator = Curator.create(
            store.interactions(),
            store.examples(),
            CurationOptions.builder()
                    .clock(TestClock.at(NOW))
                    .taxonomy(Taxonomy.SEED)
                    .holdout(HoldoutSettings.builder()
                            .share(1e-12)
                            .bootstrapShare(1e-12)
                            .minHoldout(0)
                            .build())
                    .build());

    private Interaction recordToolCallingChat() {
        Interaction i = Interaction.builder()
                .createdAt(NOW.minusSeconds(600))
                .userId("u1")
                .systemPrompt("You are a financial analyst assistant.")
                .userMessage("Compare NVDA and AMD revenue per their 10-Q.")
                .addToolCalls(
                        "",
                        List.of(
                                new ToolCall("call_1", "get_filing", "{\"ticker\":\"NVDA\"}"),
                                new ToolCall("call_2", "get_filing", "{\"ticker\":\"AMD\"}")))
                .addToolResult("call_1", "{\"revenue\":\"35.1B\"}")
                .addToolResult("call_2", "{\"revenue\":\"6.8B\"}")
                .addTool(GET_FILING)
                .assistantResponse("NVDA earned more.")
                .modelUsed("gpt-4o-mini")
                .build();
        store.interactions().append(List.of(i), List.of(FeedbackEvent.of(i.id(), NOW.minusSeconds(500), Rating.up())));
        return i;
    }

    @Test
    void recordTimeRedactionMasksEachTextPartAndKeepsTheImageReferences() {
        Interaction i = Interaction.builder()
                .createdAt(NOW.minusSeconds(600))
                .userId("u2")
                .priorTurns(List.of(
                        ChatMessage.ofParts(
                                dev.tuneloop.record.Role.USER,
                                List.of(
                                        ContentPart.text("Mail ann.lee@example.com this chart"),
                                        ContentPart.imageUrl("https://img.example/q3.png", "image/png"),
                                        ContentPart.text("thanks"))),
                        ChatMessage.assistant("Done.")))
                .userMessage("And the trend?")
                .assistantResponse("Up 94%.")
                .modelUsed("gpt-4o-mini")
                .build();
        store.interactions().append(List.of(i), List.of(FeedbackEvent.of(i.id(), NOW.minusSeconds(500), Rating.up())));
        Curator redacting = Curator.create(
                store.interactions(),
                store.examples(),
                CurationOptions.builder()
                        .clock(TestClock.at(NOW))
                        .taxonomy(Taxonomy.SEED)
                        .redactor(dev.tuneloop.redact.Redactor.standard())
                        .build());
        TrainingExample e = redacting.approve(
                i.id(), Review.by("ann").category(Category.SEC_10Q).quality(8).build());
        ChatMessage turn = e.priorTurns().get(0);
        assertThat(turn.parts())
                .containsExactly(
                        ContentPart.text("Mail [EMAIL] this chart"),
                        ContentPart.imageUrl("https://img.example/q3.png", "image/png"),
                        ContentPart.text("thanks"));
        assertThat(turn.content()).isEqualTo("Mail [EMAIL] this chart\nthanks");
        assertThat(store.interactions().find(i.id()).orElseThrow().interaction().priorTurns())
                .isEqualTo(i.priorTurns());
    }

    @Test
    void recordTimeRedactionMasksEachTextPartOfTheFinalUserMessage() {
        Interaction i = Interaction.builder()
                .createdAt(NOW.minusSeconds(600))
                .userId("u3")
                .userMessageParts(List.of(
                        ContentPart.text("Mail ann.lee@example.com this chart"),
                        ContentPart.imageUrl("https://img.example/q3.png", "image/png"),
                        ContentPart.text("thanks")))
                .assistantResponse("Up 94%.")
                .modelUsed("gpt-4o-mini")
                .build();
        store.interactions().append(List.of(i), List.of(FeedbackEvent.of(i.id(), NOW.minusSeconds(500), Rating.up())));
        Curator redacting = Curator.create(
                store.interactions(),
                store.examples(),
                CurationOptions.builder()
                        .clock(TestClock.at(NOW))
                        .taxonomy(Taxonomy.SEED)
                        .redactor(dev.tuneloop.redact.Redactor.standard())
                        .build());
        TrainingExample e = redacting.approve(
                i.id(), Review.by("ann").category(Category.SEC_10Q).quality(8).build());
        assertThat(e.userMessageParts())
                .containsExactly(
                        ContentPart.text("Mail [EMAIL] this chart"),
                        ContentPart.imageUrl("https://img.example/q3.png", "image/png"),
                        ContentPart.text("thanks"));
        assertThat(e.userMessage()).isEqualTo("Mail [EMAIL] this chart\nthanks");
        assertThat(e.userChatMessage().parts()).isEqualTo(e.userMessageParts());
        assertThat(e.toString()).doesNotContain("ann.lee", "img.example");
        // the re-reviewed copy keeps them; the interaction keeps the original text
        TrainingExample again = redacting.reReview(
                e.id(), Review.by("bob").category(Category.SEC_10Q).quality(9).build());
        assertThat(again.userMessageParts()).isEqualTo(e.userMessageParts());
        assertThat(store.interactions().find(i.id()).orElseThrow().interaction().userMessageParts())
                .isEqualTo(i.userMessageParts());
    }

    @Test
    void theCandidateCarriesTheStepsAndTools() {
        Interaction i = recordToolCallingChat();
        Candidate c = curator.candidates(CurationPolicy.seedDefault()).get(0);
        assertThat(c.steps()).isEqualTo(i.steps());
        assertThat(c.tools()).containsExactly(GET_FILING);
        assertThat(c.originalResponse()).isEqualTo("NVDA earned more.");
        assertThat(c.toString()).contains("steps=3").doesNotContain("NVDA");
    }

    @Test
    void anImprovedAnswerReplacesOnlyTheFinalAssistantMessage() throws Exception {
        Interaction i = recordToolCallingChat();
        String improved = "Per their 10-Q filings, NVIDIA's revenue was $35.1B against AMD's $6.8B.";
        curator.approve(
                i.id(),
                Review.by("ann")
                        .category(Category.SEC_10Q)
                        .quality(8)
                        .improvedResponse(improved)
                        .build());

        for (ExportFormat format : List.of(ExportFormat.SUPERVISED, ExportFormat.PREFERENCE)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ExportReport r = JsonlExporter.create(store.examples())
                    .export(
                            ExportOptions.builder()
                                    .format(format)
                                    .redact(false)
                                    .minExamples(0)
                                    .build(),
                            out);
            assertThat(r.written()).as(format.name()).isEqualTo(1);
            assertThat(r.validation().errors()).as(r.validation().toString()).isZero();
            JsonNode line = JSON.readTree(out.toString(StandardCharsets.UTF_8));
            JsonNode messages = format == ExportFormat.SUPERVISED
                    ? line.get("messages")
                    : line.get("input").get("messages");
            // system, user, the assistant's two calls, their two results
            assertThat(messages.get(2).get("tool_calls")).hasSize(2);
            assertThat(messages.get(3).get("tool_call_id").textValue()).isEqualTo("call_1");
            assertThat(messages.get(4).get("content").textValue()).isEqualTo("{\"revenue\":\"6.8B\"}");
            assertThat(line.toString()).contains("\"get_filing\"");
            if (format == ExportFormat.SUPERVISED) {
                assertThat(messages).hasSize(6);
                assertThat(messages.get(5).get("role").textValue()).isEqualTo("assistant");
                assertThat(messages.get(5).get("content").textValue()).isEqualTo(improved);
                assertThat(line.toString()).doesNotContain("NVDA earned more.");
            } else {
                assertThat(messages).hasSize(5);
                assertThat(line.get("input")
                                .get("tools")
                                .get(0)
                                .get("function")
                                .get("name")
                                .textValue())
                        .isEqualTo("get_filing");
                assertThat(line.get("preferred_output").get(0).get("content").textValue())
                        .isEqualTo(improved);
                assertThat(line.get("non_preferred_output")
                                .get(0)
                                .get("content")
                                .textValue())
                        .isEqualTo("NVDA earned more.");
            }
        }
        ChatMessage lastStep = i.steps().get(i.steps().size() - 1);
        assertThat(lastStep.toolCallId()).isEqualTo("call_2");
    }
}
