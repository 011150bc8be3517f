package dev.tuneloop.jdbc;

import static dev.tuneloop.jdbc.Fixtures.NOW;
import static dev.tuneloop.jdbc.Fixtures.interaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.tuneloop.errors.RetriableException;
import dev.tuneloop.errors.TuneloopException;
import dev.tuneloop.record.Edit;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionRecorder;
import dev.tuneloop.record.RecorderOptions;
import dev.tuneloop.record.ScanQuery;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** SQLExceptions become Tuneloop exceptions by what the caller can do; retried writes never duplicate. */
class FailureTranslationTest {

    @Test
    void transientAndConnectionFailuresAreRetriableOthersAreNotAndTheCauseIsKept() {
        for (SQLException e : List.of(
                new SQLTransientConnectionException("timeout"),
                new SQLException("gone", "08006"),
                new SQLException("serialization", "40001"),
                new SQLException("deadlock", "40P01"),
                new SQLException("admin shutdown", "57P01"),
                new SQLException("lock timeout", "HYT00"))) {
            TuneloopException t = SqlExceptionTranslator.translate("append 1 interactions", e);
            assertThat(t)
                    .as(e.getSQLState())
                    .isInstanceOf(RetriableException.class)
                    .hasCause(e);
        }
        BatchUpdateException batch = new BatchUpdateException("batch failed", "21000", new int[0]);
        batch.setNextException(new SQLException("deadlock detected", "40P01"));
        assertThat(SqlExceptionTranslator.translate("append", batch)).isInstanceOf(RetriableException.class);

        SQLException secret = new SQLException("value too long: 'my secret prompt'", "22001");
        TuneloopException t = SqlExceptionTranslator.translate("append 3 interactions", secret);
        assertThat(t)
                .isNotInstanceOf(RetriableException.class)
                .hasCause(secret)
                .hasMessage("append 3 interactions failed (SQLState 22001)");
    }

    @Test
    void aFailureWithoutSQLStateOnAConnectionFoundClosedIsRetriable() throws SQLException {
        // a pool's "Connection is closed" (HikariCP's carries no SQLState) means the connection is gone, not the data
        DataSource ds = mock(DataSource.class);
        Connection c = mock(Connection.class);
        SQLException closed = new SQLException("Connection is closed");
        when(ds.getConnection()).thenReturn(c);
        when(c.getAutoCommit()).thenReturn(true);
        when(c.prepareStatement(org.mockito.ArgumentMatchers.anyString())).thenThrow(closed);
        when(c.createStatement()).thenThrow(closed);
        when(c.isClosed()).thenReturn(true);
        Database db = new Database(ds, JdbcDialect.H2);
        assertThat(catchThrowable(() -> db.inTransaction("count interactions", x -> {
                    x.createStatement();
                    return 0;
                })))
                .isInstanceOf(RetriableException.class)
                .hasMessageContaining("count interactions failed (SQLState unknown)")
                .hasMessageContaining("connection to the database was lost")
                .hasCause(closed);
        when(c.isClosed()).thenReturn(false);
        assertThat(catchThrowable(() -> db.read("read", x -> x.createStatement())))
                .as("the same error on a connection that is still open says nothing about the connection")
                .isNotInstanceOf(RetriableException.class)
                .isInstanceOf(TuneloopException.class);
    }

    @Test
    void aDatabaseOtherThanPostgresOrH2IsRefusedByName() throws SQLException {
        DataSource ds = mock(DataSource.class);
        Connection c = mock(Connection.class);
        DatabaseMetaData md = mock(DatabaseMetaData.class);
        when(ds.getConnection()).thenReturn(c);
        when(c.getMetaData()).thenReturn(md);
        when(md.getDatabaseProductName()).thenReturn("MySQL");
        assertThatThrownBy(() -> JdbcStore.create(ds))
                .isInstanceOf(TuneloopException.class)
                .hasMessageContaining("'MySQL' is not supported")
                .hasMessageContaining("PostgreSQL, H2");
    }

    @Test
    void anUnreachableDatabaseIsRetriableAtStartAndOnEveryCall() {
        FaultyDataSource ds = new FaultyDataSource(TestDatabases.freshH2());
        ds.refuseConnections.set(1);
        assertThatThrownBy(() -> JdbcStore.create(ds))
                .isInstanceOf(RetriableException.class)
                .hasCauseInstanceOf(SQLTransientConnectionException.class);
        JdbcStore store = JdbcStore.create(ds);
        ds.refuseConnections.set(1);
        assertThatThrownBy(() -> store.interactions().append(List.of(interaction(NOW, "u")), List.of()))
                .isInstanceOf(RetriableException.class)
                .hasMessageContaining("append 1 interactions");
    }

    @Test
    void aBatchRetriedByTheRecorderAfterALostCommitIsNotDuplicated() throws SQLException {
        FaultyDataSource ds = new FaultyDataSource(TestDatabases.freshH2());
        JdbcStore store = JdbcStore.create(ds);
        RecorderOptions options = RecorderOptions.builder()
                .maxBatchSize(50)
                .maxDelay(Duration.ofMillis(5))
                .initialBackoff(Duration.ofMillis(1))
                .maxBackoff(Duration.ofMillis(5))
                .build();
        ds.failAfterCommit.set(2);
        ds.refuseConnections.set(2);
        try (InteractionRecorder recorder = InteractionRecorder.async(store.interactions(), options)) {
            for (int k = 0; k < 120; k++) {
                Interaction i = interaction(NOW.minusSeconds(k), "u" + k);
                recorder.log(i);
                recorder.feedback(i.id(), Edit.of("edit " + k));
            }
            assertThat(recorder.flush(Duration.ofSeconds(20))).isTrue();
            assertThat(recorder.stats().failedBatches()).isGreaterThanOrEqualTo(2);
            assertThat(recorder.stats().dropped()).isZero();
        }
        assertThat(store.interactions().count(ScanQuery.all())).isEqualTo(120);
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(user_edited_response) FROM interaction_logs")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(120);
            assertThat(rs.getInt(2)).isEqualTo(120);
        }
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM feedback_events")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(120);
        }
    }
}
