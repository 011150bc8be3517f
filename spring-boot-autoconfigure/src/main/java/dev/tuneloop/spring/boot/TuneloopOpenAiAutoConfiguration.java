package dev.tuneloop.spring.boot;

import com.openai.client.OpenAIClient;
import dev.tuneloop.openai.OpenAiClients;
import dev.tuneloop.openai.OpenAiFineTuneClient;
import dev.tuneloop.tune.FineTuneClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The OpenAI fine-tuning client, when tuneloop-openai is on the classpath and {@code tuneloop.openai.api-key} is set
 * (base URL {@code tuneloop.openai.base-url}). Other providers plug in the same way: an auto-configuration conditional
 * on its module's class and credentials that contributes a {@link FineTuneClient} bean, which the launcher, the admin
 * endpoints and the actuator endpoint pick up; a host's own {@link FineTuneClient} bean wins over all of them.
 */
@AutoConfiguration(before = TuneloopAutoConfiguration.class)
@ConditionalOnClass(name = "dev.tuneloop.openai.OpenAiFineTuneClient")
@ConditionalOnProperty(name = "tuneloop.openai.api-key")
@EnableConfigurationProperties(TuneloopProperties.class)
public class TuneloopOpenAiAutoConfiguration {

    /** Made by Spring. */
    public TuneloopOpenAiAutoConfiguration() {}

    /**
     * The SDK client the fine-tuning client talks through; closed on shutdown.
     *
     * @param properties the settings
     * @return the SDK client
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(FineTuneClient.class)
    public OpenAIClient tuneloopOpenAiSdkClient(TuneloopProperties properties) {
        String key = properties.getOpenai().getApiKey();
        return OpenAiClients.of(properties.getOpenai().getBaseUrl(), key == null ? "" : key);
    }

    /**
     * The fine-tuning client.
     *
     * @param sdk the SDK client
     * @return the client
     */
    @Bean
    @ConditionalOnMissingBean
    public FineTuneClient tuneloopFineTuneClient(OpenAIClient sdk) {
        return OpenAiFineTuneClient.create(sdk);
    }
}
