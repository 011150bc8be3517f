package dev.tuneloop.langchain4j;

import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.tuneloop.record.InteractionRecorder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Records LangChain4j's chat calls through the application's Tuneloop recorder when the Tuneloop Spring Boot starter and
 * this module are on the classpath: one {@link TuneloopChatModelListener} bean on the starter's recorder.
 *
 * <p>LangChain4j's own Spring Boot starters ({@code langchain4j-open-ai-spring-boot-starter} and the others) hand every
 * {@link ChatModelListener} bean to the chat models they build, so with them the host changes no code; a host that
 * builds its models itself passes the bean to the model builder's {@code listeners(...)}.
 *
 * <p>The user id comes from the call's listener attribute {@link TuneloopAttributes#USER_ID}, else from
 * {@code tuneloop.capture.default-user-id} when set (a call with neither is counted by the recorder as rejected, never
 * thrown); the session id from {@link TuneloopAttributes#SESSION_ID}. Off with {@code tuneloop.capture.enabled=false};
 * a listener bean of the host's own replaces this one.
 */
@AutoConfiguration(afterName = "dev.tuneloop.spring.boot.TuneloopAutoConfiguration")
@ConditionalOnClass(ChatModelListener.class)
@ConditionalOnBooleanProperty(name = "tuneloop.capture.enabled", matchIfMissing = true)
@ConditionalOnBean(InteractionRecorder.class)
public class TuneloopLangChain4jAutoConfiguration {

    /** Made by Spring. */
    public TuneloopLangChain4jAutoConfiguration() {}

    /**
     * The listener, on the application's recorder.
     *
     * @param recorder the recorder
     * @param defaultUserId the user id of calls that carry none; empty for none
     * @return the listener
     */
    @Bean
    @ConditionalOnMissingBean
    public TuneloopChatModelListener tuneloopChatModelListener(
            InteractionRecorder recorder, @Value("${tuneloop.capture.default-user-id:}") String defaultUserId) {
        TuneloopChatModelListener.Builder b = TuneloopChatModelListener.builder(recorder);
        if (!defaultUserId.isBlank()) {
            b.userId(attributes -> defaultUserId); // asked only when the call has no USER_ID attribute
        }
        return b.build();
    }
}
