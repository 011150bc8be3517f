package dev.tuneloop.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuneloop.jdbc.JdbcDialect;
import dev.tuneloop.jdbc.JdbcStore;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.store.Store;
import dev.tuneloop.testsupport.Fixtures;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The store on the application's PostgreSQL DataSource: migrated on start, written by the recorder. */
class PostgresStoreTest {
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void theJdbcStoreRunsOnTheApplicationsPostgresDataSource() {
        DataSource ds = postgres.getPostgresDatabase();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TuneloopAutoConfiguration.class))
                .withBean(DataSource.class, () -> ds)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Store store = context.getBean(Store.class);
                    assertThat(store).isInstanceOf(JdbcStore.class);
                    assertThat(((JdbcStore) store).dialect()).isEqualTo(JdbcDialect.POSTGRESQL);
                    InteractionRecorder recorder = context.getBean(InteractionRecorder.class);
                    InteractionId id = recorder.log(Fixtures.interaction(Instant.now()));
                    assertThat(recorder.flush(Duration.ofSeconds(10))).isTrue();
                    assertThat(store.interactions().find(id)).isPresent();
                });
        // a second application start on the migrated database checks the schema instead of migrating
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TuneloopAutoConfiguration.class))
                .withBean(DataSource.class, () -> ds)
                .withPropertyValues("tuneloop.store.migrate=false")
                .run(context ->
                        assertThat(context).hasNotFailed().getBean(Store.class).isInstanceOf(JdbcStore.class));
    }
}
