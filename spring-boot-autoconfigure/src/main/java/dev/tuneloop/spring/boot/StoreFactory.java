package dev.tuneloop.spring.boot;

import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.store.Store;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.ClassUtils;

/** Picks the store for {@code tuneloop.store.type}. */
final class StoreFactory {
    private static final Logger LOG = LoggerFactory.getLogger(StoreFactory.class);
    static final String JDBC_STORE_CLASS = "dev.tuneloop.jdbc.JdbcStore";

    private StoreFactory() {}

    static Store create(
            TuneloopProperties.StoreSettings settings,
            ObjectProvider<DataSource> dataSources,
            @Nullable ClassLoader loader) {
        TuneloopProperties.StoreType type = settings.getType();
        if (type == TuneloopProperties.StoreType.MEMORY) {
            return memory("tuneloop.store.type=memory");
        }
        boolean jdbcOnClasspath = ClassUtils.isPresent(JDBC_STORE_CLASS, loader);
        DataSource dataSource = dataSources.getIfUnique();
        if (type == TuneloopProperties.StoreType.JDBC) {
            if (!jdbcOnClasspath || dataSource == null) {
                throw new ValidationException(List.of("tuneloop.store.type is jdbc, but "
                        + (jdbcOnClasspath
                                ? "the application has no single DataSource bean"
                                : "dev.tuneloop:tuneloop-jdbc-store is not on the classpath")));
            }
            return JdbcStores.create(dataSource, settings);
        }
        if (jdbcOnClasspath && dataSource != null) {
            return JdbcStores.create(dataSource, settings);
        }
        return memory(jdbcOnClasspath ? "no DataSource" : "tuneloop-jdbc-store is not on the classpath");
    }

    private static Store memory(String why) {
        LOG.info("Tuneloop keeps its data in memory ({}): it is lost at shutdown", why);
        return Store.inMemory();
    }
}
