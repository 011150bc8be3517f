package dev.tuneloop.spring.boot;

import dev.tuneloop.jdbc.JdbcStore;
import dev.tuneloop.store.Store;
import javax.sql.DataSource;

/** The JDBC store; a class of its own so that nothing loads {@link JdbcStore} when the module is absent. */
final class JdbcStores {
    private JdbcStores() {}

    static Store create(DataSource dataSource, TuneloopProperties.StoreSettings settings) {
        return JdbcStore.builder(dataSource)
                .migrate(settings.isMigrate())
                .createSchema(settings.isCreateSchema())
                .build();
    }
}
