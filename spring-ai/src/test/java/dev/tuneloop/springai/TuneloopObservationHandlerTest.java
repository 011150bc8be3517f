package dev.tuneloop.springai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.record.RecordedInteraction;
import dev.tuneloop.record.ScanQuery;
import dev.tuneloop.store.Store;
import io.micrometer.observation.ObservationRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

/**
 * The observation handler on Spring AI's real OpenAI chat model against a local chat completions server: calls made
 * without the advisor are recorded once; calls the advisor records are not recorded again.
 */
class TuneloopObservationHandlerTest {
    private final Store store = Store.inMemory();
    private final InteractionRecorder recorder = InteractionRecorder.async(store.interactions());
    private final ChatCompletionsServer server;
    private final TuneloopObservationHandler handler = TuneloopObservationHandler.builder(recorder)
            .userId(() -> "user-from-resolver")
            .build();
    private final ObservationRegistry registry = ObservationRegistry.create();
    private final OpenAiChatModel model;

    TuneloopObservationHandlerTest() throws IOException {
        server = new ChatCompletionsServer();
        registry.observationConfig().observationHandler(handler);
        model = OpenAiChatModel.builder()
                .options(OpenAiChatOptions.builder()
                        .baseUrl(server.baseUrl())
                        .apiKey("sk-test")
                        .model("gpt-4o-mini")
                        .maxRetries(0)
                        .streamUsage(true)
                        .build())
                .observationRegistry(registry)
                .build();
    }

    @AfterEach
    void close() {
        recorder.close();
        server.close();
    }

    private List<RecordedInteraction> recorded() {
        assertThat(recorder.flush(Duration.ofSeconds(10))).isTrue();
        List<RecordedInteraction> all = new ArrayList<>();
        store.interactions().scan(ScanQuery.all(), all::add);
        return all;
    }

    private void awaitHandled(long calls) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (handled() < calls && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        assertThat(handled()).as("calls the handler saw stop").isEqualTo(calls);
    }

    private long handled() {
        CaptureStats s = handler.stats();
        return s.recorded() + s.toolRounds() + s.skipped() + s.failed();
    }

    @Test
    void aChatModelCallIsRecordedOnce() {
        server.answer("gpt-4o-mini-2024-07-18", "NVIDIA's Q3 SBC was $1.25B.", 31, 9);

        ChatResponse response = model.call(new Prompt(List.of(
                new SystemMessage("You are a financial analyst assistant."),
                new UserMessage("What was NVDA's SBC in Q3?"))));

        assertThat(response.getResult().getOutput().getText()).isEqualTo("NVIDIA's Q3 SBC was $1.25B.");
        List<RecordedInteraction> all = recorded();
        assertThat(all).hasSize(1);
        Interaction i = all.get(0).interaction();
        assertThat(i.userId()).isEqualTo("user-from-resolver");
        assertThat(i.systemPrompt()).isEqualTo("You are a financial analyst assistant.");
        assertThat(i.userMessage()).isEqualTo("What was NVDA's SBC in Q3?");
        assertThat(i.assistantResponse()).isEqualTo("NVIDIA's Q3 SBC was $1.25B.");
        assertThat(i.modelUsed()).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(i.promptTokens()).isEqualTo(31);
        assertThat(i.completionTokens()).isEqualTo(9);
        assertThat(handler.stats()).isEqualTo(new CaptureStats(1, 0, 0, 0, 0));
    }

    @Test
    void aChatModelStreamIsRecordedOnceWhenItCompletes() {
        server.stream("gpt-4o-mini", 20, 6, "NVIDIA's ", "Q3 SBC ", "was $1.25B.");

        List<ChatResponse> chunks = model.stream(new Prompt(new UserMessage("What was NVDA's SBC in Q3?")))
                .collectList()
                .block(Duration.ofSeconds(20));

        assertThat(chunks).isNotEmpty();
        // the model's observation stops in the stream's doFinally, which runs after the subscriber saw completion
        awaitHandled(1);
        List<RecordedInteraction> all = recorded();
        assertThat(all).as("%s", handler.stats()).hasSize(1);
        Interaction i = all.get(0).interaction();
        assertThat(i.assistantResponse()).isEqualTo("NVIDIA's Q3 SBC was $1.25B.");
        assertThat(i.promptTokens()).isEqualTo(20);
        assertThat(i.completionTokens()).isEqualTo(6);
    }

    @Test
    void aChatClientCallReadsTheUserFromTheAdvisorContext() {
        server.answer("gpt-4o-mini", "$1.25B.", 5, 2);
        ChatClient client = ChatClient.builder(model, registry, null, null).build();

        client.prompt()
                .user("What was NVDA's SBC in Q3?")
                .advisors(a -> a.param(TuneloopAdvisor.USER_ID, "user-42").param(TuneloopAdvisor.SESSION_ID, "s-9"))
                .call()
                .content();

        Interaction i = recorded().get(0).interaction();
        assertThat(i.userId()).isEqualTo("user-42");
        assertThat(i.sessionId()).isEqualTo("s-9");
    }

    @Test
    void toolRoundsAreRecordedOnceAsOneExchange() {
        server.toolCalls("gpt-4o-mini", 40, 30, new String[] {"call_1", "get_filing", "{\"ticker\":\"NVDA\"}"})
                .answer("gpt-4o-mini", "NVIDIA: $35.1B.", 90, 12);
        ChatClient client = ChatClient.builder(model, registry, null, null).build();

        client.prompt()
                .user("What was NVDA's revenue last quarter?")
                .tools(new TuneloopAdvisorTest.FilingTool())
                .call()
                .content();

        List<RecordedInteraction> all = recorded();
        assertThat(all).hasSize(1);
        assertThat(all.get(0).interaction().steps())
                .containsExactly(
                        ChatMessage.assistant(
                                "",
                                List.of(new dev.tuneloop.record.ToolCall(
                                        "call_1", "get_filing", "{\"ticker\":\"NVDA\"}"))),
                        ChatMessage.toolResult("call_1", "{\"revenue\":\"$35.1B\"}"));
        assertThat(handler.stats().toolRounds()).isEqualTo(1);
    }

    @Test
    void aCallTheAdvisorRecordsIsNotRecordedAgain() {
        server.answer("gpt-4o-mini", "once", 5, 1).stream("gpt-4o-mini", 5, 1, "once ", "more");
        TuneloopAdvisor advisor = TuneloopAdvisor.create(recorder);
        // snippet:spring-ai-both
        ChatClient client = ChatClient.builder(model, registry, null, null) // the same registry as the handler's
                .defaultAdvisors(advisor)
                .build();
        // end-snippet:spring-ai-both

        client.prompt().user("hi").call().content();
        client.prompt().user("hi again").stream().content().collectList().block(Duration.ofSeconds(20));
        awaitHandled(2);

        assertThat(recorded()).hasSize(2);
        assertThat(advisor.stats().recorded()).isEqualTo(2);
        assertThat(handler.stats().recorded()).isZero();
        assertThat(handler.stats().skipped()).isEqualTo(2);
    }
}
