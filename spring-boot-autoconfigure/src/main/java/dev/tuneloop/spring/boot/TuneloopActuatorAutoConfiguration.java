package dev.tuneloop.spring.boot;

import dev.tuneloop.Tuneloop;
import dev.tuneloop.curate.ReadinessChecklist;
import dev.tuneloop.metrics.FlywheelMetrics;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.route.AbRouter;
import dev.tuneloop.store.Store;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code tuneloop} actuator endpoint ({@link TuneloopEndpoint}) and health indicator
 * ({@link TuneloopHealthIndicator}), when Spring Boot's actuator is on the classpath. Expose the endpoint as any
 * other: {@code management.endpoints.web.exposure.include=health,tuneloop}.
 */
@AutoConfiguration(after = TuneloopAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
@ConditionalOnBean(Tuneloop.class)
public class TuneloopActuatorAutoConfiguration {

    /** Made by Spring. */
    public TuneloopActuatorAutoConfiguration() {}

    /**
     * The endpoint.
     *
     * @param store the store
     * @param recorder the recorder
     * @param router the router
     * @param readiness the readiness checklist
     * @param flywheel the key metrics
     * @return the endpoint
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    public TuneloopEndpoint tuneloopEndpoint(
            Store store,
            InteractionRecorder recorder,
            AbRouter router,
            ReadinessChecklist readiness,
            FlywheelMetrics flywheel) {
        return new TuneloopEndpoint(store, recorder, router, readiness, flywheel);
    }

    /** The health indicator, when Spring Boot's health module is on the classpath. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    @ConditionalOnEnabledHealthIndicator("tuneloop")
    static class HealthConfiguration {
        @Bean
        @ConditionalOnMissingBean
        TuneloopHealthIndicator tuneloopHealthIndicator(
                TuneloopProperties properties, Tuneloop tuneloop, InteractionRecorder recorder) {
            return new TuneloopHealthIndicator(
                    recorder,
                    tuneloop.store().jobs(),
                    tuneloop.clock(),
                    properties.getHealth().getStuckJobAfter());
        }
    }
}
