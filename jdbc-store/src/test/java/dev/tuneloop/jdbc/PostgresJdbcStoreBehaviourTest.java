package dev.tuneloop.jdbc;

import javax.sql.DataSource;

class PostgresJdbcStoreBehaviourTest extends JdbcStoreBehaviourTest {
    @Override
    DataSource newDataSource() {
        return TestDatabases.freshPostgresSchema();
    }
}
