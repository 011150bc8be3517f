package dev.tuneloop.jdbc;

import javax.sql.DataSource;

class H2JdbcStoreBehaviourTest extends JdbcStoreBehaviourTest {
    @Override
    DataSource newDataSource() {
        return TestDatabases.freshH2();
    }
}
