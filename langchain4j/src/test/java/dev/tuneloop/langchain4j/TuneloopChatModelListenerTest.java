package dev.tuneloop.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.rag.content.Content;
import dev.tuneloop.langchain4j.LocalOpenAiServer.Call;
import dev.tuneloop.langchain4j.LocalOpenAiServer.Reply;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.ContentPart;
import dev.tuneloop.record.Feedback;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.record.InteractionSink;
import dev.tuneloop.record.Rating;
import dev.tuneloop.record.RecordedInteraction;
import dev.tuneloop.record.RecorderOptions;
import dev.tuneloop.record.RecorderStats;
import dev.tuneloop.record.RetrievedDocument;
import dev.tuneloop.record.ScanQuery;
import dev.tuneloop.record.ToolCall;
import dev.tuneloop.record.ToolDefinition;
import dev.tuneloop.store.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The listener on LangChain4j's real OpenAI clients ({@code OpenAiChatModel}, {@code OpenAiStreamingChatModel}) against
 * a local server that plays the chat completions API: each call is recorded exactly once, with the fields the client
 * sent and received, and nothing that goes wrong in recording reaches the app.
 */
class TuneloopChatModelListenerTest {
    private static final ToolSpecification GET_FILING = ToolSpecification.builder()
            .name("get_filing")
            .description("Fetch a company's latest filing")
            .parameters(JsonObjectSchema.builder()
                    .addStringProperty("ticker", "the stock ticker")
                    .addEnumProperty("form", List.of("10-Q", "10-K"))
                    .required("ticker", "form")
                    .build())
            .build();

    private LocalOpenAiServer server;
    private Store store;
    private InteractionRecorder recorder;
    /** Advances 250 ms per reading, so the recorded latency is exactly 250 ms from onRequest to onResponse. */
    private final AtomicLong ticks = new AtomicLong();

    @BeforeEach
    void start() throws Exception {
        server = new LocalOpenAiServer();
        store = Store.inMemory();
        recorder = InteractionRecorder.async(store.interactions());
    }

    @AfterEach
    void stop() {
        recorder.close();
        server.close();
    }

    private TuneloopChatModelListener listener() {
        return TuneloopChatModelListener.builder(recorder)
                .ticker(() -> ticks.getAndAdd(TimeUnit.MILLISECONDS.toNanos(250)))
                .build();
    }

    private ChatModel openAi(ChatModelListener listener) {
        return OpenAiChatModel.builder()
                .baseUrl(server.baseUrl())
                .apiKey("sk-test-not-a-key")
                .modelName("gpt-4o-mini")
                .maxRetries(0)
                .listeners(List.of(listener))
                .build();
    }

    private StreamingChatModel openAiStreaming(ChatModelListener listener) {
        return OpenAiStreamingChatModel.builder()
                .baseUrl(server.baseUrl())
                .apiKey("sk-test-not-a-key")
                .modelName("gpt-4o-mini")
                .listeners(List.of(listener))
                .build();
    }

    private List<RecordedInteraction> stored() {
        assertThat(recorder.flush(Duration.ofSeconds(10))).isTrue();
        List<RecordedInteraction> all = new ArrayList<>();
        store.interactions().scan(ScanQuery.all(), all::add);
        return all;
    }

    @Test
    void aPlainCallIsRecordedOnceWithEveryField() {
        server.reply(Reply.text("NVIDIA's Q3 FY2025 revenue was $35.1B."));
        TuneloopChatModelListener listener = listener();
        ChatModel model = openAi(listener);
        AtomicReference<InteractionId> handedBack = new AtomicReference<>();
        Map<Object, Object> attributes =
                new java.util.LinkedHashMap<>(TuneloopAttributes.forUser("user-42", "session-7", handedBack::set)
                        .listenerAttributes());
        attributes.put(
                TuneloopAttributes.RETRIEVED_CONTEXT,
                List.of(
                        Content.from(TextSegment.from(
                                "Revenue: $35.1B", Metadata.from(Map.of("id", "10q-p3", "file_name", "nvda-10q.pdf")))),
                        TextSegment.from("Data center: $30.8B"),
                        RetrievedDocument.of("doc-9", "press release", "Record revenue")));

        ChatResponse response = model.chat(
                ChatRequest.builder()
                        .messages(
                                SystemMessage.from("You are a financial analyst assistant."),
                                UserMessage.from("Which quarter are we in?"),
                                AiMessage.from("Q4 of NVIDIA's fiscal 2025."),
                                UserMessage.from("What was NVDA's revenue last quarter?"))
                        .build(),
                ChatRequestOptions.builder().listenerAttributes(attributes).build());

        assertThat(response.aiMessage().text()).isEqualTo("NVIDIA's Q3 FY2025 revenue was $35.1B.");
        List<RecordedInteraction> stored = stored();
        assertThat(stored).hasSize(1);
        Interaction i = stored.get(0).interaction();
        assertThat(i.id()).isEqualTo(handedBack.get());
        assertThat(i.userId()).isEqualTo("user-42");
        assertThat(i.sessionId()).isEqualTo("session-7");
        assertThat(i.systemPrompt()).isEqualTo("You are a financial analyst assistant.");
        assertThat(i.priorTurns())
                .containsExactly(
                        ChatMessage.user("Which quarter are we in?"),
                        ChatMessage.assistant("Q4 of NVIDIA's fiscal 2025."));
        assertThat(i.userMessage()).isEqualTo("What was NVDA's revenue last quarter?");
        assertThat(i.assistantResponse()).isEqualTo("NVIDIA's Q3 FY2025 revenue was $35.1B.");
        assertThat(i.modelUsed()).isEqualTo("gpt-4o-mini"); // the model asked for, as routing plans name it
        assertThat(i.latency()).isEqualTo(Duration.ofMillis(250));
        assertThat(i.promptTokens()).isEqualTo(31);
        assertThat(i.completionTokens()).isEqualTo(9);
        assertThat(i.retrievedContext())
                .containsExactly(
                        RetrievedDocument.of("10q-p3", "nvda-10q.pdf", "Revenue: $35.1B"),
                        RetrievedDocument.of("2", null, "Data center: $30.8B"),
                        RetrievedDocument.of("doc-9", "press release", "Record revenue"));
        assertThat(i.steps()).isEmpty();
        assertThat(i.tools()).isEmpty();
        assertThat(i.metadata()).isEmpty(); // the arm's name only when routed
        assertThat(listener.stats()).isEqualTo(new ListenerStats(1, 0, 0, 0));

        // the id closes the loop: the 👍 lands on the recorded interaction
        recorder.rate(handedBack.get(), Rating.up());
        assertThat(stored().get(0).feedback().rating()).isEqualTo(Rating.up());
    }

    @Test
    void aStreamingCallIsRecordedOnceAndTheIdIsThereWhenTheAppSeesTheAnswer() throws Exception {
        String answer = "Data center revenue rose 112% year over year to $30.8B.";
        server.reply(Reply.text(answer));
        TuneloopChatModelListener listener = listener();
        StreamingChatModel model = openAiStreaming(listener);
        AtomicReference<InteractionId> handedBack = new AtomicReference<>();
        CompletableFuture<InteractionId> idWhenComplete = new CompletableFuture<>();
        StringBuilder streamed = new StringBuilder();

        model.chat(
                ChatRequest.builder()
                        .messages(UserMessage.from("How did data center revenue grow?"))
                        .build(),
                TuneloopAttributes.forUser("user-7", null, handedBack::set),
                new StreamingChatResponseHandler() {
                    @Override
                    public void onPartialResponse(String partialResponse) {
                        streamed.append(partialResponse);
                    }

                    @Override
                    public void onCompleteResponse(ChatResponse completeResponse) {
                        idWhenComplete.complete(handedBack.get());
                    }

                    @Override
                    public void onError(Throwable error) {
                        idWhenComplete.completeExceptionally(error);
                    }
                });

        InteractionId id = idWhenComplete.get(10, TimeUnit.SECONDS);
        assertThat(id).isNotNull();
        assertThat(streamed.toString()).isEqualTo(answer);
        assertThat(server.requests().get(0).path("stream").asBoolean()).isTrue();
        List<RecordedInteraction> stored = stored();
        assertThat(stored).hasSize(1);
        Interaction i = stored.get(0).interaction();
        assertThat(i.id()).isEqualTo(id);
        assertThat(i.userId()).isEqualTo("user-7");
        assertThat(i.sessionId()).isNull();
        assertThat(i.systemPrompt()).isNull();
        assertThat(i.userMessage()).isEqualTo("How did data center revenue grow?");
        assertThat(i.assistantResponse()).isEqualTo(answer);
        assertThat(i.modelUsed()).isEqualTo("gpt-4o-mini");
        assertThat(i.promptTokens()).isEqualTo(31);
        assertThat(i.completionTokens()).isEqualTo(9);
        assertThat(listener.stats()).isEqualTo(new ListenerStats(1, 0, 0, 0));
    }

    @Test
    void aToolLoopIsRecordedOnceWithItsStepsAndTools() {
        server.reply(
                Reply.calls(
                        new Call("call_1", "get_filing", "{\"ticker\":\"NVDA\",\"form\":\"10-Q\"}"),
                        new Call("call_2", "get_filing", "{\"ticker\":\"AMD\",\"form\":\"10-Q\"}")),
                Reply.text("NVIDIA: $35.1B; AMD: $6.8B."));
        TuneloopChatModelListener listener = listener();
        ChatModel model = openAi(listener);
        AtomicReference<InteractionId> handedBack = new AtomicReference<>();
        ChatRequestOptions options = TuneloopAttributes.forUser("user-42", null, handedBack::set);
        List<dev.langchain4j.data.message.ChatMessage> messages = new ArrayList<>(List.of(
                SystemMessage.from("You are a financial analyst assistant."),
                UserMessage.from("What were NVDA's and AMD's revenues last quarter?")));

        // the tool loop as an AI service runs it: call, execute the requested tools, call again with the results
        ChatResponse first = model.chat(
                ChatRequest.builder()
                        .messages(messages)
                        .toolSpecifications(GET_FILING)
                        .build(),
                options);
        assertThat(first.aiMessage().toolExecutionRequests()).hasSize(2);
        assertThat(handedBack.get()).isNull(); // a tool-call turn has no answer to rate: not recorded
        messages.add(first.aiMessage());
        for (ToolExecutionRequest call : first.aiMessage().toolExecutionRequests()) {
            String result = call.arguments().contains("NVDA") ? "{\"revenue\":\"$35.1B\"}" : "{\"revenue\":\"$6.8B\"}";
            messages.add(ToolExecutionResultMessage.from(call, result));
        }
        ChatResponse last = model.chat(
                ChatRequest.builder()
                        .messages(messages)
                        .toolSpecifications(GET_FILING)
                        .build(),
                options);

        assertThat(last.aiMessage().text()).isEqualTo("NVIDIA: $35.1B; AMD: $6.8B.");
        List<RecordedInteraction> stored = stored();
        assertThat(stored).hasSize(1);
        Interaction i = stored.get(0).interaction();
        assertThat(i.id()).isEqualTo(handedBack.get());
        assertThat(i.userMessage()).isEqualTo("What were NVDA's and AMD's revenues last quarter?");
        assertThat(i.steps())
                .containsExactly(
                        ChatMessage.assistant(
                                "",
                                List.of(
                                        new ToolCall("call_1", "get_filing", "{\"ticker\":\"NVDA\",\"form\":\"10-Q\"}"),
                                        new ToolCall(
                                                "call_2", "get_filing", "{\"ticker\":\"AMD\",\"form\":\"10-Q\"}"))),
                        ChatMessage.toolResult("call_1", "{\"revenue\":\"$35.1B\"}"),
                        ChatMessage.toolResult("call_2", "{\"revenue\":\"$6.8B\"}"));
        assertThat(i.assistantResponse()).isEqualTo("NVIDIA: $35.1B; AMD: $6.8B.");
        assertThat(i.tools()).hasSize(1);
        ToolDefinition tool = i.tools().get(0);
        assertThat(tool.name()).isEqualTo("get_filing");
        assertThat(tool.description()).isEqualTo("Fetch a company's latest filing");
        // the recorded schema is the one the client sent to the API
        JsonNode sent =
                server.requests().get(1).path("tools").get(0).path("function").path("parameters");
        assertThat(Json.parse(tool.parameters())).isEqualTo(sent);
        assertThat(i.promptTokens()).isEqualTo(31); // the answering call's usage
        assertThat(listener.stats()).isEqualTo(new ListenerStats(1, 1, 0, 0));
    }

    @Test
    void aStreamedToolLoopIsRecordedOnce() throws Exception {
        server.reply(
                Reply.calls(new Call("call_9", "get_filing", "{\"ticker\":\"NVDA\",\"form\":\"10-K\"}")),
                Reply.text("NVIDIA's fiscal 2025 revenue was $130.5B."));
        TuneloopChatModelListener listener = listener();
        StreamingChatModel model = openAiStreaming(listener);
        ChatRequestOptions options = TuneloopAttributes.forUser("user-42");
        List<dev.langchain4j.data.message.ChatMessage> messages =
                new ArrayList<>(List.of(UserMessage.from("NVDA's revenue last fiscal year?")));

        ChatResponse first = streamToEnd(
                model,
                ChatRequest.builder()
                        .messages(messages)
                        .toolSpecifications(GET_FILING)
                        .build(),
                options);
        messages.add(first.aiMessage());
        messages.add(ToolExecutionResultMessage.from(
                first.aiMessage().toolExecutionRequests().get(0), "{\"revenue\":\"$130.5B\"}"));
        streamToEnd(
                model,
                ChatRequest.builder()
                        .messages(messages)
                        .toolSpecifications(GET_FILING)
                        .build(),
                options);

        List<RecordedInteraction> stored = stored();
        assertThat(stored).hasSize(1);
        Interaction i = stored.get(0).interaction();
        assertThat(i.steps())
                .containsExactly(
                        ChatMessage.assistant(
                                "",
                                List.of(new ToolCall(
                                        "call_9", "get_filing", "{\"ticker\":\"NVDA\",\"form\":\"10-K\"}"))),
                        ChatMessage.toolResult("call_9", "{\"revenue\":\"$130.5B\"}"));
        assertThat(i.assistantResponse()).isEqualTo("NVIDIA's fiscal 2025 revenue was $130.5B.");
        assertThat(listener.stats()).isEqualTo(new ListenerStats(1, 1, 0, 0));
    }

    @Test
    void earlierToolTurnsAreKeptInThePriorTurns() {
        server.reply(Reply.text("And AMD's was $6.8B."));
        ChatModel model = openAi(listener());
        AiMessage calls = AiMessage.from(List.of(ToolExecutionRequest.builder()
                .id("call_1")
                .name("get_filing")
                .arguments("{\"ticker\":\"NVDA\",\"form\":\"10-Q\"}")
                .build()));

        model.chat(
                ChatRequest.builder()
                        .messages(
                                UserMessage.from("NVDA's revenue?"),
                                calls,
                                ToolExecutionResultMessage.from("call_1", "get_filing", "{\"revenue\":\"$35.1B\"}"),
                                AiMessage.from("$35.1B."),
                                UserMessage.from("And AMD's?"))
                        .build(),
                TuneloopAttributes.forUser("user-42"));

        Interaction i = stored().get(0).interaction();
        assertThat(i.priorTurns())
                .containsExactly(
                        ChatMessage.user("NVDA's revenue?"),
                        ChatMessage.assistant(
                                "",
                                List.of(new ToolCall(
                                        "call_1", "get_filing", "{\"ticker\":\"NVDA\",\"form\":\"10-Q\"}"))),
                        ChatMessage.toolResult("call_1", "{\"revenue\":\"$35.1B\"}"),
                        ChatMessage.assistant("$35.1B."));
        assertThat(i.userMessage()).isEqualTo("And AMD's?");
        assertThat(i.hasToolCalls()).isTrue();
    }

    @Test
    void aUserMessageWithAnImageUrlIsRecordedAsParts() {
        server.reply(Reply.text("Revenue by quarter, up 94% year over year."));
        ChatModel model = openAi(listener());
        model.chat(
                ChatRequest.builder()
                        .messages(
                                UserMessage.from(
                                        TextContent.from("Here is last quarter's chart."),
                                        ImageContent.from("https://img.example/q2.png")),
                                AiMessage.from("Noted."),
                                UserMessage.from(
                                        TextContent.from("What does this chart show?"),
                                        ImageContent.from(java.net.URI.create("https://img.example/q3.png")),
                                        ImageContent.from("iVBORw0KGgo=", "image/png"), // bytes: not kept
                                        TextContent.from("Answer in one line.")))
                        .build(),
                TuneloopAttributes.forUser("user-42"));

        // the real client sent the image by URL
        JsonNode sent = server.requests().get(0).get("messages").get(2).get("content");
        assertThat(sent.get(1).get("image_url").get("url").textValue()).isEqualTo("https://img.example/q3.png");
        Interaction i = stored().get(0).interaction();
        assertThat(i.userMessageParts())
                .containsExactly(
                        ContentPart.text("What does this chart show?"),
                        ContentPart.imageUrl("https://img.example/q3.png", null),
                        ContentPart.text("Answer in one line."));
        assertThat(i.userMessage()).isEqualTo("What does this chart show?\nAnswer in one line.");
        assertThat(i.priorTurns())
                .containsExactly(
                        ChatMessage.ofParts(
                                dev.tuneloop.record.Role.USER,
                                List.of(
                                        ContentPart.text("Here is last quarter's chart."),
                                        ContentPart.imageUrl("https://img.example/q2.png", null))),
                        ChatMessage.assistant("Noted."));
        assertThat(i.messages().get(2).parts()).isEqualTo(i.userMessageParts());
    }

    @Test
    void theUserIdMayComeFromTheHostsResolverAndTheIdFromTheHostsCallback() {
        ThreadLocal<String> currentUser = new ThreadLocal<>();
        List<InteractionId> ids = new ArrayList<>();
        TuneloopChatModelListener listener = TuneloopChatModelListener.builder(recorder)
                .userId(attributes -> currentUser.get())
                .sessionId(attributes -> "session-" + currentUser.get())
                .onRecorded((id, attributes) -> ids.add(id))
                .build();
        ChatModel model = openAi(listener);

        currentUser.set("user-from-request-scope");
        String answer = model.chat("Hello"); // LangChain4j's plainest call: no options at all

        assertThat(answer).isEqualTo("ok");
        Interaction i = stored().get(0).interaction();
        assertThat(i.userId()).isEqualTo("user-from-request-scope");
        assertThat(i.sessionId()).isEqualTo("session-user-from-request-scope");
        assertThat(ids).containsExactly(i.id());
    }

    @Test
    void aCallWithoutAUserIdIsCountedByTheRecorderNeverThrown() {
        TuneloopChatModelListener listener = listener();
        ChatModel model = openAi(listener);

        assertThat(model.chat("Hello")).isEqualTo("ok");

        assertThat(stored()).isEmpty();
        RecorderStats stats = recorder.stats();
        assertThat(stats.rejected()).isEqualTo(1);
        assertThat(stats.rejectedByRule()).containsEntry("userId is required", 1L);
    }

    @Test
    void aFailingStoreNeverReachesTheApp() {
        InteractionSink down = (interactions, events) -> {
            throw new IllegalStateException("store is down");
        };
        RecorderOptions quickClose =
                RecorderOptions.builder().closeTimeout(Duration.ofMillis(50)).build();
        try (InteractionRecorder failing = InteractionRecorder.async(down, quickClose)) {
            ChatModel model = openAi(TuneloopChatModelListener.create(failing));
            server.reply(Reply.text("first"), Reply.text("second"));

            assertThat(model.chat(
                                    ChatRequest.builder()
                                            .messages(UserMessage.from("one"))
                                            .build(),
                                    TuneloopAttributes.forUser("u"))
                            .aiMessage()
                            .text())
                    .isEqualTo("first");
            assertThat(model.chat(
                                    ChatRequest.builder()
                                            .messages(UserMessage.from("two"))
                                            .build(),
                                    TuneloopAttributes.forUser("u"))
                            .aiMessage()
                            .text())
                    .isEqualTo("second");
            assertThat(failing.stats().enqueued()).isEqualTo(2);
        }
    }

    @Test
    void aThrowingRecorderResolverOrCallbackNeverReachesTheApp() {
        InteractionRecorder throwing = new ThrowingRecorder();
        TuneloopChatModelListener broken = TuneloopChatModelListener.builder(throwing)
                .sessionId(attributes -> {
                    throw new IllegalStateException("no request scope");
                })
                .build();
        TuneloopChatModelListener callbackThrows = TuneloopChatModelListener.builder(recorder)
                .onRecorded((id, attributes) -> {
                    throw new IllegalStateException("button gone");
                })
                .build();
        ChatModel model = OpenAiChatModel.builder()
                .baseUrl(server.baseUrl())
                .apiKey("sk-test-not-a-key")
                .modelName("gpt-4o-mini")
                .listeners(List.of(broken, callbackThrows))
                .build();
        server.reply(Reply.text("still answered"));

        ChatResponse response = model.chat(
                ChatRequest.builder().messages(UserMessage.from("Hi")).build(),
                TuneloopAttributes.forUser("u", null, id -> {
                    throw new IllegalStateException("per-call callback");
                }));

        assertThat(response.aiMessage().text()).isEqualTo("still answered");
        // the resolver threw in onRequest, the recorder in onResponse: two failures, no recording
        assertThat(broken.stats()).isEqualTo(new ListenerStats(0, 0, 2, 0));
        // recorded, then both callbacks threw
        assertThat(callbackThrows.stats()).isEqualTo(new ListenerStats(1, 0, 0, 2));
        assertThat(stored()).hasSize(1);
    }

    private static ChatResponse streamToEnd(StreamingChatModel model, ChatRequest request, ChatRequestOptions options)
            throws Exception {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        model.chat(request, options, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partialResponse) {}

            @Override
            public void onCompleteResponse(ChatResponse completeResponse) {
                done.complete(completeResponse);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        return done.get(10, TimeUnit.SECONDS);
    }

    /** A recorder whose every call throws, as a broken custom recorder would. */
    private static final class ThrowingRecorder implements InteractionRecorder {
        @Override
        public InteractionId log(Interaction interaction) {
            throw new IllegalStateException("broken recorder");
        }

        @Override
        public InteractionId log(Interaction.Builder draft) {
            throw new IllegalStateException("broken recorder");
        }

        @Override
        public void feedback(InteractionId id, Feedback feedback) {
            throw new IllegalStateException("broken recorder");
        }

        @Override
        public boolean flush(Duration timeout) {
            return true;
        }

        @Override
        public void close() {}

        @Override
        public RecorderStats stats() {
            return new RecorderStats(0, 0, 0, 0, 0, 0, 0);
        }
    }

    /** Jackson, for comparing JSON texts as trees. */
    private static final class Json {
        private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
                new com.fasterxml.jackson.databind.ObjectMapper();

        static JsonNode parse(String json) {
            try {
                return MAPPER.readTree(json);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
