package dev.tuneloop.spring.boot;

import dev.tuneloop.Tuneloop;
import dev.tuneloop.curate.Curator;
import dev.tuneloop.curate.ReadinessChecklist;
import dev.tuneloop.curate.ReviewQueue;
import dev.tuneloop.curate.Taxonomy;
import dev.tuneloop.export.JsonlExporter;
import dev.tuneloop.metrics.FlywheelMetrics;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.route.AbRouter;
import dev.tuneloop.route.ExposureListener;
import dev.tuneloop.store.Store;
import dev.tuneloop.tune.FineTuneClient;
import dev.tuneloop.tune.FineTuneLauncher;
import dev.tuneloop.tune.JobListener;
import dev.tuneloop.tune.JobWatcher;
import dev.tuneloop.tune.ReadinessGate;
import dev.tuneloop.tune.TrainingDataSource;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;

/**
 * Tuneloop's core beans: the {@link Store} (JDBC on the application's {@link DataSource}, else in memory), the
 * {@link Tuneloop} facade and the parts it hands out (recorder, curator, readiness checklist, exporter, flywheel
 * metrics, taxonomy), the {@link AbRouter} from {@code tuneloop.routing.*} or the registry, and a
 * {@link FineTuneLauncher} and a {@link JobWatcher} when a {@link FineTuneClient} bean exists. Every bean is {@code @ConditionalOnMissingBean}.
 * Off with {@code tuneloop.enabled=false}.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration"
        })
@ConditionalOnBooleanProperty(name = "tuneloop.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TuneloopProperties.class)
public class TuneloopAutoConfiguration {

    /** Made by Spring. */
    public TuneloopAutoConfiguration() {}

    /**
     * The store: with {@code tuneloop.store.type=auto} (the default) the JDBC store on the application's
     * {@link DataSource} when tuneloop-jdbc-store is on the classpath and there is one DataSource, migrated on start
     * unless {@code tuneloop.store.migrate=false}; else in memory.
     *
     * @param properties the settings
     * @param dataSources the application's DataSource, if any
     * @param beanFactory where the application's classes are loaded from
     * @return the store
     */
    @Bean
    @ConditionalOnMissingBean
    public Store tuneloopStore(
            TuneloopProperties properties,
            ObjectProvider<DataSource> dataSources,
            ConfigurableListableBeanFactory beanFactory) {
        TuneloopSettings.validate(properties);
        return StoreFactory.create(properties.getStore(), dataSources, beanFactory.getBeanClassLoader());
    }

    /**
     * The facade, closed on shutdown: its asynchronous recorder writes what it has queued within
     * {@code tuneloop.recorder.close-timeout}, then stops.
     *
     * @param properties the settings
     * @param store the store
     * @return the facade
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public Tuneloop tuneloop(TuneloopProperties properties, Store store) {
        TuneloopSettings.validate(properties);
        Taxonomy taxonomy = TuneloopSettings.taxonomy(properties.getCuration());
        Tuneloop.Builder b = Tuneloop.builder()
                .store(store)
                .curationOptions(TuneloopSettings.curationOptions(properties.getCuration(), taxonomy));
        if (properties.getRecorder().isSynchronous()) {
            b.synchronousRecorder();
        } else {
            b.recorderOptions(TuneloopSettings.recorderOptions(properties.getRecorder()));
        }
        return b.build();
    }

    /**
     * The recorder of {@link #tuneloop}; closed with it.
     *
     * @param tuneloop the facade
     * @return its recorder
     */
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    public InteractionRecorder tuneloopRecorder(Tuneloop tuneloop) {
        return tuneloop.recorder();
    }

    /**
     * The taxonomy from {@code tuneloop.curation.*}.
     *
     * @param tuneloop the facade
     * @return its taxonomy
     */
    @Bean
    @ConditionalOnMissingBean
    public Taxonomy tuneloopTaxonomy(Tuneloop tuneloop) {
        return tuneloop.taxonomy();
    }

    /**
     * The curator over the store.
     *
     * @param tuneloop the facade
     * @return its curator
     */
    @Bean
    @ConditionalOnMissingBean
    public Curator tuneloopCurator(Tuneloop tuneloop) {
        return tuneloop.curator();
    }

    /**
     * The readiness checklist.
     *
     * @param tuneloop the facade
     * @return its checklist
     */
    @Bean
    @ConditionalOnMissingBean
    public ReadinessChecklist tuneloopReadinessChecklist(Tuneloop tuneloop) {
        return tuneloop.readiness();
    }

    /**
     * The JSONL exporter.
     *
     * @param tuneloop the facade
     * @return its exporter
     */
    @Bean
    @ConditionalOnMissingBean
    public JsonlExporter tuneloopExporter(Tuneloop tuneloop) {
        return tuneloop.exporter();
    }

    /**
     * Review at team scale: reviewers claim candidates (leases of {@link ReviewQueue.Builder#DEFAULT_LEASE}, kept in
     * the store, so two instances never hand out the same candidate) and approvals of a candidate someone else holds
     * are refused. The admin API serves it under {@code /admin/review/}.
     *
     * @param tuneloop the facade
     * @return the queue
     */
    @Bean
    @ConditionalOnMissingBean
    public ReviewQueue tuneloopReviewQueue(Tuneloop tuneloop) {
        return ReviewQueue.builder(tuneloop.curator(), tuneloop.store().claims())
                .clock(tuneloop.clock())
                .build();
    }

    /**
     * The seed's key metrics over the store.
     *
     * @param tuneloop the facade
     * @return a metrics view
     */
    @Bean
    @ConditionalOnMissingBean
    public FlywheelMetrics tuneloopFlywheelMetrics(Tuneloop tuneloop) {
        return tuneloop.flywheelMetrics();
    }

    /**
     * The router: {@code tuneloop.routing.arms} when given, else the registry's deployed version, else everyone on
     * {@code tuneloop.routing.base-model}. Every {@link ExposureListener} bean (e.g. the Micrometer per-arm counter)
     * receives the sampled exposures. Closed on shutdown.
     *
     * @param properties the settings
     * @param tuneloop the facade
     * @param listeners the exposure listeners
     * @return the router
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public AbRouter tuneloopRouter(
            TuneloopProperties properties, Tuneloop tuneloop, ObjectProvider<ExposureListener> listeners) {
        AbRouter.Builder b = AbRouter.builder(TuneloopSettings.routingPlan(
                        properties.getRouting(), tuneloop.store().registry()))
                .clock(tuneloop.clock());
        List<ExposureListener> all = listeners.orderedStream().collect(Collectors.toList());
        if (all.size() == 1) {
            b.exposureListener(all.get(0));
        } else if (!all.isEmpty()) {
            b.exposureListener(exposure -> all.forEach(l -> l.onExposure(exposure)));
        }
        return b.build();
    }

    /**
     * Launches fine-tuning jobs (readiness → export → validate → upload → create → register) when a
     * {@link FineTuneClient} bean exists: the OpenAI one from {@link TuneloopOpenAiAutoConfiguration}, or any other
     * provider module's or the host's.
     *
     * @param tuneloop the facade
     * @param client the provider
     * @return the launcher
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(FineTuneClient.class)
    public FineTuneLauncher tuneloopFineTuneLauncher(Tuneloop tuneloop, FineTuneClient client) {
        Store store = tuneloop.store();
        return FineTuneLauncher.builder(
                        client,
                        store.jobs(),
                        store.registry(),
                        TrainingDataSource.fromExporter(
                                tuneloop.exporter(), Path.of(System.getProperty("java.io.tmpdir"))),
                        ReadinessGate.fromChecklist(tuneloop.readiness(), store.examples()))
                .build();
    }

    /**
     * Watches fine-tuning jobs until they finish when a {@link FineTuneClient} bean exists: polls the provider with
     * backoff ({@code tuneloop.jobs.initial-interval}, {@code .max-interval}), saves every change in the job store,
     * records a succeeded job's model on its version in the registry, and hands status changes, events and stalls
     * ({@code tuneloop.jobs.stall-after}) to every {@link JobListener} bean. Off with {@code tuneloop.jobs.watch=false}.
     * Closed on shutdown.
     *
     * @param properties the settings
     * @param tuneloop the facade
     * @param client the provider
     * @param listeners the job listeners
     * @return the watcher
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnBean(FineTuneClient.class)
    @ConditionalOnBooleanProperty(name = "tuneloop.jobs.watch", matchIfMissing = true)
    public JobWatcher tuneloopJobWatcher(
            TuneloopProperties properties,
            Tuneloop tuneloop,
            FineTuneClient client,
            ObjectProvider<JobListener> listeners) {
        TuneloopProperties.Jobs jobs = properties.getJobs();
        Store store = tuneloop.store();
        JobWatcher.Builder b = JobWatcher.builder(client, store.jobs(), store.registry())
                .clock(tuneloop.clock())
                .initialInterval(jobs.getInitialInterval())
                .maxInterval(jobs.getMaxInterval())
                .stallAfter(jobs.getStallAfter());
        List<JobListener> all = listeners.orderedStream().collect(Collectors.toList());
        if (all.size() == 1) {
            b.listener(all.get(0));
        } else if (!all.isEmpty()) {
            b.listener(new JobListeners(all));
        }
        return b.build();
    }

    /**
     * Watches the job store's unfinished jobs at startup and every {@code tuneloop.jobs.rescan-interval}.
     *
     * @param watcher the watcher
     * @param properties the settings
     * @return the lifecycle bean
     */
    @Bean
    @ConditionalOnBean(JobWatcher.class)
    @ConditionalOnBooleanProperty(name = "tuneloop.jobs.watch", matchIfMissing = true)
    SmartLifecycle tuneloopJobRescan(JobWatcher watcher, TuneloopProperties properties) {
        return new JobRescan(watcher, properties.getJobs().getRescanInterval());
    }
}
