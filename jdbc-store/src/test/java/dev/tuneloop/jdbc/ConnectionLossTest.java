package dev.tuneloop.jdbc;

import static dev.tuneloop.jdbc.Fixtures.NOW;
import static dev.tuneloop.jdbc.Fixtures.interaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tuneloop.errors.RetriableException;
import dev.tuneloop.record.ScanQuery;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A PostgreSQL that dies under a pooled connection: the first call on the dead connection must fail as retriable,
 * with the driver's connection error as the cause (not replaced by the pool's "Connection is closed" from cleanup).
 * Runs its own embedded PostgreSQL, since it stops it.
 */
class ConnectionLossTest {

    @Test
    void aWriteOnAConnectionWhoseDatabaseDiedIsRetriableWithTheDriversErrorAsCause() throws Exception {
        withDyingDatabase(
                (store, ds) -> store.interactions().append(List.of(interaction(NOW, "u2")), List.of()),
                "append 1 interactions",
                cfg -> {});
    }

    @Test
    void anAutocommitReadOnAConnectionWhoseDatabaseDiedIsRetriableWithTheDriversErrorAsCause() throws Exception {
        // Database.read runs in autocommit mode: a transactional host pool hands out connections with autocommit off
        withDyingDatabase(
                (store, ds) -> new Database(ds, JdbcDialect.POSTGRESQL).read("read the time", c -> {
                    try (Statement s = c.createStatement();
                            ResultSet rs = s.executeQuery("SELECT now()")) {
                        return rs.next();
                    }
                }),
                "read the time",
                cfg -> cfg.setAutoCommit(false));
    }

    /**
     * Starts a database, pools one connection and uses it; then runs {@code call} on the store, stopping the database
     * right after the pool has handed out its (validated, live) connection.
     */
    private static void withDyingDatabase(
            BiConsumer<JdbcStore, DataSource> call, String operation, Consumer<HikariConfig> poolSettings)
            throws Exception {
        EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
        HikariDataSource pool = null;
        try {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setServerNames(new String[] {"localhost"});
            ds.setPortNumbers(new int[] {pg.getPort()});
            ds.setDatabaseName("postgres");
            ds.setUser("postgres");
            HikariConfig cfg = new HikariConfig();
            cfg.setDataSource(ds);
            cfg.setPoolName("connection-loss");
            cfg.setMaximumPoolSize(1);
            cfg.setConnectionTimeout(2_000);
            poolSettings.accept(cfg);
            pool = new HikariDataSource(cfg);
            AtomicBoolean dieOnNextConnection = new AtomicBoolean();
            HikariDataSource hikari = pool;
            DataSource dying = (DataSource) Proxy.newProxyInstance(
                    DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                        Object result;
                        try {
                            result = method.invoke(hikari, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                        if (method.getName().equals("getConnection") && dieOnNextConnection.getAndSet(false)) {
                            // the pool has checked and handed out a live connection; now the database goes away
                            pg.close();
                        }
                        return result;
                    });
            JdbcStore store = JdbcStore.create(dying);
            store.interactions().append(List.of(interaction(NOW, "u1")), List.of());
            assertThat(store.interactions().count(ScanQuery.all())).isEqualTo(1);

            dieOnNextConnection.set(true);
            Throwable failure = catchThrowable(() -> call.accept(store, dying));
            assertThat(dieOnNextConnection)
                    .as("the database was stopped under the call")
                    .isFalse();
            assertThat(failure)
                    .as("the first call after the database died")
                    .isInstanceOf(RetriableException.class)
                    .hasMessageContaining(operation)
                    .hasMessageNotContaining("SQLState unknown");
            assertThat(failure.getCause())
                    .as("the cause is the driver's error, not the pool's complaint during cleanup")
                    .isInstanceOf(SQLException.class)
                    .hasMessageNotContaining("Connection is closed");
            assertThat(((SQLException) failure.getCause()).getSQLState())
                    .as("connection failure (08xxx) or the server's shutdown notice (57P01)")
                    .matches("08...|57P01");
            assertThat(failure.getCause().getSuppressed())
                    .as("the cleanup's failure on the dead connection is kept, as suppressed")
                    .anySatisfy(s -> assertThat(s).hasMessageContaining("closed"));
        } finally {
            if (pool != null) {
                pool.close();
            }
            pg.close();
        }
    }
}
