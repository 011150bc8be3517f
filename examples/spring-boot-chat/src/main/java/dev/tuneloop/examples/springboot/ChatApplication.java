package dev.tuneloop.examples.springboot;

import dev.tuneloop.model.ChatModel;
import dev.tuneloop.model.ChatResponse;
import dev.tuneloop.model.TokenUsage;
import dev.tuneloop.record.ChatMessage;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The chat service: {@code ./mvnw -pl examples/spring-boot-chat -am spring-boot:run}. Everything Tuneloop needs comes
 * from the starter and {@code application.properties}; the only bean here is the chat model.
 */
@SpringBootApplication
public class ChatApplication {

    /**
     * Starts the service.
     *
     * @param args Spring Boot's arguments
     */
    public static void main(String[] args) {
        SpringApplication.run(ChatApplication.class, args);
    }

    /**
     * The model the controller calls. An offline stand-in so the example runs without a key; a real service injects
     * {@code OpenAiChatModel} (tuneloop-openai) or its own client here.
     *
     * @return the chat model
     */
    @Bean
    ChatModel chatModel() {
        return request -> {
            List<ChatMessage> messages = request.messages();
            String question = messages.get(messages.size() - 1).content();
            String answer = "(" + request.model() + ") You asked " + question.length()
                    + " characters' worth; here is a short answer.";
            return new ChatResponse(answer, request.model(), TokenUsage.ZERO, Duration.ofMillis(1));
        };
    }
}
