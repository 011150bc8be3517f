package dev.tuneloop.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.record.RecordedInteraction;
import dev.tuneloop.record.ScanQuery;
import dev.tuneloop.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;

/**
 * The Tuneloop starter and LangChain4j in one Boot application: the starter's recorder gets a listener bean, and a
 * chat model built the way LangChain4j's Spring Boot starters build theirs (every {@link ChatModelListener} bean
 * passed to the model builder) records each call once, through LangChain4j's real OpenAI client against a local
 * server.
 */
@SpringBootTest(
        classes = LangChain4jAutoConfigurationTest.App.class,
        properties = {"tuneloop.store.type=memory", "tuneloop.capture.default-user-id=web-visitor"})
class LangChain4jAutoConfigurationTest {
    static final LocalOpenAiServer SERVER = server();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        /** As {@code langchain4j-open-ai-spring-boot-starter} builds its model: with the context's listeners. */
        @Bean
        OpenAiChatModel chatModel(ObjectProvider<ChatModelListener> listeners) {
            return OpenAiChatModel.builder()
                    .baseUrl(SERVER.baseUrl())
                    .apiKey("sk-test-not-a-key")
                    .modelName("gpt-4o-mini")
                    .maxRetries(0)
                    .listeners(listeners.orderedStream().toList())
                    .build();
        }
    }

    @Autowired
    ChatModel chatModel;

    @Autowired
    TuneloopChatModelListener listener;

    @Autowired
    InteractionRecorder recorder;

    @Autowired
    Store store;

    private static LocalOpenAiServer server() {
        try {
            return new LocalOpenAiServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    @Test
    void theModelBuiltWithTheContextsListenersRecordsEachCallOnceOnTheStartersRecorder() {
        SERVER.reply(
                LocalOpenAiServer.Reply.text("for a signed-in user"), LocalOpenAiServer.Reply.text("for a visitor"));
        AtomicReference<InteractionId> handedBack = new AtomicReference<>();

        chatModel.chat(
                ChatRequest.builder()
                        .messages(dev.langchain4j.data.message.UserMessage.from("hello"))
                        .build(),
                TuneloopAttributes.forUser("user-42", null, handedBack::set));
        chatModel.chat("hello again");

        assertThat(recorder.flush(Duration.ofSeconds(10))).isTrue();
        List<RecordedInteraction> all = new ArrayList<>();
        store.interactions().scan(ScanQuery.all(), all::add);
        assertThat(all).hasSize(2);
        Interaction signedIn =
                store.interactions().find(handedBack.get()).orElseThrow().interaction();
        assertThat(signedIn.userId()).isEqualTo("user-42");
        assertThat(signedIn.userMessage()).isEqualTo("hello");
        assertThat(signedIn.assistantResponse()).isEqualTo("for a signed-in user");
        assertThat(all)
                .filteredOn(x -> x.interaction().assistantResponse().equals("for a visitor"))
                .extracting(x -> x.interaction().userId())
                .containsExactly("web-visitor");
        assertThat(listener.stats().recorded()).isEqualTo(2);
    }

    @Test
    void offWithTheCapturePropertyOrReplacedByTheHostsOwnListener() {
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TuneloopLangChain4jAutoConfiguration.class))
                .withBean(
                        InteractionRecorder.class,
                        () -> InteractionRecorder.sync(Store.inMemory().interactions()));
        runner.run(context -> assertThat(context).hasSingleBean(TuneloopChatModelListener.class));
        runner.withPropertyValues("tuneloop.capture.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(TuneloopChatModelListener.class));
        runner.withBean(
                        "hostListener",
                        TuneloopChatModelListener.class,
                        () -> TuneloopChatModelListener.create(
                                InteractionRecorder.sync(Store.inMemory().interactions())))
                .run(context -> assertThat(context)
                        .hasSingleBean(TuneloopChatModelListener.class)
                        .hasBean("hostListener"));
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TuneloopLangChain4jAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(TuneloopChatModelListener.class));
    }
}
