package dev.tuneloop.spring.boot;

import dev.tuneloop.Tuneloop;
import dev.tuneloop.metrics.FlywheelMetrics;
import dev.tuneloop.micrometer.ArmExposures;
import dev.tuneloop.micrometer.TuneloopMetrics;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.route.AbRouter;
import dev.tuneloop.store.Store;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The Micrometer binder ({@link TuneloopMetrics}) for the recorder, the router (with per-arm exposure counts), the
 * active fine-tuning jobs and the flywheel's key metrics, when Micrometer and tuneloop-micrometer are on the classpath.
 * Spring Boot's metrics support binds it to every {@link MeterRegistry}.
 */
@AutoConfiguration(after = TuneloopAutoConfiguration.class)
@ConditionalOnClass({MeterRegistry.class, TuneloopMetrics.class})
@ConditionalOnBean(Tuneloop.class)
public class TuneloopMetricsAutoConfiguration {

    /** Made by Spring. */
    public TuneloopMetricsAutoConfiguration() {}

    /**
     * Counts the router's exposures per arm (the router gets every exposure listener bean).
     *
     * @return the counter
     */
    @Bean
    @ConditionalOnMissingBean
    public ArmExposures tuneloopArmExposures() {
        return ArmExposures.create();
    }

    /**
     * The binder.
     *
     * @param properties the settings
     * @param store the store (its active jobs)
     * @param recorder the recorder
     * @param router the router
     * @param exposures the per-arm counter
     * @param flywheel the key metrics
     * @return the binder
     */
    @Bean
    @ConditionalOnMissingBean
    public TuneloopMetrics tuneloopMetrics(
            TuneloopProperties properties,
            Store store,
            InteractionRecorder recorder,
            AbRouter router,
            ArmExposures exposures,
            FlywheelMetrics flywheel) {
        return TuneloopMetrics.builder()
                .recorder(recorder)
                .router(router)
                .exposures(exposures)
                .jobs(store.jobs())
                .flywheel(flywheel)
                .refreshInterval(properties.getMetrics().getRefreshInterval())
                .build();
    }
}
