package dev.tuneloop.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.record.ScanQuery;
import dev.tuneloop.route.AbRouter;
import dev.tuneloop.route.Arm;
import dev.tuneloop.route.RoutingHash;
import dev.tuneloop.route.RoutingPlan;
import dev.tuneloop.store.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The routed models send each user to the arm the routing hash gives ({@code bucket = murmur3(salt + ":" + userId)
 * mod 10 000}, arms in plan order), through LangChain4j's real OpenAI clients, and the listener records which arm
 * served the call.
 */
class RoutedChatModelTest {
    private static final String SALT = "exp-2026-12";
    private static final String BASE = "gpt-4o-mini";
    private static final String FINE_TUNED = "ft:gpt-4o-mini-2024-07-18:acme::abc123";
    private static final RoutingPlan PLAN =
            RoutingPlan.of(SALT, Arm.of("base", BASE, 5_000), Arm.of("fine-tuned", FINE_TUNED, 5_000));

    private LocalOpenAiServer baseServer;
    private LocalOpenAiServer fineTunedServer;
    private Store store;
    private InteractionRecorder recorder;
    private TuneloopChatModelListener listener;
    private AbRouter router;

    @BeforeEach
    void start() throws Exception {
        baseServer = new LocalOpenAiServer();
        fineTunedServer = new LocalOpenAiServer();
        store = Store.inMemory();
        recorder = InteractionRecorder.async(store.interactions());
        listener = TuneloopChatModelListener.create(recorder);
        router = AbRouter.create(PLAN);
    }

    @AfterEach
    void stop() {
        router.close();
        recorder.close();
        baseServer.close();
        fineTunedServer.close();
    }

    /** The arm by the specified hash, computed here without the router. */
    private static String expectedArm(String userId) {
        return RoutingHash.bucket(SALT, userId) < 5_000 ? "base" : "fine-tuned";
    }

    private ChatModel openAi(LocalOpenAiServer server) {
        return OpenAiChatModel.builder()
                .baseUrl(server.baseUrl())
                .apiKey("sk-test-not-a-key")
                .modelName(BASE)
                .maxRetries(0)
                .listeners(List.of(listener))
                .build();
    }

    private Map<String, Interaction> storedByUser() {
        assertThat(recorder.flush(Duration.ofSeconds(10))).isTrue();
        Map<String, Interaction> byUser = new HashMap<>();
        store.interactions()
                .scan(ScanQuery.all(), r -> byUser.put(r.interaction().userId(), r.interaction()));
        return byUser;
    }

    @Test
    void eachUserGoesToTheArmOfTheHashAndTheArmIsRecorded() {
        // the base arm has a client of its own; the fine-tuned arm uses the default client with its model name
        ChatModel routed = RoutedChatModel.builder(router)
                .model(BASE, openAi(baseServer))
                .defaultModel(openAi(fineTunedServer))
                .build();
        List<String> users = new ArrayList<>();
        for (int n = 0; n < 24; n++) {
            users.add("user-" + n);
        }

        for (String user : users) {
            ChatResponse response = routed.chat(
                    ChatRequest.builder()
                            .messages(UserMessage.from("from " + user))
                            .build(),
                    TuneloopAttributes.forUser(user));
            assertThat(response.aiMessage().text()).isEqualTo("ok");
        }

        List<String> toBase =
                users.stream().filter(u -> expectedArm(u).equals("base")).toList();
        List<String> toFineTuned =
                users.stream().filter(u -> expectedArm(u).equals("fine-tuned")).toList();
        assertThat(toBase).isNotEmpty();
        assertThat(toFineTuned).isNotEmpty();
        assertThat(sentBy(baseServer)).containsExactlyElementsOf(toBase);
        assertThat(sentBy(fineTunedServer)).containsExactlyElementsOf(toFineTuned);
        assertThat(baseServer.requests())
                .allSatisfy(r -> assertThat(r.path("model").asText()).isEqualTo(BASE));
        assertThat(fineTunedServer.requests())
                .allSatisfy(r -> assertThat(r.path("model").asText()).isEqualTo(FINE_TUNED));
        Map<String, Interaction> stored = storedByUser();
        assertThat(stored).hasSize(users.size());
        for (String user : users) {
            Interaction i = stored.get(user);
            String arm = expectedArm(user);
            assertThat(i.modelUsed()).isEqualTo(arm.equals("base") ? BASE : FINE_TUNED);
            assertThat(i.metadata()).containsEntry(TuneloopChatModelListener.ARM_METADATA, arm);
        }
    }

    @Test
    void streamingCallsAreRoutedTheSameWay() throws Exception {
        StreamingChatModel routed = RoutedStreamingChatModel.builder(router)
                .model(BASE, streaming(baseServer))
                .model(FINE_TUNED, streaming(fineTunedServer))
                .build();
        String toBase = firstUserOf("base");
        String toFineTuned = firstUserOf("fine-tuned");

        for (String user : List.of(toBase, toFineTuned)) {
            CompletableFuture<ChatResponse> done = new CompletableFuture<>();
            routed.chat(
                    ChatRequest.builder()
                            .messages(UserMessage.from("from " + user))
                            .build(),
                    TuneloopAttributes.forUser(user),
                    handler(done));
            done.get(10, TimeUnit.SECONDS);
        }

        assertThat(sentBy(baseServer)).containsExactly(toBase);
        assertThat(sentBy(fineTunedServer)).containsExactly(toFineTuned);
        assertThat(fineTunedServer.requests().get(0).path("model").asText()).isEqualTo(FINE_TUNED);
        Map<String, Interaction> stored = storedByUser();
        assertThat(stored.get(toBase).modelUsed()).isEqualTo(BASE);
        assertThat(stored.get(toFineTuned).modelUsed()).isEqualTo(FINE_TUNED);
        assertThat(stored.get(toFineTuned).metadata())
                .containsEntry(TuneloopChatModelListener.ARM_METADATA, "fine-tuned");
    }

    @Test
    void theUserMayComeFromTheHostsResolver() {
        String user = firstUserOf("fine-tuned");
        ChatModel routed = RoutedChatModel.builder(router)
                .model(BASE, openAi(baseServer))
                .model(FINE_TUNED, openAi(fineTunedServer))
                .userId(attributes -> user)
                .build();

        assertThat(routed.chat("from " + user)).isEqualTo("ok");

        assertThat(sentBy(fineTunedServer)).containsExactly(user);
        assertThat(storedByUser().get(user).modelUsed()).isEqualTo(FINE_TUNED);
    }

    @Test
    void aCallThatCannotBeRoutedFailsLoudly() {
        ChatModel onlyBase =
                RoutedChatModel.builder(router).model(BASE, openAi(baseServer)).build();
        String toFineTuned = firstUserOf("fine-tuned");

        assertThatThrownBy(() -> onlyBase.chat(
                        ChatRequest.builder().messages(UserMessage.from("hi")).build(),
                        TuneloopAttributes.forUser(toFineTuned)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no ChatModel for model " + FINE_TUNED + " of arm fine-tuned");
        assertThatThrownBy(() -> onlyBase.chat("no user, and the plan has no anonymous arm"))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> RoutedChatModel.builder(router).build())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("needs at least one model(...) or a defaultModel(...)");
        assertThat(baseServer.requests()).isEmpty();
    }

    private StreamingChatModel streaming(LocalOpenAiServer server) {
        return OpenAiStreamingChatModel.builder()
                .baseUrl(server.baseUrl())
                .apiKey("sk-test-not-a-key")
                .modelName(BASE)
                .listeners(List.of(listener))
                .build();
    }

    private static String firstUserOf(String arm) {
        for (int n = 0; ; n++) {
            if (expectedArm("user-" + n).equals(arm)) {
                return "user-" + n;
            }
        }
    }

    /** The users whose requests reached {@code server}, in order (each message says "from user-N"). */
    private static List<String> sentBy(LocalOpenAiServer server) {
        List<String> users = new ArrayList<>();
        for (JsonNode request : server.requests()) {
            JsonNode messages = request.path("messages");
            users.add(messages.get(messages.size() - 1).path("content").asText().substring("from ".length()));
        }
        return users;
    }

    private static StreamingChatResponseHandler handler(CompletableFuture<ChatResponse> done) {
        return new StreamingChatResponseHandler() {
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
        };
    }
}
