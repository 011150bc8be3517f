package dev.tuneloop.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuneloop.Tuneloop;
import dev.tuneloop.curate.Curator;
import dev.tuneloop.curate.ReadinessChecklist;
import dev.tuneloop.curate.ReviewQueue;
import dev.tuneloop.curate.Taxonomy;
import dev.tuneloop.export.JsonlExporter;
import dev.tuneloop.jdbc.JdbcStore;
import dev.tuneloop.metrics.FlywheelMetrics;
import dev.tuneloop.micrometer.TuneloopMetrics;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.route.AbRouter;
import dev.tuneloop.store.Store;
import dev.tuneloop.testing.FakeFineTuneClient;
import dev.tuneloop.testsupport.Fixtures;
import dev.tuneloop.tune.FineTuneClient;
import dev.tuneloop.tune.FineTuneJob;
import dev.tuneloop.tune.FineTuneLauncher;
import dev.tuneloop.tune.FineTuneRequest;
import dev.tuneloop.tune.JobListener;
import dev.tuneloop.tune.JobStatus;
import dev.tuneloop.tune.JobWatcher;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One test per condition of the auto-configuration. */
class TuneloopAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    TuneloopAutoConfiguration.class,
                    TuneloopOpenAiAutoConfiguration.class,
                    TuneloopMetricsAutoConfiguration.class,
                    TuneloopActuatorAutoConfiguration.class));

    @Configuration(proxyBeanMethods = false)
    static class H2DataSource {
        @Bean
        DataSource dataSource() {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL("jdbc:h2:mem:autoconfig-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
            return ds;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnStore {
        static final Store STORE = Store.inMemory();

        @Bean
        Store myStore() {
            return STORE;
        }
    }

    @Test
    void withoutADataSourceEverythingRunsInMemory() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(Store.class)).isNotInstanceOf(JdbcStore.class);
            assertThat(context)
                    .hasSingleBean(Tuneloop.class)
                    .hasSingleBean(InteractionRecorder.class)
                    .hasSingleBean(AbRouter.class)
                    .hasSingleBean(Curator.class)
                    .hasSingleBean(ReadinessChecklist.class)
                    .hasSingleBean(JsonlExporter.class)
                    .hasSingleBean(FlywheelMetrics.class)
                    .hasSingleBean(Taxonomy.class)
                    .hasSingleBean(ReviewQueue.class)
                    .doesNotHaveBean(FineTuneClient.class)
                    .doesNotHaveBean(FineTuneLauncher.class);
            // no routing configured and nothing deployed: everyone gets the base model
            assertThat(context.getBean(AbRouter.class).modelFor("user-1")).isEqualTo("gpt-4o-mini");
        });
    }

    @Test
    void withADataSourceTheJdbcStoreIsMigratedOnIt() {
        runner.withUserConfiguration(H2DataSource.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(Store.class)).isInstanceOf(JdbcStore.class);
            InteractionRecorder recorder = context.getBean(InteractionRecorder.class);
            var id = recorder.log(Fixtures.interaction(Fixtures.NOW));
            assertThat(recorder.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(context.getBean(Store.class).interactions().find(id)).isPresent();
        });
    }

    @Test
    void theJdbcStoreWithoutMigrationFailsStartupOnAnEmptyDatabase() {
        runner.withUserConfiguration(H2DataSource.class)
                .withPropertyValues("tuneloop.store.migrate=false")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void storeTypeMemoryIgnoresTheDataSource() {
        runner.withUserConfiguration(H2DataSource.class)
                .withPropertyValues("tuneloop.store.type=memory")
                .run(context -> assertThat(context.getBean(Store.class)).isNotInstanceOf(JdbcStore.class));
    }

    @Test
    void storeTypeJdbcWithoutADataSourceFailsNamingTheProperty() {
        runner.withPropertyValues("tuneloop.store.type=jdbc").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("tuneloop.store.type is jdbc");
        });
    }

    @Test
    void withoutTheJdbcModuleTheStoreIsInMemoryEvenWithADataSource() {
        runner.withUserConfiguration(H2DataSource.class)
                .withClassLoader(new FilteredClassLoader("dev.tuneloop.jdbc"))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(Store.class).getClass().getName())
                            .doesNotContain("Jdbc");
                });
    }

    @Test
    void aHostsOwnBeanWins() {
        runner.withUserConfiguration(OwnStore.class)
                .run(context -> assertThat(context.getBean(Store.class)).isSameAs(OwnStore.STORE));
    }

    @Test
    void tuneloopEnabledFalseMakesNoBean() {
        runner.withPropertyValues("tuneloop.enabled=false")
                .run(context ->
                        assertThat(context).doesNotHaveBean(Tuneloop.class).doesNotHaveBean(TuneloopMetrics.class));
    }

    @Test
    void invalidValuesFailStartupWithThePropertyNameAndTheRule() {
        runner.withPropertyValues(
                        "tuneloop.recorder.max-queue-size=10",
                        "tuneloop.recorder.max-batch-size=50",
                        "tuneloop.routing.arms[0].name=base",
                        "tuneloop.routing.arms[0].model=gpt-4o-mini",
                        "tuneloop.routing.arms[0].weight=9000")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .rootCause()
                            .hasMessageContaining("tuneloop.recorder.max-batch-size must be in 1..max-queue-size (10)")
                            .hasMessageContaining("tuneloop.routing.arms[*].weight must add up to 10000");
                });
    }

    @Test
    void theRouterFollowsTheArmsAndTheKillSwitch() {
        runner.withPropertyValues(
                        "tuneloop.routing.salt=exp",
                        "tuneloop.routing.arms[0].name=fine-tuned",
                        "tuneloop.routing.arms[0].model=ft:gpt-4o-mini:acme:v1",
                        "tuneloop.routing.arms[0].weight=10000",
                        "tuneloop.routing.arms[1].name=base",
                        "tuneloop.routing.arms[1].model=gpt-4o-mini",
                        "tuneloop.routing.arms[1].weight=0")
                .run(context -> assertThat(context.getBean(AbRouter.class).modelFor("user-1"))
                        .isEqualTo("ft:gpt-4o-mini:acme:v1"));
        runner.withPropertyValues(
                        "tuneloop.routing.arms[0].name=fine-tuned",
                        "tuneloop.routing.arms[0].model=ft:gpt-4o-mini:acme:v1",
                        "tuneloop.routing.arms[0].weight=10000",
                        "tuneloop.routing.arms[1].name=base",
                        "tuneloop.routing.arms[1].model=gpt-4o-mini",
                        "tuneloop.routing.arms[1].weight=0",
                        "tuneloop.routing.kill-switch=gpt-4o-mini")
                .run(context -> assertThat(context.getBean(AbRouter.class).modelFor("user-1"))
                        .isEqualTo("gpt-4o-mini"));
    }

    @Test
    void routingFromTheRegistryWithNothingDeployedFailsStartup() {
        runner.withPropertyValues("tuneloop.routing.source=registry").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("no model version is deployed");
        });
    }

    @Test
    void withMicrometerTheBinderMeasuresTheRecorderAndRouter() {
        runner.run(context -> {
            MeterRegistry registry = new SimpleMeterRegistry();
            context.getBean(TuneloopMetrics.class).bindTo(registry);
            context.getBean(AbRouter.class).modelFor("user-1");
            context.getBean(InteractionRecorder.class).log(Fixtures.interaction(Fixtures.NOW));
            assertThat(registry.get("tuneloop.recorder.enqueued")
                            .functionCounter()
                            .count())
                    .isEqualTo(1);
            assertThat(registry.get("tuneloop.router.exposures.sampled")
                            .functionCounter()
                            .count())
                    .isEqualTo(1);
        });
    }

    @Test
    void withoutMicrometerThereIsNoBinder() {
        runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TuneloopMetrics.class));
    }

    @Test
    void withTheOpenAiModuleAndAKeyTheresAFineTuneClientAndALauncher() {
        runner.withPropertyValues(
                        "tuneloop.openai.api-key=sk-test-not-a-real-key",
                        "tuneloop.openai.base-url=http://127.0.0.1:9/v1")
                .run(context -> {
                    assertThat(context).hasSingleBean(FineTuneClient.class).hasSingleBean(FineTuneLauncher.class);
                    assertThat(context.getBean(TuneloopProperties.class).toString())
                            .doesNotContain("sk-test-not-a-real-key");
                });
    }

    @Test
    void withoutTheOpenAiModuleAKeyMakesNoClient() {
        runner.withPropertyValues("tuneloop.openai.api-key=sk-test-not-a-real-key")
                .withClassLoader(new FilteredClassLoader("dev.tuneloop.openai"))
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(FineTuneClient.class)
                        .doesNotHaveBean(FineTuneLauncher.class));
    }

    @Test
    void theRecorderIsFlushedAndClosedOnShutdown() {
        InteractionRecorder[] recorder = new InteractionRecorder[1];
        Store[] store = new Store[1];
        dev.tuneloop.record.InteractionId[] id = new dev.tuneloop.record.InteractionId[1];
        runner.withPropertyValues("tuneloop.recorder.max-delay=10m", "tuneloop.recorder.max-batch-size=512")
                .run(context -> {
                    recorder[0] = context.getBean(InteractionRecorder.class);
                    store[0] = context.getBean(Store.class);
                    id[0] = recorder[0].log(Fixtures.interaction(Fixtures.NOW));
                });
        // the context is closed: what was queued (a batch that would have waited 10 minutes) is written
        assertThat(store[0].interactions().find(id[0])).isPresent();
        assertThat(recorder[0].stats().persisted()).isEqualTo(1);
    }

    @Configuration(proxyBeanMethods = false)
    static class FakeProvider {
        static final FakeFineTuneClient CLIENT = FakeFineTuneClient.create();
        static final List<String> FINISHED = new CopyOnWriteArrayList<>();
        static final CountDownLatch FINISHED_ONCE = new CountDownLatch(1);

        @Bean
        FineTuneClient fakeClient() {
            return CLIENT;
        }

        @Bean
        JobListener finished() {
            return new JobListener() {
                @Override
                public void onFinished(FineTuneJob job) {
                    FINISHED.add(job.id() + " " + job.status());
                    FINISHED_ONCE.countDown();
                }
            };
        }

        @Bean
        JobListener throwing() {
            return new JobListener() {
                @Override
                public void onFinished(FineTuneJob job) {
                    throw new IllegalStateException("a host listener that fails");
                }
            };
        }
    }

    @Test
    void withAFineTuneClientUnfinishedJobsAreWatchedFromStartupUntilTheyFinish(@TempDir Path tmp) throws Exception {
        Store store = OwnStore.STORE;
        Path file = Files.writeString(tmp.resolve("train.jsonl"), "{}\n");
        String fileId = FakeProvider.CLIENT.upload(file).id();
        FineTuneJob job = FakeProvider.CLIENT.create(
                FineTuneRequest.builder("gpt-4o-mini-2024-07-18", fileId).build());
        store.jobs().save(job); // launched before this instance started: the watcher resumes it
        runner.withUserConfiguration(OwnStore.class, FakeProvider.class)
                .withPropertyValues("tuneloop.jobs.initial-interval=20ms", "tuneloop.jobs.max-interval=50ms")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(JobWatcher.class);
                    assertThat(FakeProvider.FINISHED_ONCE.await(20, TimeUnit.SECONDS))
                            .as("the watcher reports the finish")
                            .isTrue();
                    // the second listener threw; the first still heard of the finish
                    assertThat(FakeProvider.FINISHED).containsExactly(job.id() + " SUCCEEDED");
                    assertThat(store.jobs().find(job.id()).orElseThrow().status())
                            .isEqualTo(JobStatus.SUCCEEDED);
                    assertThat(store.jobs().active()).isEmpty();
                });
    }

    @Test
    void theWatcherCanBeSwitchedOff() {
        runner.withUserConfiguration(FakeProvider.class)
                .withPropertyValues("tuneloop.jobs.watch=false")
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .hasSingleBean(FineTuneLauncher.class)
                        .doesNotHaveBean(JobWatcher.class));
    }

    @Test
    void aMaxIntervalBelowTheInitialIntervalFailsStartupNamingBoth() {
        runner.withPropertyValues("tuneloop.jobs.initial-interval=1m", "tuneloop.jobs.max-interval=10s")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining(
                                "tuneloop.jobs.max-interval must be at least tuneloop.jobs.initial-interval"));
    }
}
