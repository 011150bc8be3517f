package dev.tuneloop.jdbc;

import dev.tuneloop.curate.ExampleRevision;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.record.Interaction;
import java.time.Instant;
import javax.sql.DataSource;

/** Opens the package-private test helpers to the JPA test in the sub-package. */
public final class JpaTestSupport {
    private JpaTestSupport() {}

    public static DataSource freshPostgresSchema() {
        return TestDatabases.freshPostgresSchema();
    }

    public static TrainingExample approved(Interaction i, Instant at) {
        return Fixtures.approved(i, at);
    }

    public static ExampleRevision firstRevision(TrainingExample e) {
        return Fixtures.firstRevision(e);
    }
}
