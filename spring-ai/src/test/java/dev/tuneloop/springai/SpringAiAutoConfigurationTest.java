package dev.tuneloop.springai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.record.RecordedInteraction;
import dev.tuneloop.record.ScanQuery;
import dev.tuneloop.store.Store;
import io.micrometer.observation.ObservationRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

/**
 * The Tuneloop starter and Spring AI in one Boot application: the advisor is added to Boot's {@code ChatClient.Builder}
 * and the observation handler to Boot's {@code ObservationRegistry}, both on the starter's recorder; a call through the
 * client and a call on the model alone are each recorded once.
 */
@SpringBootTest(
        classes = SpringAiAutoConfigurationTest.App.class,
        properties = {"tuneloop.store.type=memory", "tuneloop.capture.default-user-id=web-visitor"})
class SpringAiAutoConfigurationTest {
    static final ChatCompletionsServer SERVER = server();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        OpenAiChatModel chatModel(ObservationRegistry registry) {
            return OpenAiChatModel.builder()
                    .options(OpenAiChatOptions.builder()
                            .baseUrl(SERVER.baseUrl())
                            .apiKey("sk-test")
                            .model("gpt-4o-mini")
                            .maxRetries(0)
                            .build())
                    .observationRegistry(registry)
                    .build();
        }
    }

    @Autowired
    ChatClient.Builder chatClientBuilder;

    @Autowired
    ChatModel chatModel;

    @Autowired
    TuneloopAdvisor advisor;

    @Autowired
    TuneloopObservationHandler handler;

    @Autowired
    InteractionRecorder recorder;

    @Autowired
    Store store;

    private static ChatCompletionsServer server() {
        try {
            return new ChatCompletionsServer();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    @Test
    void bootsChatClientRecordsThroughTheStartersRecorderAndTheModelAloneThroughTheHandler() {
        SERVER.answer("gpt-4o-mini", "through the client", 5, 3).answer("gpt-4o-mini", "on the model alone", 4, 4);

        ChatClient client = chatClientBuilder.build(); // Boot's builder: the advisor is already on it
        ChatClientResponse r = client.prompt()
                .user("hello")
                .advisors(a -> a.param(TuneloopAdvisor.USER_ID, "user-42"))
                .call()
                .chatClientResponse();
        InteractionId id = (InteractionId) r.context().get(TuneloopAdvisor.INTERACTION_ID);
        chatModel.call(new Prompt(new UserMessage("hello again")));

        assertThat(recorder.flush(Duration.ofSeconds(10))).isTrue();
        List<RecordedInteraction> all = new ArrayList<>();
        store.interactions().scan(ScanQuery.all(), all::add);
        assertThat(all).hasSize(2);
        Interaction viaClient = store.interactions().find(id).orElseThrow().interaction();
        assertThat(viaClient.userId()).isEqualTo("user-42");
        assertThat(viaClient.assistantResponse()).isEqualTo("through the client");
        assertThat(all)
                .extracting(x -> x.interaction().assistantResponse())
                .containsExactlyInAnyOrder("through the client", "on the model alone");
        assertThat(all)
                .filteredOn(x -> x.interaction().assistantResponse().equals("on the model alone"))
                .extracting(x -> x.interaction().userId())
                .containsExactly("web-visitor");
        assertThat(advisor.stats().recorded()).isEqualTo(1);
        assertThat(handler.stats().recorded()).isEqualTo(1);
        assertThat(handler.stats().skipped()).isEqualTo(1); // the client's call: the advisor recorded it
    }
}
