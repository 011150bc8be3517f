package dev.tuneloop.jdbc;

import dev.tuneloop.store.ErasureContract;
import dev.tuneloop.store.Store;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** The shared erasure contract on Postgres, searching every character column of the schema. */
class PostgresErasureContractTest extends ErasureContract {
    private final IdentityHashMap<Store, DataSource> sources = new IdentityHashMap<>();

    @Override
    protected Store newStore() {
        DataSource ds = TestDatabases.freshPostgresSchema();
        Store store = JdbcStore.create(ds);
        sources.put(store, ds);
        return store;
    }

    @Override
    protected Map<String, List<String>> storedTexts(Store store) {
        return StoredTexts.of(sources.get(store));
    }
}
