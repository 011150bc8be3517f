package dev.tuneloop.springai;

import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.route.AbRouter;
import org.springframework.ai.chat.client.ChatClientBuilderCustomizer;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Records Spring AI's chat calls through the application's Tuneloop recorder when the Tuneloop Spring Boot starter and
 * Spring AI are both on the classpath: a {@link TuneloopAdvisor} added to Boot's {@code ChatClient.Builder} (through a
 * {@link ChatClientBuilderCustomizer}), routing each call to the user's arm with {@code tuneloop.capture.route=true}; and a
 * {@link TuneloopObservationHandler} for chat model calls made without it (off with
 * {@code tuneloop.capture.observations=false}). A call made through the advisor is not recorded again by the handler.
 * Off with {@code tuneloop.capture.enabled=false}; every bean is {@code @ConditionalOnMissingBean}.
 */
@AutoConfiguration(afterName = "dev.tuneloop.spring.boot.TuneloopAutoConfiguration")
@ConditionalOnClass(CallAdvisor.class)
@ConditionalOnBooleanProperty(name = "tuneloop.capture.enabled", matchIfMissing = true)
@ConditionalOnBean(InteractionRecorder.class)
@EnableConfigurationProperties(TuneloopCaptureProperties.class)
public class TuneloopSpringAiAutoConfiguration {

    /** Made by Spring. */
    public TuneloopSpringAiAutoConfiguration() {}

    /**
     * The advisor, on the application's recorder; with {@code tuneloop.capture.route=true}, on its router too.
     *
     * @param properties the settings
     * @param recorder the recorder
     * @param router the router, if any
     * @return the advisor
     */
    @Bean
    @ConditionalOnMissingBean
    public TuneloopAdvisor tuneloopAdvisor(
            TuneloopCaptureProperties properties, InteractionRecorder recorder, ObjectProvider<AbRouter> router) {
        TuneloopAdvisor.Builder b = TuneloopAdvisor.builder(recorder).defaultUserId(properties.getDefaultUserId());
        if (properties.isRoute()) {
            AbRouter r = router.getIfAvailable();
            if (r == null) {
                throw new IllegalStateException(
                        "tuneloop.capture.route is true, but there is no AbRouter bean (tuneloop.enabled=false?)");
            }
            b.router(r);
        }
        return b.build();
    }

    /**
     * Adds the advisor to every {@code ChatClient.Builder} Spring AI's auto-configuration makes.
     *
     * @param advisor the advisor
     * @return the customizer
     */
    @Bean
    @ConditionalOnMissingBean(name = "tuneloopChatClientBuilderCustomizer")
    public ChatClientBuilderCustomizer tuneloopChatClientBuilderCustomizer(TuneloopAdvisor advisor) {
        return builder -> builder.defaultAdvisors(advisor);
    }

    /**
     * The observation handler, registered in the application's {@code ObservationRegistry} by Spring Boot.
     *
     * @param properties the settings
     * @param recorder the recorder
     * @return the handler
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "tuneloop.capture.observations", matchIfMissing = true)
    public TuneloopObservationHandler tuneloopObservationHandler(
            TuneloopCaptureProperties properties, InteractionRecorder recorder) {
        return TuneloopObservationHandler.builder(recorder)
                .defaultUserId(properties.getDefaultUserId())
                .build();
    }
}
