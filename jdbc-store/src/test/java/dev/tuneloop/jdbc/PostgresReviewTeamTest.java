package dev.tuneloop.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tuneloop.store.ReviewTeamContract;
import dev.tuneloop.store.Store;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A team of concurrent reviewers on PostgreSQL, each reviewer on its own {@link JdbcStore} and its own connection
 * pool over the same schema, as separate app instances would be.
 */
class PostgresReviewTeamTest extends ReviewTeamContract {
    private final List<HikariDataSource> pools = new ArrayList<>();
    private String schema;

    @Override
    protected Store newStore() {
        DataSource ds = TestDatabases.freshPostgresSchema();
        try (Connection c = ds.getConnection()) {
            schema = c.getSchema();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the test schema", e);
        }
        return JdbcStore.create(ds);
    }

    @Override
    protected Store storeFor(Store shared, int index) {
        PGSimpleDataSource ds = TestDatabases.postgres();
        ds.setCurrentSchema(schema);
        HikariConfig cfg = new HikariConfig();
        cfg.setDataSource(ds);
        cfg.setPoolName("instance-" + index + "-" + schema);
        cfg.setMinimumIdle(0);
        cfg.setMaximumPoolSize(2);
        HikariDataSource pool = new HikariDataSource(cfg);
        pools.add(pool);
        return JdbcStore.create(pool);
    }

    /** Closes each run's pools at once (jqwik tries do not run {@code @AfterEach}). */
    @Override
    protected Outcome run(int reviewers, int candidates, long seed, double blindShare) throws Exception {
        try {
            return super.run(reviewers, candidates, seed, blindShare);
        } finally {
            closePools();
        }
    }

    @AfterEach
    void closePools() {
        pools.forEach(HikariDataSource::close);
        pools.clear();
    }

    /** The figures of the closing note: a larger team, measured (printed, not asserted on time). */
    @Test
    void eightInstancesOnTwoHundredCandidates() throws Exception {
        Outcome o = run(8, 200, 7L);
        System.out.println("review team on PostgreSQL: " + o);
        assertThat(o.doubleHandOuts()).isZero();
        assertThat(o.conflictsOnOwnClaims()).isZero();
        assertThat(o.reviewed()).isEqualTo(200);
        assertThat(o.examples()).isEqualTo(200);
    }

    /** The same with a 10 % blind double-review share: the blind share reviewed twice, nothing promoted twice. */
    @Test
    void eightInstancesOnTwoHundredCandidatesWithBlindDoubleReview() throws Exception {
        Outcome o = run(8, 200, 7L, 0.1);
        System.out.println("review team on PostgreSQL, 10 % blind: " + o);
        assertThat(o.blindCandidates()).isPositive();
        assertClean(o, 200);
    }
}
