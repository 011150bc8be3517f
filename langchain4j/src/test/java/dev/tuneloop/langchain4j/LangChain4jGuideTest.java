package dev.tuneloop.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.tuneloop.langchain4j.LocalOpenAiServer.Reply;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.record.Rating;
import dev.tuneloop.record.RecordedInteraction;
import dev.tuneloop.route.AbRouter;
import dev.tuneloop.route.RoutingPlan;
import dev.tuneloop.store.Store;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The code of docs/guide/langchain4j.md, run against the local OpenAI server. */
class LangChain4jGuideTest {

    @Test
    void recordAndRate() throws Exception {
        Store store = Store.inMemory();
        try (LocalOpenAiServer server = new LocalOpenAiServer();
                InteractionRecorder recorder = InteractionRecorder.async(store.interactions())) {
            server.reply(Reply.text("NVIDIA's Q3 FY2025 revenue was $35.1B."));
            String baseUrl = server.baseUrl();
            String apiKey = "sk-test-not-a-key";
            // snippet:lc4j-listener
            TuneloopChatModelListener tuneloop = TuneloopChatModelListener.create(recorder); // the async recorder
            ChatModel model = OpenAiChatModel.builder()
                    .baseUrl(baseUrl)
                    .apiKey(apiKey)
                    .modelName("gpt-4o-mini")
                    .listeners(List.of(tuneloop)) // every call through this model is recorded
                    .build();
            // end-snippet:lc4j-listener

            // snippet:lc4j-call
            AtomicReference<InteractionId> answerId = new AtomicReference<>();
            ChatResponse response = model.chat(
                    ChatRequest.builder()
                            .messages(
                                    SystemMessage.from("You are a financial analyst assistant."),
                                    UserMessage.from("What was NVDA's revenue last quarter?"))
                            .build(),
                    TuneloopAttributes.forUser("user-42", "session-7", answerId::set));
            // the answer goes to the page with answerId.get(); its 👍 button then calls:
            recorder.rate(answerId.get(), Rating.up());
            // end-snippet:lc4j-call

            assertThat(response.aiMessage().text()).isEqualTo("NVIDIA's Q3 FY2025 revenue was $35.1B.");
            assertThat(recorder.flush(Duration.ofSeconds(10))).isTrue();
            RecordedInteraction stored =
                    store.interactions().find(answerId.get()).orElseThrow();
            assertThat(stored.interaction().userId()).isEqualTo("user-42");
            assertThat(stored.interaction().systemPrompt()).isEqualTo("You are a financial analyst assistant.");
            assertThat(stored.feedback().rating()).isEqualTo(Rating.up());
        }
    }

    @Test
    void resolverAndCallback() throws Exception {
        Store store = Store.inMemory();
        try (LocalOpenAiServer server = new LocalOpenAiServer();
                InteractionRecorder recorder = InteractionRecorder.async(store.interactions())) {
            ThreadLocal<String> currentUser = ThreadLocal.withInitial(() -> "user-42"); // the host's request scope
            // snippet:lc4j-resolver
            // for AI services and other code that passes no options: the user from the host's request scope
            Map<String, InteractionId> lastAnswer = new ConcurrentHashMap<>(); // user id -> id for the 👍 button
            TuneloopChatModelListener tuneloop = TuneloopChatModelListener.builder(recorder)
                    .userId(attributes -> currentUser.get()) // on the calling thread, in onRequest
                    .onRecorded(
                            (id, attributes) -> lastAnswer.put((String) attributes.get(TuneloopAttributes.USER_ID), id))
                    .build();
            // end-snippet:lc4j-resolver
            ChatModel model = OpenAiChatModel.builder()
                    .baseUrl(server.baseUrl())
                    .apiKey("sk-test-not-a-key")
                    .modelName("gpt-4o-mini")
                    .listeners(List.of(tuneloop))
                    .build();

            assertThat(model.chat("Hello")).isEqualTo("ok");

            InteractionId id = lastAnswer.get("user-42");
            assertThat(id).isNotNull();
            assertThat(recorder.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(store.interactions().find(id)).isPresent();
        }
    }

    @Test
    void routing() throws Exception {
        Store store = Store.inMemory();
        try (LocalOpenAiServer server = new LocalOpenAiServer();
                InteractionRecorder recorder = InteractionRecorder.async(store.interactions())) {
            TuneloopChatModelListener tuneloop = TuneloopChatModelListener.create(recorder);
            ChatModel openAi = OpenAiChatModel.builder()
                    .baseUrl(server.baseUrl())
                    .apiKey("sk-test-not-a-key")
                    .modelName("gpt-4o-mini")
                    .listeners(List.of(tuneloop))
                    .build();
            // snippet:lc4j-routing
            AbRouter router = AbRouter.create(RoutingPlan.fineTunedVsBase(
                    "exp-2026-12", "ft:gpt-4o-mini-2024-07-18:acme::abc123", "gpt-4o-mini", 8_000));
            ChatModel routed = RoutedChatModel.builder(router)
                    .defaultModel(openAi) // one OpenAI client serves both arms; .model(id, client) for others
                    .build();
            String answer = routed.chat(
                            ChatRequest.builder()
                                    .messages(UserMessage.from("Summarize NVDA's 10-Q."))
                                    .build(),
                            TuneloopAttributes.forUser("user-42"))
                    .aiMessage()
                    .text();
            // recorded with modelUsed = the arm's model and metadata tuneloop.arm = the arm's name
            // end-snippet:lc4j-routing
            assertThat(answer).isEqualTo("ok");
            String model = router.modelFor("user-42");
            assertThat(server.requests().get(0).path("model").asText()).isEqualTo(model);
            assertThat(recorder.flush(Duration.ofSeconds(10))).isTrue();
            List<RecordedInteraction> all = new java.util.ArrayList<>();
            store.interactions().scan(dev.tuneloop.record.ScanQuery.all(), all::add);
            assertThat(all)
                    .singleElement()
                    .satisfies(r -> assertThat(r.interaction().modelUsed()).isEqualTo(model));
            router.close();
        }
    }
}
