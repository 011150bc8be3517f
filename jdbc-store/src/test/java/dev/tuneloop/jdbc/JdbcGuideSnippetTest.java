package dev.tuneloop.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tuneloop.Tuneloop;
import dev.tuneloop.record.ScanQuery;
import java.nio.file.Path;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDBC guide's snippet (docs/guide/jdbc.md), run on the embedded PostgreSQL and an H2 file. */
class JdbcGuideSnippetTest {
    @TempDir
    Path dir;

    @Test
    void theGuideSnippetOpensBothStores() {
        String postgresUrl = TestDatabases.freshPostgresUrl();
        String user = "postgres";
        String password = "";
        String h2Url = "jdbc:h2:file:" + dir.resolve("tuneloop") + ";DB_CLOSE_DELAY=-1";

        // snippet:jdbc
        // production: PostgreSQL behind HikariCP (reWriteBatchedInserts=true turns JDBC batches into multi-row INSERTs)
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(postgresUrl); // "jdbc:postgresql://db:5432/app?reWriteBatchedInserts=true"
        cfg.setUsername(user);
        cfg.setPassword(password); // System.getenv("DB_PASSWORD")
        HikariDataSource pool = new HikariDataSource(cfg); // the host owns the pool; the store never closes it
        JdbcStore store = JdbcStore.create(pool); // applies pending migrations, then ready

        // embedded default: an H2 file next to the app (DB_CLOSE_DELAY=-1 keeps it open between calls when unpooled;
        // without it H2 closes and reopens the file around every call)
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(h2Url); // "jdbc:h2:file:./data/tuneloop;DB_CLOSE_DELAY=-1"
        JdbcStore local = JdbcStore.create(h2);

        Tuneloop tuneloop = Tuneloop.builder().store(store).build(); // interactions, examples, jobs and versions
        // end-snippet:jdbc

        try (tuneloop) {
            assertThat(store.dialect()).isEqualTo(JdbcDialect.POSTGRESQL);
            assertThat(local.dialect()).isEqualTo(JdbcDialect.H2);
            tuneloop.recorder()
                    .log(tuneloop.interaction()
                            .userId("u1")
                            .userMessage("What was Q3 revenue?")
                            .assistantResponse("35.1 billion dollars.")
                            .modelUsed("gpt-4o-mini")
                            .build());
            tuneloop.recorder().flush(java.time.Duration.ofSeconds(10));
            assertThat(store.interactions().count(ScanQuery.all())).isEqualTo(1);
            assertThat(local.interactions().count(ScanQuery.all())).isZero();
        } finally {
            pool.close();
        }
    }
}
