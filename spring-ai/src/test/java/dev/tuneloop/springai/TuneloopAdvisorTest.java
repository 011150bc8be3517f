package dev.tuneloop.springai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.ContentPart;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.record.Rating;
import dev.tuneloop.record.RecordedInteraction;
import dev.tuneloop.record.ScanQuery;
import dev.tuneloop.record.ToolCall;
import dev.tuneloop.route.AbRouter;
import dev.tuneloop.route.Arm;
import dev.tuneloop.route.RoutingPlan;
import dev.tuneloop.store.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;

/**
 * The advisor on Spring AI's real OpenAI chat model (openai-java underneath), against a local server that plays the
 * chat completions API: what is recorded is what the client sent and received, once per turn.
 */
class TuneloopAdvisorTest {
    static final String SCHEMA =
            "{\"type\":\"object\",\"properties\":{\"ticker\":{\"type\":\"string\"}}," + "\"required\":[\"ticker\"]}";

    private final Store store = Store.inMemory();
    private final InteractionRecorder recorder = InteractionRecorder.async(store.interactions());
    private final ChatCompletionsServer server = newServer();

    @AfterEach
    void close() {
        recorder.close();
        server.close();
    }

    private static ChatCompletionsServer newServer() {
        try {
            return new ChatCompletionsServer();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static OpenAiChatModel openAi(String baseUrl) {
        return OpenAiChatModel.builder()
                .options(OpenAiChatOptions.builder()
                        .baseUrl(baseUrl)
                        .apiKey("sk-test")
                        .model("gpt-4o-mini")
                        .maxRetries(0)
                        .streamUsage(true)
                        .build())
                .build();
    }

    private List<RecordedInteraction> recorded() {
        assertThat(recorder.flush(Duration.ofSeconds(10))).isTrue();
        List<RecordedInteraction> all = new ArrayList<>();
        store.interactions().scan(ScanQuery.all(), all::add);
        return all;
    }

    @Test
    void aCallIsRecordedOnceWithWhatWasSentAndReceived() {
        server.answer("gpt-4o-mini-2024-07-18", "NVIDIA's Q3 SBC was $1.25B.", 31, 9);
        TuneloopAdvisor advisor = TuneloopAdvisor.create(recorder);
        ChatClient client = ChatClient.builder(openAi(server.baseUrl()))
                .defaultAdvisors(advisor)
                .build();

        // snippet:spring-ai-call
        ChatClientResponse response = client.prompt()
                .system("You are a financial analyst assistant.")
                .user("What was NVDA's SBC in Q3?")
                .advisors(a -> a.param(TuneloopAdvisor.USER_ID, "user-42").param(TuneloopAdvisor.SESSION_ID, "s-1"))
                .call()
                .chatClientResponse();
        InteractionId id = (InteractionId) response.context().get(TuneloopAdvisor.INTERACTION_ID);
        recorder.rate(id, Rating.up()); // the 👍 button closes the loop
        // end-snippet:spring-ai-call

        List<RecordedInteraction> all = recorded();
        assertThat(all).hasSize(1);
        Interaction i = all.get(0).interaction();
        assertThat(i.id()).isEqualTo(id);
        assertThat(i.userId()).isEqualTo("user-42");
        assertThat(i.sessionId()).isEqualTo("s-1");
        assertThat(i.systemPrompt()).isEqualTo("You are a financial analyst assistant.");
        assertThat(i.userMessage()).isEqualTo("What was NVDA's SBC in Q3?");
        assertThat(i.assistantResponse()).isEqualTo("NVIDIA's Q3 SBC was $1.25B.");
        assertThat(i.modelUsed()).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(i.promptTokens()).isEqualTo(31);
        assertThat(i.completionTokens()).isEqualTo(9);
        assertThat(i.latency()).isPositive();
        assertThat(i.priorTurns()).isEmpty();
        assertThat(i.steps()).isEmpty();
        assertThat(all.get(0).feedback().feedbackRating()).isEqualTo(1);
        // what the client sent is what was recorded
        assertThat(server.requests()).hasSize(1);
        assertThat(server.requests().get(0))
                .contains("\"model\":\"gpt-4o-mini\"")
                .contains("You are a financial analyst assistant.")
                .contains("What was NVDA's SBC in Q3?");
        assertThat(advisor.stats()).isEqualTo(new CaptureStats(1, 0, 0, 0, 0));
    }

    @Test
    void earlierTurnsAreRecordedAsPriorTurns() {
        server.answer("gpt-4o-mini", "AMD's was $0.35B.", 50, 7);
        ChatClient client = ChatClient.builder(openAi(server.baseUrl()))
                .defaultAdvisors(TuneloopAdvisor.create(recorder))
                .build();

        client.prompt()
                .messages(new UserMessage("What was NVDA's SBC in Q3?"), new AssistantMessage("$1.25B."))
                .user("And AMD's?")
                .advisors(a -> a.param(TuneloopAdvisor.USER_ID, "user-42"))
                .call()
                .content();

        Interaction i = recorded().get(0).interaction();
        assertThat(i.systemPrompt()).isNull();
        assertThat(i.priorTurns())
                .containsExactly(ChatMessage.user("What was NVDA's SBC in Q3?"), ChatMessage.assistant("$1.25B."));
        assertThat(i.userMessage()).isEqualTo("And AMD's?");
        assertThat(i.assistantResponse()).isEqualTo("AMD's was $0.35B.");
    }

    @Test
    void aUserMessageWithAnImageUrlIsRecordedAsParts() throws Exception {
        server.answer("gpt-4o-mini", "Revenue by quarter, up 94% year over year.", 60, 9);
        java.net.URL chart = java.net.URI.create("https://img.example/q3.png").toURL();
        ChatClient client = ChatClient.builder(openAi(server.baseUrl()))
                .defaultAdvisors(TuneloopAdvisor.create(recorder))
                .build();

        client.prompt()
                .messages(
                        UserMessage.builder()
                                .text("Here is last quarter's chart.")
                                .media(new org.springframework.ai.content.Media(
                                        org.springframework.util.MimeTypeUtils.IMAGE_PNG,
                                        java.net.URI.create("https://img.example/q2.png")))
                                .build(),
                        new AssistantMessage("Noted."))
                .user(u -> u.text("What does this chart show?")
                        .media(org.springframework.util.MimeTypeUtils.IMAGE_PNG, chart)
                        .media(
                                org.springframework.util.MimeTypeUtils.IMAGE_PNG,
                                new org.springframework.core.io.ByteArrayResource(new byte[] {1, 2, 3})))
                .advisors(a -> a.param(TuneloopAdvisor.USER_ID, "user-42"))
                .call()
                .content();

        // the real client sent the image by URL
        assertThat(server.requests().get(0)).contains("https://img.example/q3.png");
        Interaction i = recorded().get(0).interaction();
        assertThat(i.userMessageParts())
                .containsExactly(
                        ContentPart.text("What does this chart show?"),
                        ContentPart.imageUrl("https://img.example/q3.png", "image/png")); // the bytes: not kept
        assertThat(i.userMessage()).isEqualTo("What does this chart show?");
        assertThat(i.priorTurns())
                .containsExactly(
                        ChatMessage.ofParts(
                                dev.tuneloop.record.Role.USER,
                                List.of(
                                        ContentPart.text("Here is last quarter's chart."),
                                        ContentPart.imageUrl("https://img.example/q2.png", "image/png"))),
                        ChatMessage.assistant("Noted."));
        assertThat(i.messages().get(2).parts()).isEqualTo(i.userMessageParts());
    }

    @Test
    void aStreamIsRecordedOnceWhenItCompletes() {
        server.stream("gpt-4o-mini", 20, 6, "NVIDIA's ", "Q3 SBC ", "was $1.25B.");
        TuneloopAdvisor advisor = TuneloopAdvisor.create(recorder);
        ChatClient client = ChatClient.builder(openAi(server.baseUrl()))
                .defaultAdvisors(advisor)
                .build();

        List<ChatClientResponse> chunks = client
                .prompt()
                .user("What was NVDA's SBC in Q3?")
                .advisors(a -> a.param(TuneloopAdvisor.USER_ID, "user-7"))
                .stream()
                .chatClientResponse()
                .collectList()
                .block(Duration.ofSeconds(20));

        assertThat(chunks).isNotEmpty();
        StringBuilder text = new StringBuilder();
        for (ChatClientResponse c : chunks) {
            if (c.chatResponse() != null && c.chatResponse().getResult() != null) {
                String t = c.chatResponse().getResult().getOutput().getText();
                text.append(t == null ? "" : t);
            }
        }
        assertThat(text.toString()).isEqualTo("NVIDIA's Q3 SBC was $1.25B.");
        Object id = chunks.get(chunks.size() - 1).context().get(TuneloopAdvisor.INTERACTION_ID);
        assertThat(id).isInstanceOf(InteractionId.class);

        List<RecordedInteraction> all = recorded();
        assertThat(all).hasSize(1);
        Interaction i = all.get(0).interaction();
        assertThat(i.id()).isEqualTo(id);
        assertThat(i.userId()).isEqualTo("user-7");
        assertThat(i.userMessage()).isEqualTo("What was NVDA's SBC in Q3?");
        assertThat(i.assistantResponse()).isEqualTo("NVIDIA's Q3 SBC was $1.25B.");
        assertThat(i.modelUsed()).isEqualTo("gpt-4o-mini");
        assertThat(i.promptTokens()).isEqualTo(20);
        assertThat(i.completionTokens()).isEqualTo(6);
        assertThat(server.requests().get(0)).contains("\"stream\":true");
        assertThat(advisor.stats().recorded()).isEqualTo(1);
    }

    @Test
    void toolCallsAndResultsAreRecordedAsTheTurnsSteps() {
        server.toolCalls(
                        "gpt-4o-mini",
                        40,
                        30,
                        new String[] {"call_1", "get_filing", "{\"ticker\":\"NVDA\"}"},
                        new String[] {"call_2", "get_filing", "{\"ticker\":\"AMD\"}"})
                .answer("gpt-4o-mini", "NVIDIA: $35.1B; AMD: $6.8B.", 90, 12);
        TuneloopAdvisor advisor = TuneloopAdvisor.create(recorder);
        ChatClient client = ChatClient.builder(openAi(server.baseUrl()))
                .defaultAdvisors(advisor)
                .build();

        String answer = client.prompt()
                .system("You are a financial analyst assistant.")
                .user("What were NVDA's and AMD's revenues last quarter?")
                .tools(new FilingTool())
                .advisors(a -> a.param(TuneloopAdvisor.USER_ID, "user-42"))
                .call()
                .content();

        assertThat(answer).isEqualTo("NVIDIA: $35.1B; AMD: $6.8B.");
        List<RecordedInteraction> all = recorded();
        assertThat(all).hasSize(1);
        Interaction i = all.get(0).interaction();
        assertThat(i.userMessage()).isEqualTo("What were NVDA's and AMD's revenues last quarter?");
        assertThat(i.steps())
                .containsExactly(
                        ChatMessage.assistant(
                                "",
                                List.of(
                                        new ToolCall("call_1", "get_filing", "{\"ticker\":\"NVDA\"}"),
                                        new ToolCall("call_2", "get_filing", "{\"ticker\":\"AMD\"}"))),
                        ChatMessage.toolResult("call_1", "{\"revenue\":\"$35.1B\"}"),
                        ChatMessage.toolResult("call_2", "{\"revenue\":\"$6.8B\"}"));
        assertThat(i.tools())
                .containsExactly(new dev.tuneloop.record.ToolDefinition(
                        "get_filing", "Fetch a company's latest filing", SCHEMA));
        assertThat(i.assistantResponse()).isEqualTo("NVIDIA: $35.1B; AMD: $6.8B.");
        // the final round's usage: its prompt holds the whole exchange
        assertThat(i.promptTokens()).isEqualTo(90);
        assertThat(i.completionTokens()).isEqualTo(12);
        // what the client sent: the tools, then the results answering each call by its id
        assertThat(server.requests()).hasSize(2);
        assertThat(server.requests().get(0)).contains("\"name\":\"get_filing\"");
        assertThat(server.requests().get(1))
                .contains("\"tool_call_id\":\"call_1\"")
                .contains("\"tool_call_id\":\"call_2\"");
        assertThat(advisor.stats()).isEqualTo(new CaptureStats(1, 1, 0, 0, 0));
    }

    @Test
    void aRecordingFailureNeverReachesTheApplication() {
        server.answer("gpt-4o-mini", "fine", 3, 1).stream("gpt-4o-mini", 3, 2, "still ", "fine");
        InteractionRecorder broken = new InteractionRecorder() {
            @Override
            public InteractionId log(Interaction interaction) {
                throw new IllegalStateException("store is on fire");
            }

            @Override
            public InteractionId log(Interaction.Builder draft) {
                throw new IllegalStateException("store is on fire");
            }

            @Override
            public void feedback(InteractionId id, dev.tuneloop.record.Feedback feedback) {}

            @Override
            public boolean flush(Duration timeout) {
                return true;
            }

            @Override
            public void close() {}

            @Override
            public dev.tuneloop.record.RecorderStats stats() {
                throw new UnsupportedOperationException();
            }
        };
        TuneloopAdvisor advisor = TuneloopAdvisor.create(broken);
        ChatClient client = ChatClient.builder(openAi(server.baseUrl()))
                .defaultAdvisors(advisor)
                .build();

        ChatClientResponse r = client.prompt().user("hi").call().chatClientResponse();
        String streamed = String.join(
                "", client.prompt().user("hi").stream().content().collectList().block(Duration.ofSeconds(20)));

        assertThat(r.chatResponse().getResult().getOutput().getText()).isEqualTo("fine");
        assertThat(r.context()).doesNotContainKey(TuneloopAdvisor.INTERACTION_ID);
        assertThat(streamed).isEqualTo("still fine");
        assertThat(advisor.stats().failed()).isEqualTo(2);
        assertThat(advisor.stats().recorded()).isZero();
    }

    @Test
    void anInteractionThatBreaksARuleIsCountedByTheRecorderNotThrown() {
        server.answer("gpt-4o-mini", "", 3, 0); // an empty answer
        TuneloopAdvisor advisor = TuneloopAdvisor.create(recorder);
        ChatClient client = ChatClient.builder(openAi(server.baseUrl()))
                .defaultAdvisors(advisor)
                .build();

        String answer = client.prompt().user("hi").call().content();

        assertThat(answer).isEmpty();
        assertThat(recorded()).isEmpty();
        assertThat(recorder.stats().rejectedByRule()).containsKey("assistantResponse must not be empty or blank");
    }

    @Test
    void routingSendsTheCallToTheArmsModelAndRecordsIt() {
        server.answer("ft:gpt-4o-mini:acme::v1", "fine-tuned answer", 10, 3);
        // bucket 7560 of "exp:user-1" falls in the first arm's 0-7999 range (the router's spec vectors)
        AbRouter router = AbRouter.create(RoutingPlan.of(
                "exp", Arm.of("fine-tuned", "ft:gpt-4o-mini:acme::v1", 8_000), Arm.of("base", "gpt-4o-mini", 2_000)));
        // snippet:spring-ai-routing
        TuneloopAdvisor advisor =
                TuneloopAdvisor.builder(recorder).router(router).build();
        ChatClient client = ChatClient.builder(openAi(server.baseUrl()))
                .defaultAdvisors(advisor)
                .build();
        // end-snippet:spring-ai-routing

        String answer = client.prompt()
                .user("What was NVDA's SBC in Q3?")
                .advisors(a -> a.param(TuneloopAdvisor.USER_ID, "user-1"))
                .call()
                .content();

        assertThat(answer).isEqualTo("fine-tuned answer");
        assertThat(server.requests().get(0)).contains("\"model\":\"ft:gpt-4o-mini:acme::v1\"");
        Interaction i = recorded().get(0).interaction();
        assertThat(i.modelUsed()).isEqualTo("ft:gpt-4o-mini:acme::v1");
        assertThat(i.userId()).isEqualTo("user-1");
    }

    @Test
    void aCallTheRouterCannotPlaceKeepsTheApplicationsModel() {
        server.answer("gpt-4o-mini", "base answer", 10, 3);
        // no anonymous arm: a call without a user cannot be placed
        AbRouter router = AbRouter.create(RoutingPlan.of(
                "exp", Arm.of("fine-tuned", "ft:gpt-4o-mini:acme::v1", 8_000), Arm.of("base", "gpt-4o-mini", 2_000)));
        TuneloopAdvisor advisor =
                TuneloopAdvisor.builder(recorder).router(router).build();
        ChatClient client = ChatClient.builder(openAi(server.baseUrl()))
                .defaultAdvisors(advisor)
                .build();

        String answer = client.prompt().user("hi").call().content();

        assertThat(answer).isEqualTo("base answer");
        assertThat(server.requests().get(0)).contains("\"model\":\"gpt-4o-mini\"");
        assertThat(advisor.stats().routingFailed()).isEqualTo(1);
        Interaction i = recorded().get(0).interaction();
        assertThat(i.userId()).isEqualTo(TuneloopAdvisor.DEFAULT_USER_ID);
    }

    @Test
    void builderRefusesABlankDefaultUser() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> TuneloopAdvisor.builder(recorder).defaultUserId(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("defaultUserId must not be blank");
    }

    /** A tool that answers from a table. */
    static final class FilingTool implements ToolCallback {
        @Override
        public ToolDefinition getToolDefinition() {
            return ToolDefinition.builder()
                    .name("get_filing")
                    .description("Fetch a company's latest filing")
                    .inputSchema(SCHEMA)
                    .build();
        }

        @Override
        public String call(String toolInput) {
            return toolInput.contains("NVDA") ? "{\"revenue\":\"$35.1B\"}" : "{\"revenue\":\"$6.8B\"}";
        }
    }
}
